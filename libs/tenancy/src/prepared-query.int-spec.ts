import { DataSource } from 'typeorm';

import { UserEntity } from '@plaza/identity';
import { TestPlatform } from '@plaza/testing';

import { APP_DATA_SOURCE } from './database';
import { PreparedQuery } from './prepared-query';
import { QueryCounter } from './query-counter';
import { TenantRef } from './tenant-context';
import { TenantDb } from './tenant-db.service';

interface ByNames {
  names: string[];
  limit?: number;
}

const BY_NAMES = new PreparedQuery<ByNames>('test.byNames', {
  shape: (i) => `${i.names.length}|${i.limit ?? ''}`,
  params: (i) => ({ names: i.names }),
  build: (em, i) => {
    const qb = em
      .createQueryBuilder(UserEntity, 'u')
      .select('u.nickname', 'nickname')
      .where('u.nickname in (:...names)')
      .orderBy('u.nickname', 'ASC');
    return i.limit ? qb.limit(i.limit) : qb;
  },
});

/** Its shape forgets the limit: the test-mode check must refuse the second call. */
const FORGETFUL = new PreparedQuery<ByNames>('test.forgetful', {
  shape: (i) => String(i.names.length),
  params: (i) => ({ names: i.names }),
  build: (em, i) => {
    const qb = em.createQueryBuilder(UserEntity, 'u').where('u.nickname in (:...names)');
    return i.limit ? qb.limit(i.limit) : qb;
  },
});

/** Binds a value params() does not give. */
const SNEAKY = new PreparedQuery<{ nickname: string }>('test.sneaky', {
  shape: () => 'one',
  params: () => ({}),
  build: (em, i) =>
    em.createQueryBuilder(UserEntity, 'u').where('u.nickname = :n', { n: i.nickname }),
});

const WITH_UPPER = new PreparedQuery<{ nickname: string }>('test.withUpper', {
  shape: () => 'one',
  params: (i) => ({ nickname: i.nickname }),
  build: (em) =>
    em
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('upper(u.nickname)', 'n')
      .where('u.nickname = :nickname'),
});

describe('PreparedQuery (real PostgreSQL, two tenants)', () => {
  let platform: TestPlatform;
  let tenantDb: TenantDb;
  let a: TenantRef;
  let b: TenantRef;

  const users = (t: TenantRef, names: string[]) =>
    tenantDb.runFor(t, (em) =>
      em.insert(
        UserEntity,
        names.map((n) => ({ email: `${n}@example.org`, nickname: n, name: n, roles: [] })),
      ),
    );

  beforeAll(async () => {
    platform = await TestPlatform.start();
    tenantDb = platform.get(TenantDb);
    a = await platform.createTenant();
    b = await platform.createTenant();
    await users(a, ['ada', 'alan', 'anne']);
    await users(b, ['bob']);
  });
  afterAll(() => platform.close());

  const byNames = (t: TenantRef, input: ByNames) =>
    tenantDb.runFor(t, async (em) =>
      (await BY_NAMES.raw<{ nickname: string }>(em, input)).map((r) => r.nickname),
    );

  it('answers like TypeORM for each shape, reused across calls and tenants', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await byNames(a, { names: ['ada'] })).toEqual(['ada']);
      expect(await byNames(a, { names: ['anne', 'ada'] })).toEqual(['ada', 'anne']);
      expect(await byNames(a, { names: ['alan', 'bob', 'nobody'] })).toEqual(['alan']);
      expect(await byNames(a, { names: ['ada', 'alan', 'anne'], limit: 2 })).toEqual([
        'ada',
        'alan',
      ]);
      // Same SQL text, other tenant: the search_path of its own transaction decides.
      expect(await byNames(b, { names: ['ada', 'bob'] })).toEqual(['bob']);
    }
  });

  it('sends one statement in the unit of work, with the values in place', async () => {
    const { statements } = await QueryCounter.record(() => byNames(a, { names: ['ada', 'alan'] }));
    expect(statements.map((s) => s.sql.split(/\s+/)[0])).toEqual([
      'START',
      'select',
      'SELECT',
      'COMMIT',
    ]);
    expect(statements[2].params).toEqual(['ada', 'alan']);
  });

  it('maps entities and extra columns as getRawAndEntities does', async () => {
    const found = await tenantDb.runFor(a, (em) =>
      WITH_UPPER.rawAndEntities<UserEntity, { n: string }>(em, { nickname: 'anne' }),
    );
    expect(found.entities).toHaveLength(1);
    expect(found.entities[0]).toBeInstanceOf(UserEntity);
    expect(found.entities[0]).toMatchObject({ nickname: 'anne', email: 'anne@example.org' });
    expect(found.entities[0].createdAt).toBeInstanceOf(Date);
    expect(found.raw[0].n).toBe('ANNE');
    const viaTypeOrm = await tenantDb.runFor(a, (em) =>
      em
        .createQueryBuilder(UserEntity, 'u')
        .addSelect('upper(u.nickname)', 'n')
        .where('u.nickname = :nickname', { nickname: 'anne' })
        .getRawAndEntities(),
    );
    expect(found.entities).toEqual(viaTypeOrm.entities);
    expect(found.raw).toEqual(viaTypeOrm.raw);
  });

  it('fails loudly in tests when a shape misses what changes the SQL', async () => {
    await tenantDb.runFor(a, (em) => FORGETFUL.raw(em, { names: ['ada'] }));
    await expect(
      tenantDb.runFor(a, (em) => FORGETFUL.raw(em, { names: ['ada'], limit: 1 })),
    ).rejects.toThrow(/two inputs of shape 1 build other SQL/);
  });

  it('refuses a builder parameter that params() does not name', async () => {
    await expect(tenantDb.runFor(a, (em) => SNEAKY.raw(em, { nickname: 'ada' }))).rejects.toThrow(
      /not named by params/,
    );
  });

  it('runs only inside a unit of work', async () => {
    const em = platform.get<DataSource>(APP_DATA_SOURCE).manager;
    await expect(BY_NAMES.raw(em, { names: ['ada'] })).rejects.toThrow(/unit of work/);
  });
});
