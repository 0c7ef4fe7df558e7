import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { Inject, Injectable } from '@nestjs/common';

import * as tar from 'tar';
import { EntityManager } from 'typeorm';

import { FILE_STORAGE, FileStorage, pathInTenant, tenantKey, tenantPrefix } from '@plaza/storage';
import {
  ProvisioningService,
  quoteIdent,
  TenantContext,
  TenantDb,
  TenantEntity,
  TenantRef,
  TenantRegistry,
  toTenantRef,
} from '@plaza/tenancy';

export const ARCHIVE_FORMAT = 'plaza-tenant-export';
export const ARCHIVE_VERSION = 1;
const MIGRATIONS_TABLE = 'schema_migrations';

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  tenant: {
    id: string;
    slug: string;
    name: string;
    defaultLocale: string;
    locales: string[];
    plan: string | null;
  };
  /** Tenant migrations applied to the exported schema: the schema version. */
  schema: { migrations: string[] };
  tables: Record<string, number>;
  files: number;
}

interface FileEntry {
  path: string;
  contentType: string;
  size: number;
}

/**
 * A tenant's whole data in one portable `.tar.gz`: every table as JSON lines
 * (`tables/<name>.jsonl`), every file (`files/<path>`, listed in
 * `files.jsonl`), and `manifest.json` with the schema version. Importing it
 * on another Plaza deployment gives an organization its data back.
 */
@Injectable()
export class TenantArchiveService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly provisioning: ProvisioningService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async export(tenant: TenantRef, archivePath: string): Promise<ArchiveManifest> {
    const work = await mkdtemp(join(tmpdir(), 'plaza-export-'));
    try {
      const tables: Record<string, number> = {};
      await mkdir(join(work, 'tables'));
      const migrations = await this.tenantDb.runFor(tenant, async (em) => {
        for (const table of await tablesOf(em)) {
          const rows = (await em.query(
            `select row_to_json(t) as row from ${quoteIdent(table)} t`,
          )) as { row: unknown }[];
          tables[table] = rows.length;
          await writeFile(
            join(work, 'tables', `${table}.jsonl`),
            rows.map((r) => `${JSON.stringify(r.row)}\n`).join(''),
          );
        }
        return (
          (await em.query(`select name from ${MIGRATIONS_TABLE} order by run_at, name`)) as {
            name: string;
          }[]
        ).map((r) => r.name);
      });
      const files: FileEntry[] = [];
      await TenantContext.run(tenant, async () => {
        for await (const object of this.storage.list(tenantPrefix())) {
          const path = pathInTenant(object.key);
          const stream = await this.storage.get(object.key);
          const target = join(work, 'files', path);
          await mkdir(dirname(target), { recursive: true });
          await pipeline(stream.body, createWriteStream(target));
          files.push({ path, contentType: stream.contentType, size: stream.size });
        }
      });
      await writeFile(
        join(work, 'files.jsonl'),
        files.map((f) => `${JSON.stringify(f)}\n`).join(''),
      );
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        exportedAt: new Date().toISOString(),
        tenant: {
          id: tenant.id,
          slug: tenant.slug,
          name: tenant.name,
          defaultLocale: tenant.defaultLocale,
          locales: [...tenant.locales],
          plan: tenant.planCode,
        },
        schema: { migrations },
        tables,
        files: files.length,
      };
      await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await tar.create({ gzip: true, file: archivePath, cwd: work, portable: true }, ['.']);
      return manifest;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Restores an archive as a new tenant with `slug`; returns it, active. */
  async import(archivePath: string, slug: string, name?: string): Promise<TenantRef> {
    const work = await mkdtemp(join(tmpdir(), 'plaza-import-'));
    try {
      await pipeline(createReadStream(archivePath), tar.extract({ cwd: work, strict: true }));
      const manifest = JSON.parse(
        await readFile(join(work, 'manifest.json'), 'utf8'),
      ) as ArchiveManifest;
      if (manifest.format !== ARCHIVE_FORMAT || manifest.version !== ARCHIVE_VERSION) {
        throw new Error('This file is not a Plaza organization export this version can read.');
      }
      const row = await this.registry.create({
        slug,
        name: name ?? manifest.tenant.name,
        defaultLocale: manifest.tenant.defaultLocale,
        locales: manifest.tenant.locales,
        planCode: null,
      });
      const tenant = await this.provisioning.provision(row.id);
      try {
        await this.restore(tenant, manifest, work);
      } catch (error) {
        // Never leave a half-restored organization behind.
        await TenantContext.run(tenant, () => this.storage.deletePrefix(tenantPrefix()));
        await this.provisioning.deprovision(row.id);
        throw error;
      }
      return toTenantRef({ ...(row as TenantEntity), status: 'active' });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async restore(tenant: TenantRef, manifest: ArchiveManifest, work: string): Promise<void> {
    await this.tenantDb.runFor(tenant, async (em) => {
      const known = new Set(
        ((await em.query(`select name from ${MIGRATIONS_TABLE}`)) as { name: string }[]).map(
          (r) => r.name,
        ),
      );
      const unknown = manifest.schema.migrations.filter((m) => !known.has(m));
      if (unknown.length) {
        throw new Error(
          `The export comes from a newer Plaza (migrations ${unknown.join(', ')}); upgrade this deployment first.`,
        );
      }
      const present = await tablesOf(em);
      const tables = Object.keys(manifest.tables).filter((t) => present.includes(t));
      // Seeded defaults make way for the archive's rows.
      if (tables.length) {
        await em.query(`truncate ${tables.map(quoteIdent).join(', ')} cascade`);
      }
      for (const table of await inDependencyOrder(em, tables)) {
        const lines = (await readFile(join(work, 'tables', `${table}.jsonl`), 'utf8'))
          .split('\n')
          .filter(Boolean);
        for (let i = 0; i < lines.length; i += 500) {
          const batch = `[${lines.slice(i, i + 500).join(',')}]`;
          await em.query(
            `insert into ${quoteIdent(table)} select * from json_populate_recordset(null::${quoteIdent(table)}, $1::json)`,
            [batch],
          );
        }
      }
    });
    const files = (await readFile(join(work, 'files.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FileEntry);
    await TenantContext.run(tenant, async () => {
      for (const file of files) {
        await this.storage.put(
          tenantKey(file.path),
          createReadStream(join(work, 'files', file.path)),
          {
            contentType: file.contentType,
          },
        );
      }
    });
  }
}

/** The tenant's own tables, without the migrations bookkeeping. */
async function tablesOf(em: EntityManager): Promise<string[]> {
  const rows = (await em.query(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> $1
      order by table_name`,
    [MIGRATIONS_TABLE],
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Referenced tables before the tables that reference them. */
async function inDependencyOrder(em: EntityManager, tables: string[]): Promise<string[]> {
  const edges = (await em.query(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = current_schema()`,
  )) as { child: string; parent: string }[];
  const strip = (name: string) => name.replace(/^.*\./, '').replace(/"/g, '');
  const ordered: string[] = [];
  const visit = (table: string, seen: Set<string>) => {
    if (ordered.includes(table) || seen.has(table)) return;
    seen.add(table);
    for (const edge of edges) {
      const child = strip(edge.child);
      const parent = strip(edge.parent);
      if (child === table && parent !== table && tables.includes(parent)) visit(parent, seen);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}
