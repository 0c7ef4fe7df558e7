import { DataSource } from 'typeorm';

import { UserEntity } from '@plaza/identity';
import { testConfig, TestPlatform } from '@plaza/testing';

import { SCHEMA } from '../../../migrations';
import { APP_DATA_SOURCE, buildDataSource, loginOf } from './database';
import { TenantContext, TenantRef } from './tenant-context';
import { TenantDb } from './tenant-db.service';

describe('TenantDb isolation (two tenants, real PostgreSQL)', () => {
  let platform: TestPlatform;
  let tenantDb: TenantDb;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    tenantDb = platform.get(TenantDb);
    a = await platform.createTenant({ adminEmail: 'same@example.org', adminName: 'Admin of A' });
    b = await platform.createTenant({ adminEmail: 'same@example.org', adminName: 'Admin of B' });
  });
  afterAll(() => platform.close());

  it('keeps the same table with different rows in each tenant, each seeing only its own', async () => {
    await tenantDb.runFor(a, (em) =>
      em.insert(UserEntity, {
        email: 'only-a@example.org',
        nickname: 'only_a',
        name: 'Only A',
        roles: [],
      }),
    );
    const seenByA = await tenantDb.runFor(a, (em) =>
      em.find(UserEntity, { order: { email: 'ASC' } }),
    );
    const seenByB = await tenantDb.runFor(b, (em) =>
      em.find(UserEntity, { order: { email: 'ASC' } }),
    );
    expect(seenByA.map((u) => u.email)).toEqual(['only-a@example.org', 'same@example.org']);
    expect(seenByB.map((u) => u.email)).toEqual(['same@example.org']);
    expect(seenByA.find((u) => u.email === 'same@example.org')?.name).toBe('Admin of A');
    expect(seenByB[0].name).toBe('Admin of B');
  });

  it("refuses, inside A's unit of work, a query naming B's schema", async () => {
    await expect(
      tenantDb.runFor(a, (em) => em.query(`select * from "${b.schemaName}".users`)),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses the serving login any tenant table outside a unit of work', async () => {
    const ds = platform.get<DataSource>(APP_DATA_SOURCE);
    await expect(ds.query(`select * from "${a.schemaName}".users`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(ds.query('select * from users')).rejects.toThrow(
      /does not exist|permission denied/,
    );
  });

  it('throws when tenant data is reached outside a tenant scope', async () => {
    await expect(tenantDb.run(async () => 1)).rejects.toThrow(/No tenant in context/);
    expect(() => TenantContext.current()).toThrow(/No tenant in context/);
  });

  describe('the connection returned to the pool', () => {
    let single: DataSource;
    let sut: TenantDb;
    const config = testConfig();

    beforeAll(async () => {
      // One connection, so the next borrower is certainly the one the unit of work used.
      single = await buildDataSource({
        url: config.databaseUrl,
        applicationName: 'plaza-test-single',
        poolMax: 1,
        maxUses: 0,
        entities: [...SCHEMA.platformEntities, ...SCHEMA.tenantEntities],
      }).initialize();
      sut = new TenantDb(single);
    });
    afterAll(() => single.destroy());

    const expectClean = async () => {
      const [row] = await single.query(
        "select current_user as role, current_setting('search_path') as search_path",
      );
      expect(row).toEqual({ role: loginOf(config.databaseUrl), search_path: '"$user", public' });
    };

    it('is clean after a commit', async () => {
      await sut.runFor(a, (em) => em.query('select count(*) from users'));
      await expectClean();
    });

    it('is clean after a rollback caused by a failing statement', async () => {
      await expect(
        sut.runFor(a, (em) => em.query('select * from no_such_table')),
      ).rejects.toThrow();
      await expectClean();
    });

    it('is clean after the work throws', async () => {
      await expect(
        sut.runFor(a, async (em) => {
          await em.query('select 1');
          throw new Error('feature failed');
        }),
      ).rejects.toThrow('feature failed');
      await expectClean();
    });

    it('does not keep writes of a unit of work that threw', async () => {
      await expect(
        sut.runFor(b, async (em) => {
          await em.insert(UserEntity, {
            email: 'ghost@example.org',
            nickname: 'ghost',
            name: 'Ghost',
            roles: [],
          });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const ghosts = await sut.runFor(b, (em) =>
        em.count(UserEntity, { where: { email: 'ghost@example.org' } }),
      );
      expect(ghosts).toBe(0);
    });
  });
});
