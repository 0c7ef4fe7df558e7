import { UserEntity } from '@plaza/identity';
import { TestPlatform } from '@plaza/testing';

import { CompiledQueries } from './compiled-queries';
import { QueryCounter } from './query-counter';
import { TenantRef } from './tenant-context';
import { TenantDb } from './tenant-db.service';

describe('CompiledQueries (real PostgreSQL, two tenants)', () => {
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

  const byNames = (t: TenantRef, names: string[], extra?: { take?: number }) =>
    tenantDb.runFor(t, async (em) => {
      const qb = em
        .createQueryBuilder(UserEntity, 'u')
        .select('u.nickname', 'nickname')
        .where('u.nickname in (:...names)', { names })
        .orderBy('u.nickname', 'ASC');
      if (extra?.take) qb.take(extra.take);
      return (await CompiledQueries.getRawMany<{ nickname: string }, UserEntity>(em, qb)).map(
        (r) => r.nickname,
      );
    });

  it('answers like TypeORM for each parameter shape, reused across calls and tenants', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await byNames(a, ['ada'])).toEqual(['ada']);
      expect(await byNames(a, ['anne', 'ada'])).toEqual(['ada', 'anne']);
      expect(await byNames(a, ['alan', 'bob', 'nobody'])).toEqual(['alan']);
      // Same SQL text, other tenant: the search_path of its own transaction decides.
      expect(await byNames(b, ['ada', 'bob'])).toEqual(['bob']);
    }
  });

  it('sends one statement in the unit of work, and falls back to TypeORM for skip/take', async () => {
    const { statements } = await QueryCounter.record(() => byNames(a, ['ada', 'alan']));
    expect(statements.map((s) => s.sql.split(/\s+/)[0])).toEqual([
      'START',
      'select',
      'SELECT',
      'COMMIT',
    ]);
    expect(statements[2].params).toEqual(['ada', 'alan']);
    expect(await byNames(a, ['ada', 'alan', 'anne'], { take: 2 })).toEqual(['ada', 'alan']);
  });

  it('maps entities and joined columns as getRawAndEntities does', async () => {
    const found = await tenantDb.runFor(a, (em) =>
      CompiledQueries.getRawAndEntities<UserEntity, { n: string }>(
        em,
        em
          .createQueryBuilder(UserEntity, 'u')
          .addSelect('upper(u.nickname)', 'n')
          .where('u.nickname = :nickname', { nickname: 'anne' }),
      ),
    );
    expect(found.entities).toHaveLength(1);
    expect(found.entities[0]).toBeInstanceOf(UserEntity);
    expect(found.entities[0]).toMatchObject({ nickname: 'anne', email: 'anne@example.org' });
    expect(found.entities[0].createdAt).toBeInstanceOf(Date);
    expect(found.raw[0].n).toBe('ANNE');
  });
});
