import { DataSource } from 'typeorm';

import { SecretBox } from '@plaza/core';
import {
  documentHash,
  documentKey,
  legacyDocumentHash,
  newTotpSecret,
  UserEntity,
  VerificationEntity,
} from '@plaza/identity';
import {
  ADMIN_DATA_SOURCE,
  OrganizationEntity,
  TenantDb,
  TenantRegistry,
  toTenantRef,
} from '@plaza/tenancy';
import { createUser, TestPlatform, uniqueSlug } from '@plaza/testing';

import { runCli } from '../src/cli';

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(['node', 'plaza', ...args], (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('plaza CLI', () => {
  let platform: TestPlatform;
  let stderr: jest.SpyInstance;

  beforeAll(async () => {
    platform = await TestPlatform.start();
  });
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());
  afterAll(() => platform.close());

  const errors = () => stderr.mock.calls.map((c) => String(c[0])).join('');

  it('creates, lists and deletes a tenant', async () => {
    const slug = uniqueSlug('cli');
    const created = await cli(
      'tenants:create',
      '--slug',
      slug,
      '--name',
      'CLI City',
      '--locales',
      'fr,en',
      '--admin-email',
      'a@cli.example',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain(`Created ${slug}`);
    // The first admin's invitation is issued (and its mail queued for the worker).
    const row = await platform.get(TenantRegistry).getBySlug(slug);
    const invitations = await platform.get(TenantDb).runFor(toTenantRef(row), (em) =>
      em.query(
        `select t.purpose from user_tokens t join users u on u.id = t.user_id
            where u.email = 'a@cli.example'`,
      ),
    );
    expect(invitations).toEqual([{ purpose: 'invite' }]);

    const listed = await cli('tenants:list', '--json');
    const tenants = JSON.parse(listed.out) as {
      slug: string;
      status: string;
      locales: string[];
      defaultLocale: string;
    }[];
    expect(tenants.find((t) => t.slug === slug)).toMatchObject({
      status: 'active',
      locales: ['fr', 'en'],
      defaultLocale: 'fr',
    });

    expect((await cli('tenants:delete', '--slug', slug)).code).toBe(2);
    expect(errors()).toContain('--yes');
    const deleted = await cli('tenants:delete', '--slug', slug, '--yes');
    expect(deleted.code).toBe(0);
    const after = JSON.parse((await cli('tenants:list', '--json')).out) as {
      slug: string;
      status: string;
    }[];
    expect(after.find((t) => t.slug === slug)?.status).toBe('deleted');
  });

  it('explains refused input and exits non-zero', async () => {
    const reserved = await cli('tenants:create', '--slug', 'www', '--name', 'X');
    expect(reserved.code).toBe(1);
    expect(errors()).toContain('reserved');
    const badLocale = await cli(
      'tenants:create',
      '--slug',
      uniqueSlug(),
      '--name',
      'X',
      '--locales',
      'de',
    );
    expect(badLocale.code).toBe(1);
    expect(errors()).toContain('Unsupported locale(s): de');
  });

  it('creates console users, owner by default, and refuses duplicates and short passwords', async () => {
    const email = `${uniqueSlug('op')}@provider.example`;
    const created = await cli(
      'console-users:create',
      '--email',
      email,
      '--password',
      'correct horse battery',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain('(owner)');
    expect(
      (await cli('console-users:create', '--email', email, '--password', 'correct horse battery'))
        .code,
    ).toBe(1);
    expect(errors()).toContain('already exists');
    const short = await cli('console-users:create', '--email', `x${email}`, '--password', 'short');
    expect(short.code).toBe(1);
    expect(errors()).toContain('at least 12 characters');
    const viewer = await cli(
      'console-users:create',
      '--email',
      `v${email}`,
      '--password',
      'correct horse battery',
      '--role',
      'viewer',
    );
    expect(viewer.out).toContain('(viewer)');
    const [row] = await platform
      .get<DataSource>(ADMIN_DATA_SOURCE)
      .query('select password_hash from platform.console_users where email = $1', [email]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('migrate seals two-factor secrets stored in clear, once', async () => {
    const tenant = await platform.createTenant();
    const clear = newTotpSecret();
    const user = await createUser(platform.ctx, tenant, { name: 'Legacy' });
    const db = platform.get(TenantDb);
    const stored = () =>
      db.runFor(
        tenant,
        async (em) => (await em.findOneByOrFail(UserEntity, { id: user.id })).totpSecret!,
      );
    await db.runFor(tenant, (em) => em.update(UserEntity, { id: user.id }, { totpSecret: clear }));

    const first = await cli('migrate');
    expect(first.out).toContain(`${tenant.slug}: sealed 1 two-factor secret(s)`);
    const sealed = await stored();
    expect(sealed).not.toContain(clear);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(platform.get(SecretBox).decrypt(sealed)).toBe(clear);

    const second = await cli('migrate');
    expect(second.out).not.toContain(`${tenant.slug}: sealed`);
    expect(await stored()).toBe(sealed);
  });

  it('migrate keys verification document hashes stored as bare SHA-256, once', async () => {
    const tenant = await platform.createTenant();
    const user = await createUser(platform.ctx, tenant, { name: 'Legacy verified' });
    const db = platform.get(TenantDb);
    const legacy = legacyDocumentHash('id_documents', '12345');
    const salt = await db.runFor(
      tenant,
      async (em) => (await em.findOneByOrFail(OrganizationEntity, { id: 1 })).verificationSalt,
    );
    const stored = () =>
      db.runFor(
        tenant,
        async (em) =>
          (await em.findOneByOrFail(VerificationEntity, { userId: user.id })).uniqueHash,
      );
    await db.runFor(tenant, (em) =>
      em.save(
        em.create(VerificationEntity, {
          userId: user.id,
          method: 'id_documents',
          status: 'granted',
          documentType: 'national_id',
          documentNumber: null,
          uniqueHash: legacy,
          numberHint: '345',
        }),
      ),
    );

    const first = await cli('migrate');
    expect(first.out).toContain(`${tenant.slug}: keyed 1 verification document hash(es)`);
    // The value a new request for the same document gets, so uniqueness holds across the change.
    const keyed = documentHash(
      documentKey(platform.config.secretsKey, salt),
      'id_documents',
      '12345',
    );
    expect(await stored()).toBe(keyed);

    const second = await cli('migrate');
    expect(second.out).not.toContain(`${tenant.slug}: keyed`);
    expect(await stored()).toBe(keyed);
  });

  it('migrate exits non-zero and names the tenant that failed, and the others are migrated', async () => {
    const broken = await platform.createTenant();
    const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
    // Forgetting its migration history makes the first migration collide with existing tables.
    await admin.query(`delete from "${broken.schemaName}".schema_migrations`);
    try {
      const run = await cli('migrate');
      expect(run.code).toBe(1);
      expect(run.out).toContain(`FAILED ${broken.slug}`);
      expect(run.out).toMatch(/Platform: (up to date|applied)/);
    } finally {
      await platform
        .get<DataSource>(ADMIN_DATA_SOURCE)
        .query(`drop schema "${broken.schemaName}" cascade`);
      await admin.query(`update platform.tenants set status = 'deleted' where id = $1`, [
        broken.id,
      ]);
    }
  });
});
