import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { PlansService } from '@plaza/console';
import { hashPassword } from '@plaza/core';
import { ProposalEntity, ProposalFilters, ProposalsQuery } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { QueryCounter, SWITCH_TENANT_SQL, TenantCache, TenantDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  csrfTokenIn,
  eventually,
  signInAs,
  TestBrowser,
  testLogger,
  TestPlatform,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

/**
 * What one `GET /api/v1/…/proposals` costs in SQL, pinned so it cannot grow
 * back; and the per-process cache of organization settings that made it so:
 * changes are seen at once by the process that made them and, through Redis,
 * by every other instance; one tenant's entry is never another's.
 */
describe('JSON API statements per request and the tenant settings cache', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let other: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let pathA: string;
  let pathB: string;
  let spaceA: string;
  let componentA: string;

  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const list = (on: NestFastifyApplication, t: TenantRef, path: string, cookie?: string) => {
    const r = request(on.getHttpServer()).get(path).set('Host', host(t));
    return cookie ? r.set('Cookie', cookie) : r;
  };
  const run = <T>(t: TenantRef, work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(t, work);

  const seed = (t: TenantRef, proposals: number) =>
    run(t, async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'counted',
          title: { en: 'Counted' },
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          settings: {},
          stepSettings: { [phase.id]: { votes_enabled: true } },
        }),
      );
      const author = await createUser(platform.ctx, t, { name: 'Ada Author' });
      await em.save(
        Array.from({ length: proposals }, (_, i) =>
          em.create(ProposalEntity, {
            componentId: component.id,
            authorId: i % 2 ? author.id : null,
            official: i % 2 === 0,
            title: `Proposal ${i}`,
            body: 'Plant trees.',
            publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
          }),
        ),
      );
      return {
        spaceId: space.id,
        componentId: component.id,
        path: `/api/v1/spaces/${space.id}/components/${component.id}/proposals`,
      };
    });

  beforeAll(async () => {
    // A long time to live: only the invalidation can explain a change being seen.
    platform = await TestPlatform.start({ TENANT_CACHE_TTL_SECONDS: '3600' });
    app = await createApiApp(platform.config, testLogger());
    other = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    ({ path: pathA, spaceId: spaceA, componentId: componentA } = await seed(a, 45));
    ({ path: pathB } = await seed(b, 3));
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
    await platform?.close();
  });

  it('sends 5 statements for an anonymous page (one transaction), whatever the page size', async () => {
    await list(app, a, pathA).expect(200); // fills the host and settings caches
    for (const perPage of [5, 20, 40]) {
      const { result: counted, queries } = await QueryCounter.measure(() =>
        QueryCounter.record(() =>
          list(app, a, `${pathA}?per_page=${perPage}&order=most_supported`),
        ),
      );
      const { result, statements } = counted;
      // Nothing outside the tenant's transaction either (host, settings and plan are cached).
      expect(queries).toEqual({ all: 5, tenant: 5 });
      expect(result.status).toBe(200);
      expect(result.body.items).toHaveLength(perPage);
      expect(result.body.meta).toEqual({ page: 1, perPage, total: 45 });
      expect(statements.map((s) => s.sql.split(/\s+/)[0].toUpperCase())).toEqual([
        'START',
        'SELECT',
        'SELECT',
        'SELECT',
        'COMMIT',
      ]);
      // The role and search_path switch is still the transaction's first statement.
      expect(statements[1].sql).toBe(SWITCH_TENANT_SQL);
      expect(statements[1].params).toEqual([a.roleName, a.schemaName]);
    }
  });

  it('answers the same items and total as before (rows, author names, past the last page)', async () => {
    const page = await list(app, a, `${pathA}?per_page=20&page=3`).expect(200);
    expect(page.body.meta).toEqual({ page: 3, perPage: 20, total: 45 });
    expect(page.body.items).toHaveLength(5);
    const byAuthor = page.body.items.find((p: { official: boolean }) => !p.official);
    expect(byAuthor).toMatchObject({ authorName: 'Ada Author', state: 'not_answered' });
    expect(typeof byAuthor.publishedAt).toBe('string');
    const past = await QueryCounter.record(() => list(app, a, `${pathA}?per_page=20&page=9`));
    expect(past.result.body).toEqual({ items: [], meta: { page: 9, perPage: 20, total: 45 } });
    // An empty page past the end costs one count more.
    expect(past.statements).toHaveLength(6);
  });

  it('lists through the reused SQL exactly what the entity query of the pages lists, for every filter', async () => {
    await run(a, async (em) => {
      const some = await em.find(ProposalEntity, { where: { componentId: componentA }, take: 6 });
      await em.update(ProposalEntity, { id: some[0].id }, { withdrawnAt: new Date() });
      for (const [i, state] of ['accepted', 'rejected', 'evaluating', 'accepted'].entries())
        await em.update(
          ProposalEntity,
          { id: some[i + 1].id },
          { state, statePublishedAt: new Date(), supportsCount: 10 - i },
        );
    });
    const query = app.get(ProposalsQuery);
    const base: ProposalFilters = { order: 'recent', seed: 's', page: 1, perPage: 7 };
    const cases: Partial<ProposalFilters>[] = [
      {},
      { page: 2 },
      { order: 'most_supported' },
      { order: 'random', seed: 'one' },
      { order: 'random', seed: 'two' },
      { states: ['accepted'] },
      { states: ['accepted', 'rejected'] },
      { states: ['rejected', 'evaluating', 'not_answered'] },
      { states: ['withdrawn'] },
      { search: 'Proposal 1' },
      { search: '100%_\\' },
      { states: ['accepted'], search: 'Proposal', order: 'most_commented' },
    ];
    // Twice: the second round reuses every compiled shape (tests verify each reuse).
    for (let round = 0; round < 2; round++) {
      for (const c of cases) {
        const filters = { ...base, ...c };
        await run(a, async (em) => {
          const entities = await query.list(componentA, filters, em);
          const rows = await query.listRows(componentA, filters, em);
          expect(rows.items.map((r) => r.id)).toEqual(entities.items.map((p) => p.id));
          expect(rows.total).toBe(entities.total);
        });
      }
    }
  });

  it('sends 9 statements for a signed-in participant: the session user in its own transaction', async () => {
    const session = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    await list(app, a, pathA, session.cookie).expect(200);
    const { result, statements } = await QueryCounter.record(() =>
      list(app, a, pathA, session.cookie),
    );
    expect(result.status).toBe(200);
    expect(statements).toHaveLength(9);
  });

  it('sees visibility changes at once, in every instance: they are not cached', async () => {
    await list(app, a, pathA).expect(200);
    await list(other, a, pathA).expect(200);
    await run(a, (em) => em.update(SpaceEntity, { id: spaceA }, { visibility: 'private' }));
    await list(app, a, pathA).expect(404);
    await list(other, a, pathA).expect(404);
    await run(a, (em) => em.update(SpaceEntity, { id: spaceA }, { visibility: 'public' }));
    await run(a, (em) => em.update(ComponentEntity, { id: componentA }, { publishedAt: null }));
    await list(app, a, pathA).expect(404);
    await list(other, a, pathA).expect(404);
    await run(a, (em) =>
      em.update(ComponentEntity, { id: componentA }, { publishedAt: new Date() }),
    );
    await list(other, a, pathA).expect(200);
  });

  it('sees "force sign-in" at once in the instance that saved it and in another one, for that tenant only', async () => {
    const t = await platform.createTenant({ name: 'Gamma' });
    const { path } = await seed(t, 2);
    const adminUser = await createUser(platform.ctx, t, {
      roles: ['admin'],
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    // Both instances cache "public" for t and for b.
    for (const on of [app, other]) {
      await list(on, t, path).expect(200);
      await list(on, b, pathB).expect(200);
    }
    const cache = (on: NestFastifyApplication) => on.get(TenantCache);
    const admin = new TestBrowser(app.getHttpServer(), host(t));
    await admin.submit('/users/sign_in', '/users/sign_in', {
      email: adminUser.email,
      password: 'correct horse battery staple',
    });
    const save = async (forceSignIn: boolean) => {
      const form = await admin.get('/admin/security');
      const saved = await admin.post('/admin/security', {
        _csrf: csrfTokenIn(form.text),
        registrationMode: 'open',
        ...(forceSignIn ? { forceSignIn: '1' } : {}),
      });
      expect(saved.status).toBe(200);
    };

    await save(true);
    // The saving instance: at once, no waiting.
    await list(app, t, path).expect(401);
    // Another instance: as soon as the Redis message arrives (the entry would live an hour).
    await eventually(async () => (await list(other, t, path)).status === 401, 5000);
    // The other tenant's cached entry is untouched and still says "public".
    expect(cache(other).peek(b.id, 'organization.access')).toEqual({
      forceSignIn: false,
      requireAdminTwoFactor: false,
    });
    await list(other, b, pathB).expect(200);
    await list(app, b, pathB).expect(200);

    await save(false);
    await list(app, t, path).expect(200);
    await eventually(async () => (await list(other, t, path)).status === 200, 5000);
  });

  it("reads an organization's plan once per process and sees plan changes in every instance", async () => {
    const plans = (on: NestFastifyApplication) => on.get(PlansService);
    const code = `api-${randomBytes(3).toString('hex')}`;
    await plans(app).create({
      code,
      name: 'Open data',
      monthlyPriceCents: 0,
      limits: {},
      features: { apiAccess: true },
    });
    const t = await platform.createTenant({ name: 'Delta', planCode: code });
    const { path } = await seed(t, 2);
    for (const on of [app, other]) await list(on, t, path).expect(200);
    const warm = await QueryCounter.measure(() => list(other, t, path).expect(200));
    expect(warm.queries.all).toBe(warm.queries.tenant);

    // The provider takes the API away from the plan, in one instance.
    await plans(app).update(code, { features: { apiAccess: false } });
    const refused = await list(app, t, path).expect(403);
    expect(refused.body.message).toContain('Open data');
    await eventually(async () => (await list(other, t, path)).status === 403, 5000);
    // B, on no plan, keeps its API in both instances.
    await list(other, b, pathB).expect(200);
    await list(app, b, pathB).expect(200);

    // …then gives it back to this organization only, from the other instance.
    await plans(other).setOverrides(t.id, { features: { apiAccess: true } });
    await list(other, t, path).expect(200);
    await eventually(async () => (await list(app, t, path)).status === 200, 5000);
  });

  it('keeps each tenant its own entry and forgets one tenant without touching another', async () => {
    const cache = app.get(TenantCache);
    const loads: string[] = [];
    const load = (id: string, value: string) => async () => {
      loads.push(id);
      return value;
    };
    expect(await cache.get(a.id, 'probe', load(a.id, 'alpha'))).toBe('alpha');
    expect(await cache.get(b.id, 'probe', load(b.id, 'beta'))).toBe('beta');
    expect(await cache.get(a.id, 'probe', load(a.id, 'other'))).toBe('alpha');
    expect(await cache.get(b.id, 'probe', load(b.id, 'other'))).toBe('beta');
    expect(loads).toEqual([a.id, b.id]);
    await cache.changed(a.id);
    expect(cache.peek(a.id, 'probe')).toBeUndefined();
    expect(cache.peek(b.id, 'probe')).toBe('beta');
    expect(await cache.get(a.id, 'probe', load(a.id, 'alpha 2'))).toBe('alpha 2');
  });

  it('does not keep a value loaded while a change was announced', async () => {
    const cache = app.get(TenantCache);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pending = cache.get(b.id, 'raced', async () => {
      await gate;
      return 'stale';
    });
    await cache.changed(b.id);
    release();
    expect(await pending).toBe('stale');
    expect(cache.peek(b.id, 'raced')).toBeUndefined();
  });
});
