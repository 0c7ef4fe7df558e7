import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ProposalEntity } from '@plaza/proposals';
import {
  ComponentEntity,
  ScopeEntity,
  ScopeTypeEntity,
  SpaceEntity,
  SpacePhaseEntity,
} from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Scopes (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let admin: TestSession;
  let author: TestSession;
  let intruder: TestSession;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (host: string, s: TestSession, path: string, form: Record<string, string>) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, _csrf: s.csrfToken });
  const get = (host: string, path: string, s?: TestSession) => {
    const r = http().get(path).set('Host', host);
    return s ? r.set('Cookie', s.cookie) : r;
  };
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const scopeNamed = (name: string) =>
    inA((em) =>
      em
        .createQueryBuilder(ScopeEntity, 's')
        .where(`s.name->>'en' = :name`, { name })
        .getOneOrFail(),
    );

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr', 'es', 'ca'] });
    b = await platform.createTenant({ name: 'Beta' });
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    author = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    intruder = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lets admins keep a tree of scopes; refusals re-render the form; B sees none of it', async () => {
    await get(hostA(), '/admin/scopes', author).expect(403);
    const empty = await post(hostA(), admin, '/admin/scopes', { code: 'bad code!' }).expect(422);
    expect(empty.text).toContain('Enter a name in at least one language.');
    expect(empty.text).toContain('Use at most 40 letters, digits, dashes or underscores.');
    expect(empty.text).toContain('value="bad code!"');
    await post(hostA(), admin, '/admin/scopes', {
      name_en: 'North district',
      name_fr: 'Quartier nord',
      code: 'N1',
    }).expect(303);
    const north = await scopeNamed('North district');
    await post(hostA(), admin, '/admin/scopes', {
      name_en: 'Harbour',
      parentId: north.id,
    }).expect(303);
    const harbour = await scopeNamed('Harbour');
    expect(harbour.parentId).toBe(north.id);
    const taken = await post(hostA(), admin, '/admin/scopes', {
      name_en: 'Other',
      code: 'N1',
    }).expect(422);
    expect(taken.text).toContain('Another scope already has this code.');
    // A scope cannot move under its own sub-scope.
    const cycle = await post(hostA(), admin, `/admin/scopes/${north.id}`, {
      name_en: 'North district',
      parentId: harbour.id,
    }).expect(422);
    expect(cycle.text).toContain('cannot sit under itself');
    const hasChildren = await post(hostA(), admin, `/admin/scopes/${north.id}/delete`, {}).expect(
      422,
    );
    expect(hasChildren.text).toContain('This scope has sub-scopes');
    const list = await get(hostA(), '/admin/scopes', admin).expect(200);
    expect(list.text).toContain('North district');
    expect(list.text).toContain('Harbour');
    const fr = await get(hostA(), '/admin/scopes', admin).set('Cookie', [
      admin.cookie,
      'plaza_locale=fr',
    ]);
    expect(fr.text).toContain('Quartier nord');
    expect(fr.text).toContain('Périmètres');

    // Tenant B: A's scopes are neither listed nor reachable, nor changeable.
    const listB = await get(hostB(), '/admin/scopes', intruder).expect(200);
    expect(listB.text).not.toContain('North district');
    await get(hostB(), `/admin/scopes/${north.id}`, intruder).expect(404);
    await post(hostB(), intruder, `/admin/scopes/${harbour.id}/delete`, {}).expect(404);
    await post(hostB(), intruder, `/admin/scopes/${north.id}`, { name_en: 'Mine' }).expect(404);
    const apiB = await get(hostB(), '/api/v1/scopes').expect(200);
    expect(apiB.body).toEqual([]);
    const apiA = await get(hostA(), '/api/v1/scopes').expect(200);
    expect(apiA.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: harbour.id, parentId: north.id, name: { en: 'Harbour' } }),
      ]),
    );

    // Scope types: what kind of area a scope is.
    const noName = await post(hostA(), admin, '/admin/scopes/types', {
      type_plural_en: 'Districts',
    }).expect(422);
    expect(noName.text).toContain('Enter a name in at least one language.');
    expect(noName.text).toContain('value="Districts"');
    await post(hostA(), admin, '/admin/scopes/types', {
      type_name_en: 'District',
      type_plural_en: 'Districts',
      type_name_fr: 'Quartier',
    }).expect(303);
    const type = await inA((em) => em.findOneByOrFail(ScopeTypeEntity, {}));
    const badType = await post(hostA(), admin, `/admin/scopes/${north.id}`, {
      name_en: 'North district',
      scopeTypeId: '00000000-0000-4000-8000-000000000000',
    }).expect(422);
    expect(badType.text).toContain('Choose one of the scope types.');
    await post(hostA(), admin, `/admin/scopes/${north.id}`, {
      name_en: 'North district',
      code: 'N1',
      scopeTypeId: type.id,
    }).expect(303);
    expect((await get(hostA(), '/admin/scopes', admin).expect(200)).text).toContain(
      'North district</a> — District',
    );
    const typed = await get(hostA(), '/api/v1/scopes').expect(200);
    expect(typed.body.find((x: { id: string }) => x.id === north.id).type).toEqual({
      name: { en: 'District', fr: 'Quartier' },
      plural: { en: 'Districts' },
    });
    await post(hostB(), intruder, `/admin/scopes/types/${type.id}/delete`, {}).expect(404);
    await post(hostA(), admin, `/admin/scopes/types/${type.id}/delete`, {}).expect(303);
    expect((await scopeNamed('North district')).scopeTypeId).toBeNull();

    // Deleting a leaf works.
    await post(hostA(), admin, '/admin/scopes', { name_en: 'Temporary' }).expect(303);
    const temporary = await scopeNamed('Temporary');
    await post(hostA(), admin, `/admin/scopes/${temporary.id}/delete`, {}).expect(303);
    expect(await inA((em) => em.existsBy(ScopeEntity, { id: temporary.id }))).toBe(false);
  });

  it('gives a space a scope; its proposals take that scope or one below, and lists filter by scope', async () => {
    await post(hostA(), admin, '/admin/scopes', { name_en: 'South district' }).expect(303);
    const south = await scopeNamed('South district');
    await post(hostA(), admin, '/admin/scopes', { name_en: 'Old town', parentId: south.id }).expect(
      303,
    );
    const oldTown = await scopeNamed('Old town');
    await post(hostA(), admin, '/admin/scopes', { name_en: 'East district' }).expect(303);
    const east = await scopeNamed('East district');

    const form = await get(hostA(), '/admin/spaces/new?kind=process', admin).expect(200);
    expect(form.text).toContain('South district');
    await post(hostA(), admin, '/admin/spaces', {
      kind: 'process',
      slug: 'south-plan',
      title_en: 'South plan',
      scopeId: south.id,
      published: 'on',
    }).expect(303);
    const space = await inA((em) => em.findOneByOrFail(SpaceEntity, { slug: 'south-plan' }));
    expect(space.scopeId).toBe(south.id);
    expect((await get(hostA(), '/processes/south-plan').expect(200)).text).toContain(
      'Scope: South district',
    );
    expect((await get(hostA(), `/processes?scope=${south.id}`).expect(200)).text).toContain(
      'South plan',
    );
    // A space in a sub-scope shows under its parent's filter, not under another scope's.
    await inA((em) => em.update(SpaceEntity, { id: space.id }, { scopeId: oldTown.id }));
    expect((await get(hostA(), `/processes?scope=${south.id}`).expect(200)).text).toContain(
      'South plan',
    );
    expect((await get(hostA(), `/processes?scope=${east.id}`).expect(200)).text).not.toContain(
      'South plan',
    );
    await inA((em) => em.update(SpaceEntity, { id: space.id }, { scopeId: south.id }));
    const componentId = await inA(async (em) => {
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          stepSettings: { [phase.id]: { creation_enabled: true } },
        }),
      );
      return component.id;
    });
    const base = `/processes/south-plan/f/${componentId}/proposals`;
    const newForm = await get(hostA(), `${base}/new`, author).expect(200);
    expect(newForm.text).toContain('Old town');
    expect(newForm.text).not.toContain('East district');

    const outside = await post(hostA(), author, base, {
      title: 'Benches along the river bank',
      body: 'People need places to rest.',
      scopeId: east.id,
    }).expect(422);
    expect(outside.text).toContain('Choose one of the scopes offered');
    expect(outside.text).toContain('Benches along the river bank');
    await post(hostA(), author, base, {
      title: 'Benches along the river bank',
      body: 'People need places to rest.',
      scopeId: oldTown.id,
    }).expect(303);
    await post(hostA(), author, base, {
      title: 'A library in the south park',
      body: 'Books for everyone in the park.',
      scopeId: south.id,
    }).expect(303);
    await post(hostA(), author, base, {
      title: 'Fix the streetlights somewhere',
      body: 'Many streetlights are broken.',
    }).expect(303);

    // Filtering by a scope includes the scopes below it.
    const bySouth = await get(hostA(), `${base}?scope=${south.id}`).expect(200);
    expect(bySouth.text).toContain('Benches along the river bank');
    expect(bySouth.text).toContain('A library in the south park');
    expect(bySouth.text).not.toContain('Fix the streetlights somewhere');
    const byOldTown = await get(hostA(), `${base}?scope=${oldTown.id}`).expect(200);
    expect(byOldTown.text).toContain('Benches along the river bank');
    expect(byOldTown.text).not.toContain('A library in the south park');
    const benches = await inA((em) =>
      em.findOneByOrFail(ProposalEntity, { title: 'Benches along the river bank' }),
    );
    expect((await get(hostA(), `${base}/${benches.id}`).expect(200)).text).toContain(
      'Scope: Old town',
    );

    const api = `/api/v1/spaces/${space.id}/components/${componentId}/proposals`;
    const viaApi = await get(hostA(), `${api}?scope=${south.id}`).expect(200);
    expect(viaApi.body.meta.total).toBe(2);
    expect(viaApi.body.items.map((p: { scopeId: string }) => p.scopeId).sort()).toEqual(
      [south.id, oldTown.id].sort(),
    );
    await get(hostA(), `${api}?scope=nope`).expect(400);
    const created = await http()
      .post(api)
      .set('Host', hostA())
      .set('Cookie', author.cookie)
      .set('x-csrf-token', author.csrfToken)
      .send({
        title: 'Trees in the east district',
        body: 'The east needs more shade.',
        scopeId: east.id,
      })
      .expect(400);
    expect(created.body.fields.scopeId[0]).toContain('Choose one of the scopes offered');
    const doc = await get(hostA(), '/api/v1/openapi.json').expect(200);
    const params = doc.body.paths['/api/v1/spaces/{spaceId}/components/{componentId}/proposals'].get
      .parameters as { name: string }[];
    expect(params.map((p) => p.name)).toContain('scope');
    expect(doc.body.paths['/api/v1/scopes']).toBeDefined();

    // Tenant B: A's scope filters nothing there, and A's space is not found.
    await get(hostB(), `${base}?scope=${south.id}`).expect(404);
    await get(hostB(), `${api}?scope=${south.id}`).expect(404);
  });
});
