import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ProposalEntity } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

/** Every route the application registered under /api/v1, as "METHOD /path/{param}". */
function apiRoutes(app: NestFastifyApplication): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(
          /\/+/g,
          '/',
        );
        if (full.startsWith('/api/v1'))
          routes.push(`${RequestMethod[method]} ${full.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return routes.sort();
}

describe('Public JSON API /api/v1 (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let voter: TestSession;
  let outsider: TestSession;
  let spaceId: string;
  let componentId: string;
  let base: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    voter = await signInAs(app, a, (await createUser(platform.ctx, a, { name: 'Vera Voter' })).id);
    outsider = await signInAs(app, b, (await createUser(platform.ctx, b)).id);
    ({ spaceId, componentId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'api-process',
          title: { en: 'API process' },
          publishedAt: new Date(),
        }),
      );
      await em.save(
        em.create(SpaceEntity, { kind: 'process', slug: 'hidden', title: { en: 'Hidden draft' } }),
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
          settings: { vote_limit: 2 },
          stepSettings: {
            [phase.id]: { creation_enabled: true, votes_enabled: true, endorsements_enabled: true },
          },
        }),
      );
      await em.save(
        Array.from({ length: 25 }, (_, i) =>
          em.create(ProposalEntity, {
            componentId: component.id,
            title: `Seeded proposal number ${i}`,
            body: 'A seeded body long enough.',
            official: true,
            publishedAt: new Date(Date.UTC(2027, 0, 1, 0, i)),
          }),
        ),
      );
      return { spaceId: space.id, componentId: component.id };
    }));
    base = `/api/v1/spaces/${spaceId}/components/${componentId}/proposals`;
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('reads public spaces, components and paginated proposals without signing in', async () => {
    const spaces = await http().get('/api/v1/spaces').set('Host', hostA()).expect(200);
    expect(spaces.body.map((s: { slug: string }) => s.slug)).toEqual(['api-process']);
    const one = await http().get(`/api/v1/spaces/${spaceId}`).set('Host', hostA()).expect(200);
    expect(one.body.phases).toHaveLength(1);
    const components = await http()
      .get(`/api/v1/spaces/${spaceId}/components`)
      .set('Host', hostA())
      .expect(200);
    expect(components.body).toEqual([
      expect.objectContaining({ id: componentId, manifest: 'proposals' }),
    ]);
    const page = await http().get(`${base}?page=2&per_page=20`).set('Host', hostA()).expect(200);
    expect(page.body.meta).toEqual({ page: 2, perPage: 20, total: 25 });
    expect(page.body.items).toHaveLength(5);
    expect(page.body.items[0]).toMatchObject({
      official: true,
      state: 'not_answered',
      supportsCount: 0,
    });
    const searched = await http().get(`${base}?q=number%2024`).set('Host', hostA()).expect(200);
    expect(searched.body.meta.total).toBe(1);
    const bad = await http()
      .get(`${base}?per_page=500&order=loudest&state=x`)
      .set('Host', hostA())
      .expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['order', 'per_page']);
    const badState = await http().get(`${base}?state=Not-A-State`).set('Host', hostA()).expect(400);
    expect(badState.body.fields.state[0]).toContain('comma-separated');
    const unknownState = await http().get(`${base}?state=lost`).set('Host', hostA()).expect(200);
    expect(unknownState.body.meta.total).toBe(0);
  });

  it('writes with the session and its CSRF token, under the same rules as the pages', async () => {
    await http()
      .post(base)
      .set('Host', hostA())
      .send({ title: 'An API proposal title', body: 'A body written through the API.' })
      .expect(403);
    const created = await http()
      .post(base)
      .set('Host', hostA())
      .set('Cookie', voter.cookie)
      .set('x-csrf-token', voter.csrfToken)
      .send({ title: 'An API proposal title', body: 'A body written through the API.' })
      .expect(201);
    expect(created.body).toMatchObject({ authorName: 'Vera Voter', official: false });
    const invalid = await http()
      .post(base)
      .set('Host', hostA())
      .set('Cookie', voter.cookie)
      .set('x-csrf-token', voter.csrfToken)
      .send({ title: 'short', body: 'x', extra: true })
      .expect(400);
    expect(Object.keys(invalid.body.fields).sort()).toEqual(['body', 'extra', 'title']);
    const support = (id: string) =>
      http()
        .post(`${base}/${id}/support`)
        .set('Host', hostA())
        .set('Cookie', voter.cookie)
        .set('x-csrf-token', voter.csrfToken);
    const first = await support(created.body.id).expect(200);
    expect(first.body).toMatchObject({ supportsCount: 1, supported: true, remaining: 1 });
    const again = await support(created.body.id).expect(409);
    expect(again.body.message).toBe('You already support this proposal.');
    await http()
      .delete(`${base}/${created.body.id}/support`)
      .set('Host', hostA())
      .set('Cookie', voter.cookie)
      .set('x-csrf-token', voter.csrfToken)
      .expect(200);
    const endorsed = await http()
      .post(`${base}/${created.body.id}/endorsement`)
      .set('Host', hostA())
      .set('Cookie', voter.cookie)
      .set('x-csrf-token', voter.csrfToken)
      .expect(200);
    expect(endorsed.body).toEqual({ endorsementsCount: 1, endorsed: true });

    // Tenant B: A's ids are unknown there, with or without B's session; A's session is not valid on B.
    await http().get('/api/v1/spaces').set('Host', hostB()).expect(200).expect([]);
    await http().get(`/api/v1/spaces/${spaceId}`).set('Host', hostB()).expect(404);
    await http().get(base).set('Host', hostB()).expect(404);
    await http().get(`${base}/${created.body.id}`).set('Host', hostB()).expect(404);
    await http()
      .post(`${base}/${created.body.id}/support`)
      .set('Host', hostB())
      .set('Cookie', outsider.cookie)
      .set('x-csrf-token', outsider.csrfToken)
      .expect(404);
    await http()
      .post(`${base}/${created.body.id}/support`)
      .set('Host', hostB())
      .set('Cookie', voter.cookie)
      .set('x-csrf-token', voter.csrfToken)
      .expect(403);
    // A component addressed through another space's id is not found.
    await http()
      .get(`/api/v1/spaces/${created.body.id}/components/${componentId}/proposals`)
      .set('Host', hostA())
      .expect(404);
  });

  it('documents every /api/v1 route in /api/v1/openapi.json, with a readable docs page', async () => {
    const doc = await http().get('/api/v1/openapi.json').set('Host', hostA()).expect(200);
    const documented = Object.entries(
      doc.body.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = apiRoutes(app);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    expect(Object.keys(doc.body.paths).every((p) => p.startsWith('/api/v1'))).toBe(true);
    const page = await http()
      .get('/api/v1/docs')
      .set('Host', hostA())
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain(`GET /api/v1/spaces/{spaceId}/components/{componentId}/proposals`);
  });
});
