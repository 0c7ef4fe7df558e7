import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { ProposalEntity } from '@plaza/proposals';
import {
  ComponentEntity,
  SpaceCategoryEntity,
  SpaceEntity,
  SpacePhaseEntity,
  SpaceRoleEntity,
} from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Proposals pages (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let author: TestSession;
  let fan: TestSession;
  let admin: TestSession;
  let intruder: TestSession;
  let spaceId: string;
  let componentId: string;
  let base: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (
    host: string,
    s: TestSession,
    path: string,
    form: Record<string, string | string[]>,
  ) =>
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

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr', 'es', 'ca'] });
    b = await platform.createTenant({ name: 'Beta' });
    author = await signInAs(app, a, (await createUser(platform.ctx, a, { name: 'Ada Author' })).id);
    fan = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    intruder = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    ({ spaceId, componentId } = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'city-plan',
          title: { en: 'City plan' },
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
          name: { en: 'Ideas', fr: 'Idées' },
          publishedAt: new Date(),
          settings: { vote_limit: 1, proposal_length: 200 },
          stepSettings: {
            [phase.id]: {
              creation_enabled: true,
              votes_enabled: true,
              endorsements_enabled: true,
              publish_answers_immediately: false,
            },
          },
        }),
      );
      return { spaceId: space.id, componentId: component.id };
    }));
    base = `/processes/city-plan/f/${componentId}/proposals`;
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lets a participant propose, others support and endorse, and an admin answer; B gets nothing', async () => {
    const invalid = await post(hostA(), author, base, {
      title: 'short',
      body: 'x'.repeat(201),
    }).expect(422);
    expect(invalid.text).toContain('role="alert"');
    expect(invalid.text).toContain('The title must have between 15 and 150 characters.');
    const created = await post(hostA(), author, base, {
      title: 'More trees on the main square',
      body: 'Plant twenty trees to give shade in summer.',
    }).expect(303);
    const proposalPath = created.headers.location as string;
    const proposalId = proposalPath.split('/').pop()!;

    await post(hostA(), fan, `${proposalPath}/support`, {}).expect(303);
    const again = await post(hostA(), fan, `${proposalPath}/support`, {}).expect(303);
    expect(again.headers.location).toContain('refused=alreadySupported');
    const refusedPage = await get(hostA(), again.headers.location, fan).expect(200);
    expect(refusedPage.text).toContain('You already support this proposal.');
    await post(hostA(), fan, `${proposalPath}/endorse`, {}).expect(303);
    const page = await get(hostA(), proposalPath, fan).expect(200);
    expect(page.text).toContain('1 supports');
    expect(page.text).toContain('1 endorsements');
    expect(page.text).toContain('You have 0 supports left.');
    expect(page.text).toContain('Version 1');
    const withdraw = await post(hostA(), author, `${proposalPath}/withdraw`, {}).expect(303);
    expect(withdraw.headers.location).toContain('refused=withdrawHasSupports');

    const list = await get(hostA(), `${base}?order=most_supported`).expect(200);
    expect(list.text).toContain('More trees on the main square');
    expect(list.text).toContain('Ada Author');
    const fr = await get(hostA(), base).set('Cookie', 'plaza_locale=fr').expect(200);
    expect(fr.text).toContain('Idées');
    expect(fr.text).toContain('Les plus soutenues');

    const adminBase = `/admin/spaces/${spaceId}/components/${componentId}/proposals`;
    await get(hostA(), adminBase, fan).expect(403);
    await post(hostA(), admin, `${adminBase}/${proposalId}/answer`, {
      state: 'accepted',
      answer_en: 'We will plant them in spring.',
    }).expect(303);
    expect((await get(hostA(), proposalPath).expect(200)).text).not.toContain('We will plant them');
    await post(hostA(), admin, `${adminBase}/publish_answers`, { ids: [proposalId] }).expect(303);
    const answered = await get(hostA(), proposalPath).expect(200);
    expect(answered.text).toContain('We will plant them in spring.');
    expect(answered.text).toContain('Accepted');

    // Tenant B: neither the pages, nor actions with B's session, nor A's session on B.
    await get(hostB(), base).expect(404);
    await get(hostB(), proposalPath).expect(404);
    await post(hostB(), intruder, `${proposalPath}/support`, {}).expect(404);
    await get(hostB(), adminBase, intruder).expect(404);
    const crossed = await post(hostB(), fan, `${proposalPath}/support`, {});
    expect([403, 404]).toContain(crossed.status);
    const after = await inA((em) => em.findOneByOrFail(ProposalEntity, { id: proposalId }));
    expect(after.supportsCount).toBe(1);
  });

  it('lets admins add custom answer states per component and answer with them', async () => {
    const adminBase = `/admin/spaces/${spaceId}/components/${componentId}/proposals`;
    const created = await post(hostA(), author, base, {
      title: 'Repair the bridge over the canal',
      body: 'The bridge needs new railings.',
    }).expect(303);
    const proposalPath = created.headers.location as string;
    const proposalId = proposalPath.split('/').pop()!;
    await post(hostA(), admin, `${adminBase}/states`, {
      token: 'Bad Token',
      state_title_en: 'x',
    }).expect(400);
    await post(hostA(), admin, `${adminBase}/states`, {
      token: 'accepted',
      state_title_en: 'x',
    }).expect(400);
    await post(hostA(), admin, `${adminBase}/states`, {
      token: 'in_progress',
      state_title_en: 'In progress',
      state_title_fr: 'En cours',
    }).expect(303);
    const unknown = await post(hostA(), admin, `${adminBase}/${proposalId}/answer`, {
      state: 'lost',
    }).expect(422);
    expect(unknown.text).toContain('role="alert"');
    await post(hostA(), admin, `${adminBase}/${proposalId}/answer`, {
      state: 'in_progress',
      answer_en: 'Works start in May.',
    }).expect(303);
    await post(hostA(), admin, `${adminBase}/publish_answers`, { ids: [proposalId] }).expect(303);
    const page = await get(hostA(), proposalPath).expect(200);
    expect(page.text).toContain('In progress');
    const filtered = await get(hostA(), `${base}?state=in_progress`).expect(200);
    expect(filtered.text).toContain('Repair the bridge over the canal');
    expect(filtered.text).not.toContain('More trees on the main square');
    const fr = await get(hostA(), proposalPath).set('Cookie', 'plaza_locale=fr').expect(200);
    expect(fr.text).toContain('En cours');
    await post(hostB(), intruder, `${adminBase}/states`, {
      token: 'sneaky',
      state_title_en: 'x',
    }).expect(404);
  });

  it('lets admins assign space valuators and keep private notes on a proposal', async () => {
    const adminBase = `/admin/spaces/${spaceId}/components/${componentId}/proposals`;
    const created = await post(hostA(), author, base, {
      title: 'Night buses on weekends please',
      body: 'Night buses would help young people.',
    }).expect(303);
    const proposalId = (created.headers.location as string).split('/').pop()!;
    const valuator = await createUser(platform.ctx, a, { name: 'Val Valuator' });
    const notValuator = await createUser(platform.ctx, a);
    await inA((em) =>
      em.insert(SpaceRoleEntity, { spaceId, userId: valuator.id, role: 'valuator' }),
    );
    await post(hostA(), admin, `${adminBase}/${proposalId}/valuators`, {
      user_id: notValuator.id,
    }).expect(400);
    await post(hostA(), admin, `${adminBase}/${proposalId}/valuators`, {
      user_id: valuator.id,
    }).expect(303);
    await post(hostA(), admin, `${adminBase}/${proposalId}/notes`, {
      body: 'Check the transport budget.',
    }).expect(303);
    await post(hostA(), admin, `${adminBase}/${proposalId}/notes`, { body: '' }).expect(400);
    const page = await get(hostA(), `${adminBase}/${proposalId}/answer`, admin).expect(200);
    expect(page.text).toContain('Val Valuator');
    expect(page.text).toContain('Check the transport budget.');
    const publicPage = await get(hostA(), `${base}/${proposalId}`).expect(200);
    expect(publicPage.text).not.toContain('Check the transport budget.');
    await post(hostB(), intruder, `${adminBase}/${proposalId}/notes`, { body: 'From B' }).expect(
      404,
    );
  });

  it('classifies proposals in the space categories and filters by category', async () => {
    await post(hostA(), admin, `/admin/spaces/${spaceId}/categories`, {
      category_name_en: 'Mobility',
    }).expect(303);
    const category = await inA((em) => em.findOneByOrFail(SpaceCategoryEntity, { spaceId }));
    const form = await get(hostA(), `${base}/new`, author).expect(200);
    expect(form.text).toContain('Mobility');
    const wrong = await post(hostA(), author, base, {
      title: 'Trams running all night long',
      body: 'Night trams would help workers.',
      categoryId: '00000000-0000-4000-8000-000000000000',
    }).expect(422);
    expect(wrong.text).toContain('Choose one of the categories of this space.');
    await post(hostA(), author, base, {
      title: 'Trams running all night long',
      body: 'Night trams would help workers.',
      categoryId: category.id,
    }).expect(303);
    const created = await get(hostA(), `${base}?category=${category.id}`).expect(200);
    const link = /href="([^"]+\/proposals\/[0-9a-f-]{36})"/.exec(created.text)![1];
    expect((await get(hostA(), link).expect(200)).text).toContain('Category: Mobility');
    const filtered = await get(hostA(), `${base}?category=${category.id}`).expect(200);
    expect(filtered.text).toContain('Trams running all night long');
    expect(filtered.text).toContain('1 proposals');
    const api = await request(app.getHttpServer())
      .get(`/api/v1/spaces/${spaceId}/components/${componentId}/proposals?category=${category.id}`)
      .set('Host', hostA())
      .expect(200);
    expect(api.body.items.map((p: { categoryId: string }) => p.categoryId)).toEqual([category.id]);
    await post(hostB(), intruder, `/admin/spaces/${spaceId}/categories`, {
      category_name_en: 'X',
    }).expect(404);
  });

  it('sends anonymous visitors to sign in and refuses creation without the CSRF token', async () => {
    const anon = await http().get(`${base}/new`).set('Host', hostA()).expect(303);
    expect(anon.headers.location).toContain('/users/sign_in');
    await http()
      .post(base)
      .set('Host', hostA())
      .set('Cookie', author.cookie)
      .type('form')
      .send({ title: 'Another proposal title here', body: 'Another body long enough.' })
      .expect(403);
  });
});
