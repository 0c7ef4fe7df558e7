import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

import { TestPlatform, uniqueSlug } from '@plaza/testing';

import { SCHEMA } from '../../../migrations';
import { ADMIN_DATA_SOURCE } from './database';
import { Migrator } from './migrator.service';
import { ProvisioningService } from './provisioning.service';
import { toTenantRef } from './tenant-context';
import { TenantDb } from './tenant-db.service';
import { TenantRegistry } from './tenant-registry.service';

describe('Provisioning', () => {
  let platform: TestPlatform;
  let sut: ProvisioningService;
  let registry: TenantRegistry;
  let admin: DataSource;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    sut = platform.get(ProvisioningService);
    registry = platform.get(TenantRegistry);
    admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
  });
  afterAll(() => platform.close());

  const countRows = async (schema: string, table: string) =>
    Number((await admin.query(`select count(*)::int as n from "${schema}"."${table}"`))[0].n);

  it('creates role, schema owned by the role, tables and default data, then marks the tenant active', async () => {
    const row = await registry.create({
      slug: uniqueSlug(),
      name: 'Fresh City',
      locales: ['fr', 'ca'],
      adminEmail: 'Boss@Fresh.example',
    });
    const progress: number[] = [];
    const ref = await sut.provision(row.id, { onProgress: (_s, p) => void progress.push(p) });
    expect(ref.status).toBe('active');
    expect(progress).toEqual([30, 70, 90, 100]);
    const [schema] = await admin.query(
      'select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = $1',
      [row.schemaName],
    );
    expect(schema.owner).toBe(row.roleName);
    const [role] = await admin.query(
      'select rolcanlogin, rolinherit from pg_roles where rolname = $1',
      [row.roleName],
    );
    expect(role).toEqual({ rolcanlogin: false, rolinherit: false });
    const organization = await admin.query(`select name from "${row.schemaName}".organization`);
    expect(organization[0].name).toEqual({ fr: 'Fresh City', ca: 'Fresh City' });
    const admins = await admin.query(`select email, roles from "${row.schemaName}".users`);
    expect(admins).toEqual([{ email: 'boss@fresh.example', roles: ['admin'] }]);
    expect(await countRows(row.schemaName, 'static_pages')).toBe(1);
    expect((await registry.findById(row.id))?.status).toBe('active');
  });

  it('is harmless when run twice', async () => {
    const row = await registry.create({
      slug: uniqueSlug(),
      name: 'Twice Town',
      adminEmail: 'a@twice.example',
    });
    await sut.provision(row.id);
    await sut.provision(row.id);
    expect(await countRows(row.schemaName, 'users')).toBe(1);
    expect(await countRows(row.schemaName, 'organization')).toBe(1);
    expect(await countRows(row.schemaName, 'static_pages')).toBe(1);
    const applied: { name: string }[] = await admin.query(
      `select name from "${row.schemaName}".schema_migrations`,
    );
    const names = applied.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(SCHEMA.tenantMigrations.map((M) => new M().name)));
  });

  it('finishes on rerun a provisioning interrupted after the schema exists', async () => {
    const row = await registry.create({
      slug: uniqueSlug(),
      name: 'Crash City',
      adminEmail: 'a@crash.example',
    });
    await expect(
      sut.provision(row.id, {
        onProgress: (step) => {
          if (step === 'schema') throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const schemas = await admin.query('select 1 from pg_namespace where nspname = $1', [
      row.schemaName,
    ]);
    expect(schemas).toHaveLength(1);
    expect((await registry.findById(row.id))?.status).toBe('provisioning');

    const ref = await sut.provision(row.id);
    expect(ref.status).toBe('active');
    expect(await countRows(row.schemaName, 'users')).toBe(1);
  });

  it('lets the serving login reach a new tenant only through TenantDb', async () => {
    const tenant = await platform.createTenant();
    const names = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.query('select name from organization'));
    expect(names).toHaveLength(1);
  });

  it('refuses bad slugs with a sentence and taken slugs with 409', async () => {
    await expect(registry.create({ slug: 'console', name: 'X' })).rejects.toMatchObject({
      fields: { slug: ['The slug "console" is reserved; please choose another one.'] },
    });
    await expect(registry.create({ slug: 'A_b', name: 'X' })).rejects.toMatchObject({
      fields: { slug: [expect.any(String)] },
    });
    const slug = uniqueSlug();
    await registry.create({ slug, name: 'First' });
    await expect(registry.create({ slug, name: 'Second' })).rejects.toMatchObject({ status: 409 });
  });

  it('deletes schema, role and domains, keeping a tombstone whose slug can be reused', async () => {
    const tenant = await platform.createTenant();
    await sut.deprovision(tenant.id);
    expect(
      await admin.query('select 1 from pg_namespace where nspname = $1', [tenant.schemaName]),
    ).toHaveLength(0);
    expect(
      await admin.query('select 1 from pg_roles where rolname = $1', [tenant.roleName]),
    ).toHaveLength(0);
    expect((await registry.findById(tenant.id))?.status).toBe('deleted');
    const reused = await registry.create({ slug: tenant.slug, name: 'Reborn' });
    expect(reused.id).not.toBe(tenant.id);
    expect(await registry.findById(tenant.id)).toBeNull();
  });
});

class CreateWidgets1999999999999 implements MigrationInterface {
  name = 'CreateWidgets1999999999999';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE widgets (id serial PRIMARY KEY, label text NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE widgets');
  }
}

describe('Tenant migration runner', () => {
  let platform: TestPlatform;
  let sut: Migrator;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    sut = platform.get(Migrator);
  });
  afterAll(() => platform.close());

  it('reports a failing tenant by name, migrates the others, and resumes on rerun', async () => {
    const healthy = await platform.createTenant();
    const broken = await platform.createTenant();
    // A table left behind in one tenant makes the new migration fail there only.
    await platform.get(TenantDb).runFor(broken, (em) => em.query('CREATE TABLE widgets (id int)'));

    const report = await sut.migrateAllTenants({
      concurrency: 3,
      extraMigrations: [CreateWidgets1999999999999],
    });
    const byId = new Map(report.results.map((r) => [r.tenantId, r]));
    expect(byId.get(healthy.id)?.applied).toEqual(['CreateWidgets1999999999999']);
    expect(byId.get(healthy.id)?.error).toBeUndefined();
    expect(byId.get(broken.id)?.error).toMatch(/widgets.*already exists/);
    expect(report.failed.map((f) => f.slug)).toContain(broken.slug);

    await platform.get(TenantDb).runFor(broken, (em) => em.query('DROP TABLE widgets'));
    const rerun = await sut.migrateAllTenants({ extraMigrations: [CreateWidgets1999999999999] });
    const again = new Map(rerun.results.map((r) => [r.tenantId, r]));
    expect(again.get(broken.id)).toMatchObject({ applied: ['CreateWidgets1999999999999'] });
    expect(again.get(broken.id)?.error).toBeUndefined();
    expect(again.get(healthy.id)).toMatchObject({ applied: [] });
  });

  it('runs each tenant migration under the tenant role', async () => {
    const tenant = await platform.createTenant();
    await sut.migrateTenant(toTenantRefLike(tenant), [CreateWidgets1999999999999]);
    const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
    const [owner] = await admin.query(
      `select tableowner from pg_tables where schemaname = $1 and tablename = 'widgets'`,
      [tenant.schemaName],
    );
    expect(owner.tableowner).toBe(tenant.roleName);
  });
});

function toTenantRefLike(tenant: ReturnType<typeof toTenantRef>) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    schemaName: tenant.schemaName,
    roleName: tenant.roleName,
  };
}
