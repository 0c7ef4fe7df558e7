import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import * as tar from 'tar';

import { ConsoleArchiveModule } from '@plaza/console';
import { CoreModule } from '@plaza/core';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { FILE_STORAGE, FileStorage, tenantKey, tenantPrefix } from '@plaza/storage';
import {
  ProvisioningService,
  TenancyModule,
  TenantContext,
  TenantDb,
  TenantRef,
  TenantRegistry,
} from '@plaza/tenancy';
import { createUser, testConfig, testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { runCli } from '../src/cli';

describe('tenants:export → delete → tenants:import', () => {
  let dir: string;
  let platform: TestPlatform;
  let ctx: INestApplicationContext;
  let stderr: jest.SpyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plaza-archive-'));
    process.env.STORAGE_DIR = join(dir, 'storage');
    platform = await TestPlatform.start();
    ctx = await NestFactory.createApplicationContext(
      {
        module: class ArchiveTestModule {},
        imports: [
          CoreModule.forRoot(testConfig(), testLogger()),
          TenancyModule.forRoot({
            catalog: SCHEMA,
            seeders: TENANT_SEEDERS,
            admin: true,
            applicationName: 'plaza-test-archive',
          }),
          ConsoleArchiveModule,
        ],
      },
      { logger: false },
    );
  });
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());
  afterAll(async () => {
    await ctx?.close();
    await platform?.close();
    delete process.env.STORAGE_DIR;
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await runCli(['node', 'plaza', ...args], (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  }

  /** Every row of every tenant table, comparable across tenants. */
  async function snapshot(tenant: TenantRef): Promise<Record<string, unknown[]>> {
    return ctx.get(TenantDb).runFor(tenant, async (em) => {
      const tables = (await em.query(
        `select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_name <> 'schema_migrations' order by 1`,
      )) as { name: string }[];
      const out: Record<string, unknown[]> = {};
      for (const { name } of tables) {
        const rows = (await em.query(`select row_to_json(t) as r from "${name}" t`)) as {
          r: Record<string, unknown>;
        }[];
        out[name] = rows.map((x) => JSON.stringify(x.r)).sort();
      }
      return out;
    });
  }

  it('restores the same rows and files as a new organization', async () => {
    const storage = ctx.get<FileStorage>(FILE_STORAGE);
    const source = await platform.createTenant({
      name: 'Ville exportée',
      locales: ['fr', 'ca'],
      defaultLocale: 'fr',
      adminEmail: 'maire@ville.example',
    });
    await createUser(platform.ctx, source, { name: 'Ada' });
    await createUser(platform.ctx, source, { name: 'Grace' });
    await TenantContext.run(source, () =>
      storage.put(tenantKey('uploads', 'plan.txt'), Buffer.from('le plan'), {
        contentType: 'text/plain',
      }),
    );
    const before = await snapshot(source);
    expect(before.users).toHaveLength(3);

    const archive = join(dir, 'ville.tar.gz');
    const exported = await cli('tenants:export', '--slug', source.slug, '--out', archive);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toContain('1 files');
    const entries: string[] = [];
    await tar.list({ file: archive, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(
      expect.arrayContaining([
        './manifest.json',
        './tables/users.jsonl',
        './files/uploads/plan.txt',
      ]),
    );

    await ctx.get(ProvisioningService).deprovision(source.id);

    const slug = uniqueSlug('imported');
    const imported = await cli('tenants:import', '--file', archive, '--slug', slug);
    expect(imported.code).toBe(0);
    const row = await ctx.get(TenantRegistry).findBySlug(slug);
    expect(row).toMatchObject({ status: 'active', name: 'Ville exportée', locales: ['fr', 'ca'] });
    const restored = (await ctx.get(TenantRegistry).refById(row!.id))!;
    expect(await snapshot(restored)).toEqual(before);
    const files = await TenantContext.run(restored, async () => {
      const found: string[] = [];
      for await (const object of storage.list(tenantPrefix())) found.push(object.key);
      const body = await text((await storage.get(tenantKey('uploads', 'plan.txt'))).body);
      return { found, body };
    });
    expect(files).toEqual({ found: [`${restored.id}/uploads/plan.txt`], body: 'le plan' });
  });

  it('refuses an archive from a newer schema, and a taken slug', async () => {
    const source = await platform.createTenant();
    const archive = join(dir, 'other.tar.gz');
    expect((await cli('tenants:export', '--slug', source.slug, '--out', archive)).code).toBe(0);
    const taken = await cli('tenants:import', '--file', archive, '--slug', source.slug);
    expect(taken.code).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('already taken');

    const unpacked = join(dir, 'unpacked');
    await mkdir(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    const manifest = JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8'));
    manifest.schema.migrations.push('FromTheFuture9999999999999');
    await writeFile(join(unpacked, 'manifest.json'), JSON.stringify(manifest));
    const future = join(dir, 'future.tar.gz');
    await tar.create({ gzip: true, file: future, cwd: unpacked }, ['.']);
    const slug = uniqueSlug('future');
    const refused = await cli('tenants:import', '--file', future, '--slug', slug);
    expect(refused.code).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(
      'The export comes from a newer Plaza (migrations FromTheFuture9999999999999)',
    );
    // Nothing half-restored stays behind.
    expect((await ctx.get(TenantRegistry).findBySlug(slug))?.status).toBe('deleted');
  });
});
