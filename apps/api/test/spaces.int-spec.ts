import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Participatory spaces: admin and public pages (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: TestSession;
  let adminB: TestSession;
  let participantA: TestSession;
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
  const inA = <T>(work: (em: import('typeorm').EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr'] });
    b = await platform.createTenant({ name: 'Beta', locales: ['en', 'es'] });
    adminA = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    participantA = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lets an admin create a process, add phases and a proposals component, and shows it publicly', async () => {
    const invalid = await post(hostA(), adminA, '/admin/spaces', {
      kind: 'process',
      slug: 'Bad Slug',
      startDate: '2027-02-01',
      endDate: '2027-01-01',
    }).expect(422);
    expect(invalid.text).toContain('role="alert"');
    expect(invalid.text).toContain('Use 3 to 80 lowercase letters, digits and hyphens.');
    expect(invalid.text).toContain('Enter a title in at least one language.');
    expect(invalid.text).toContain('aria-invalid="true"');

    const created = await post(hostA(), adminA, '/admin/spaces', {
      kind: 'process',
      slug: 'budget-2027',
      title_en: 'Budget 2027',
      title_fr: 'Budget 2027 (fr)',
      subtitle_en: 'Decide together',
      hashtag: '#budget27',
      meta_target_en: 'Every resident',
      published: 'on',
      promoted: 'on',
    }).expect(303);
    const spaceId = created.headers.location.split('/').pop()!;
    const duplicate = await post(hostA(), adminA, '/admin/spaces', {
      kind: 'process',
      slug: 'budget-2027',
      title_en: 'Again',
    }).expect(422);
    expect(duplicate.text).toContain('Another space already uses this address.');

    await post(hostA(), adminA, `/admin/spaces/${spaceId}/phases`, {
      phase_title_en: 'Proposals',
      phase_startDate: '2027-01-01',
      phase_endDate: '2027-01-31',
    }).expect(303);
    await post(hostA(), adminA, `/admin/spaces/${spaceId}/phases`, {
      phase_title_en: 'Supports',
      phase_startDate: '2027-02-01',
      phase_endDate: '2027-02-28',
    }).expect(303);
    const phases = await inA((em) =>
      em.find(SpacePhaseEntity, { where: { spaceId }, order: { position: 'ASC' } }),
    );
    expect(phases.map((p) => p.active)).toEqual([true, false]);
    await post(
      hostA(),
      adminA,
      `/admin/spaces/${spaceId}/phases/${phases[1].id}/activate`,
      {},
    ).expect(303);
    const after = await inA((em) => em.findBy(SpacePhaseEntity, { spaceId, active: true }));
    expect(after.map((p) => p.id)).toEqual([phases[1].id]);
    const phaseForm = await get(
      hostA(),
      `/admin/spaces/${spaceId}/phases/${phases[0].id}`,
      adminA,
    ).expect(200);
    expect(phaseForm.text).toContain('value="2027-01-01"');
    const badPhase = await post(
      hostA(),
      adminA,
      `/admin/spaces/${spaceId}/phases/${phases[0].id}`,
      {
        phase_title_en: 'Proposals',
        phase_startDate: '2027-01-31',
        phase_endDate: '2027-01-01',
      },
    ).expect(422);
    expect(badPhase.text).toContain('The end date must not be before the start date.');
    await post(hostA(), adminA, `/admin/spaces/${spaceId}/phases/${phases[0].id}`, {
      phase_title_en: 'Proposals (renamed)',
      phase_startDate: '2027-01-01',
      phase_endDate: '2027-01-30',
    }).expect(303);
    expect(
      (await inA((em) => em.findOneByOrFail(SpacePhaseEntity, { id: phases[0].id }))).title.en,
    ).toBe('Proposals (renamed)');
    await post(
      hostB(),
      adminB,
      `/admin/spaces/${spaceId}/phases/${phases[0].id}/delete`,
      {},
    ).expect(404);
    await post(hostA(), adminA, `/admin/spaces/${spaceId}/phases`, {
      phase_title_en: 'Temporary',
    }).expect(303);
    const temp = await inA((em) => em.findOneByOrFail(SpacePhaseEntity, { spaceId, position: 2 }));
    await post(hostA(), adminA, `/admin/spaces/${spaceId}/phases/${temp.id}/delete`, {}).expect(
      303,
    );
    expect(await inA((em) => em.countBy(SpacePhaseEntity, { spaceId }))).toBe(2);

    const added = await post(hostA(), adminA, `/admin/spaces/${spaceId}/components`, {
      manifest: 'proposals',
      name_en: 'Ideas',
    }).expect(303);
    const componentId = added.headers.location.split('/').pop()!;
    const form = await get(
      hostA(),
      `/admin/spaces/${spaceId}/components/${componentId}`,
      adminA,
    ).expect(200);
    expect(form.text).toContain('Settings during “Supports”');
    const badSettings = await post(
      hostA(),
      adminA,
      `/admin/spaces/${spaceId}/components/${componentId}`,
      {
        name_en: 'Ideas',
        weight: '0',
        global_vote_limit: '-1',
      },
    ).expect(422);
    expect(badSettings.text).toContain('Enter a whole number of at least 0.');
    const settings: Record<string, string> = {
      name_en: 'Ideas',
      weight: '0',
      global_vote_limit: '3',
      global_minimum_votes_per_user: '0',
      global_threshold_per_proposal: '0',
      global_proposal_limit: '0',
      global_proposal_length: '500',
      global_proposal_edit_time_limit: '5',
      global_comments_max_length: '1000',
      global_threshold_reports: '3',
      [`step_${phases[1].id}_votes_enabled`]: 'on',
    };
    await post(
      hostA(),
      adminA,
      `/admin/spaces/${spaceId}/components/${componentId}`,
      settings,
    ).expect(303);
    const component = await inA((em) => em.findOneByOrFail(ComponentEntity, { id: componentId }));
    expect(component.settings.vote_limit).toBe(3);
    expect(component.stepSettings[phases[1].id].votes_enabled).toBe(true);
    expect(component.stepSettings[phases[0].id].votes_enabled).toBe(false);

    let page = await get(hostA(), '/processes/budget-2027').expect(200);
    expect(page.text).toContain('Budget 2027');
    expect(page.text).toContain('aria-current="step"');
    expect(page.text).toContain('Every resident');
    expect(page.text).not.toContain('Ideas');
    await post(hostA(), adminA, `/admin/spaces/${spaceId}/components/${componentId}/publish`, {
      published: 'true',
    }).expect(303);
    page = await get(hostA(), '/processes/budget-2027').expect(200);
    expect(page.text).toContain(`/processes/budget-2027/f/${componentId}/proposals`);
    const list = await get(hostA(), '/processes').expect(200);
    expect(list.text).toContain('Budget 2027');
    expect(list.text).toContain('Highlighted');

    // Translated interface and content in French.
    const fr = await get(hostA(), '/processes/budget-2027')
      .set('Cookie', 'plaza_locale=fr')
      .expect(200);
    expect(fr.text).toContain('Phase en cours');

    // Tenant B sees nothing of A: not the public page, not the admin page, not with A's session.
    await get(hostB(), '/processes/budget-2027').expect(404);
    await get(hostB(), `/admin/spaces/${spaceId}`, adminB).expect(404);
    await post(
      hostB(),
      adminB,
      `/admin/spaces/${spaceId}/phases/${phases[0].id}/activate`,
      {},
    ).expect(404);
    const withASession = await get(hostB(), `/admin/spaces/${spaceId}`, adminA);
    expect(withASession.status).toBe(303);
    expect((await get(hostB(), '/processes').expect(200)).text).not.toContain('Budget 2027');
  });

  it('groups processes: an admin creates a group, processes join it, the group page lists them', async () => {
    await post(hostA(), adminA, '/admin/spaces/groups', {
      group_title_en: 'Neighbourhoods',
    }).expect(303);
    await post(hostA(), adminA, '/admin/spaces/groups', { group_title_en: '' }).expect(400);
    const index = await get(hostA(), '/admin/spaces', adminA).expect(200);
    const groupId = /\/process-groups\/([0-9a-f-]{36})/.exec(index.text)![1];
    await post(hostA(), adminA, '/admin/spaces', {
      kind: 'process',
      slug: 'north-district',
      title_en: 'North district',
      groupId,
      published: 'on',
    }).expect(303);
    const group = await get(hostA(), `/process-groups/${groupId}`).expect(200);
    expect(group.text).toContain('Neighbourhoods');
    expect(group.text).toContain('/processes/north-district');
    expect((await get(hostA(), '/processes/north-district').expect(200)).text).toContain(
      `/process-groups/${groupId}`,
    );
    await get(hostB(), `/process-groups/${groupId}`).expect(404);
  });

  it('serves a published pages component under its own space only', async () => {
    const [space, other] = await inA((em) =>
      em.save([
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'with-page',
          title: { en: 'With page' },
          publishedAt: new Date(),
        }),
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'other-one',
          title: { en: 'Other' },
          publishedAt: new Date(),
        }),
      ]),
    );
    const page = await inA((em) =>
      em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'pages',
          name: { en: 'About' },
          settings: { body: { en: 'First paragraph.\n\nSecond paragraph.' } },
          publishedAt: new Date(),
        }),
      ),
    );
    const res = await get(hostA(), `/processes/with-page/f/${page.id}/pages`).expect(200);
    expect(res.text).toContain('<p>Second paragraph.</p>');
    await get(hostA(), `/processes/${other.slug}/f/${page.id}/pages`).expect(404);
    await get(hostB(), `/processes/with-page/f/${page.id}/pages`).expect(404);
  });

  it('keeps unpublished spaces hidden and admin pages for admins', async () => {
    await inA((em) =>
      em.save(
        em.create(SpaceEntity, { kind: 'process', slug: 'draft-one', title: { en: 'Draft' } }),
      ),
    );
    await get(hostA(), '/processes/draft-one').expect(404);
    expect((await get(hostA(), '/processes').expect(200)).text).not.toContain('Draft');
    await get(hostA(), '/admin/spaces', participantA).expect(403);
    const anonymous = await get(hostA(), '/admin/spaces').expect(303);
    expect(anonymous.headers.location).toContain('/users/sign_in');
    await http()
      .post('/admin/spaces')
      .set('Host', hostA())
      .set('Cookie', adminA.cookie)
      .type('form')
      .send({ kind: 'process', slug: 'no-csrf', title_en: 'x' })
      .expect(403);
  });

  it('shows assemblies with members and children; private ones only to members, transparent to all', async () => {
    const parent = await post(hostA(), adminA, '/admin/spaces', {
      kind: 'assembly',
      slug: 'council',
      title_en: 'City council',
      assemblyType: 'government',
      purpose_en: 'Govern the city',
      published: 'on',
    }).expect(303);
    const parentId = parent.headers.location.split('/').pop()!;
    await post(hostA(), adminA, `/admin/spaces/${parentId}/members`, {
      fullName: 'Ada Mayor',
      position: 'president',
    }).expect(303);
    const badMember = await post(hostA(), adminA, `/admin/spaces/${parentId}/members`, {
      fullName: '',
      position: 'emperor',
    }).expect(422);
    expect(badMember.text).toContain('This field is required.');
    const priv = await post(hostA(), adminA, '/admin/spaces', {
      kind: 'assembly',
      slug: 'secret-committee',
      title_en: 'Secret committee',
      visibility: 'private',
      parentId,
      published: 'on',
    }).expect(303);
    const privId = priv.headers.location.split('/').pop()!;
    await post(hostA(), adminA, '/admin/spaces', {
      kind: 'assembly',
      slug: 'open-books',
      title_en: 'Open books',
      visibility: 'transparent',
      published: 'on',
    }).expect(303);

    const council = await get(hostA(), '/assemblies/council').expect(200);
    expect(council.text).toContain('Ada Mayor');
    expect(council.text).toContain('President');
    expect(council.text).toContain('Govern the city');
    expect(council.text).not.toContain('Secret committee');
    await get(hostA(), '/assemblies/secret-committee', participantA).expect(404);
    await get(hostA(), '/assemblies/secret-committee').expect(404);
    expect((await get(hostA(), '/assemblies/open-books').expect(200)).text).toContain(
      'only its members can take part',
    );

    const member = await createUser(platform.ctx, a, { email: 'member@alpha.example' });
    const unknown = await post(hostA(), adminA, `/admin/spaces/${privId}/roles`, {
      email: 'nobody@alpha.example',
      role: 'member',
    }).expect(422);
    expect(unknown.text).toContain('No participant of this organization has this email.');
    await post(hostA(), adminA, `/admin/spaces/${privId}/roles`, {
      email: 'member@alpha.example',
      role: 'member',
    }).expect(303);
    const memberSession = await signInAs(app, a, member.id);
    expect(
      (await get(hostA(), '/assemblies/secret-committee', memberSession).expect(200)).text,
    ).toContain('only its members see it');
    expect((await get(hostA(), '/assemblies/council', memberSession).expect(200)).text).toContain(
      'Secret committee',
    );
    // A person of tenant B with the same email is another account: no access on A or B.
    await get(hostB(), '/assemblies/secret-committee', adminB).expect(404);
  });
});
