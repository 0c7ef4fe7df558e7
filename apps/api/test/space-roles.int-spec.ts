import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { UserEntity } from '@plaza/identity';
import { ProposalEntity, ProposalValuatorEntity } from '@plaza/proposals';
import { ModerationEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpaceRole, SpaceRoleEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Space-level roles on admin pages (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  const s: Record<string, TestSession> = {};
  const ids: Record<string, string> = {};
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const get = (who: string, path: string, host = hostA()) =>
    http().get(path).set('Host', host).set('Cookie', s[who].cookie);
  const post = (who: string, path: string, form: Record<string, unknown> = {}, host = hostA()) =>
    http()
      .post(path)
      .set('Host', host)
      .set('Cookie', s[who].cookie)
      .type('form')
      .send({ ...form, _csrf: s[who].csrfToken });
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    const people: [string, SpaceRole | 'org' | null][] = [
      ['spaceAdmin', 'admin'],
      ['moderator', 'moderator'],
      ['valuator', 'valuator'],
      ['nobody', null],
      ['orgAdmin', 'org'],
    ];
    for (const [who, role] of people) {
      const user = await createUser(platform.ctx, a, {
        name: `The ${who}`,
        roles: role === 'org' ? ['admin'] : [],
      });
      ids[who] = user.id;
      s[who] = await signInAs(app, a, user.id);
    }
    s.intruder = await signInAs(
      app,
      b,
      (await createUser(platform.ctx, b, { roles: ['admin'] })).id,
    );
    await inA(async (em) => {
      for (const n of [1, 2]) {
        const space = await em.save(
          em.create(SpaceEntity, {
            kind: 'process',
            slug: `space-${n}`,
            title: { en: `Space number ${n}` },
            publishedAt: new Date(),
          }),
        );
        ids[`space${n}`] = space.id;
        const component = await em.save(
          em.create(ComponentEntity, {
            spaceId: space.id,
            manifest: 'proposals',
            name: { en: `Ideas ${n}` },
            publishedAt: new Date(),
          }),
        );
        ids[`component${n}`] = component.id;
      }
      const proposal = (key: string, n: number, title: string) =>
        em
          .save(
            em.create(ProposalEntity, {
              componentId: ids[`component${n}`],
              authorId: ids.nobody,
              title,
              body: 'A body long enough for a proposal.',
              publishedAt: new Date(),
            }),
          )
          .then((p) => (ids[key] = p.id));
      await proposal('assigned', 1, 'Assigned to the valuator');
      await proposal('other', 1, 'Not assigned to anyone');
      await proposal('elsewhere', 2, 'In the second space');
      for (const who of ['spaceAdmin', 'moderator', 'valuator'] as const) {
        const role = people.find(([w]) => w === who)![1] as SpaceRole;
        await em.insert(SpaceRoleEntity, { spaceId: ids.space1, userId: ids[who], role });
      }
      await em.insert(ProposalValuatorEntity, { proposalId: ids.assigned, userId: ids.valuator });
      for (const [n, key] of [
        [1, 'other'],
        [2, 'elsewhere'],
      ] as const) {
        const m = await em.save(
          em.create(ModerationEntity, {
            resourceType: 'proposal',
            resourceId: ids[key],
            spaceId: ids[`space${n}`],
            title: `Reported in space ${n}`,
            reportCount: 1,
          }),
        );
        ids[`moderation${n}`] = m.id;
      }
    });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const spacePath = (n: number) => `/admin/spaces/${ids[`space${n}`]}`;
  const componentPath = (n: number) => `${spacePath(n)}/components/${ids[`component${n}`]}`;
  const proposalsPath = (n: number) => `${componentPath(n)}/proposals`;

  it('lets a space admin manage only their space', async () => {
    const list = await get('spaceAdmin', '/admin/spaces').expect(200);
    expect(list.text).toContain('Space number 1');
    expect(list.text).not.toContain('Space number 2');
    expect(list.text).not.toContain('/admin/spaces/new');
    await get('spaceAdmin', spacePath(1)).expect(200);
    await get('spaceAdmin', componentPath(1)).expect(200);
    await get('spaceAdmin', `${componentPath(1)}/permissions`).expect(200);
    await post('spaceAdmin', `${componentPath(1)}/publish`, { published: 'true' }).expect(303);
    await post('spaceAdmin', `${componentPath(2)}/publish`, { published: 'false' }).expect(403);
    const answers = await get('spaceAdmin', proposalsPath(1)).expect(200);
    expect(answers.text).toContain('Not assigned to anyone');
    await post('spaceAdmin', `${proposalsPath(1)}/${ids.other}/answer`, {
      state: 'evaluating',
    }).expect(303);
    expect((await inA((em) => em.findOneByOrFail(ProposalEntity, { id: ids.other }))).state).toBe(
      'evaluating',
    );

    // Refusals: another space, new spaces, groups.
    await get('spaceAdmin', spacePath(2)).expect(403);
    await get('spaceAdmin', componentPath(2)).expect(403);
    await get('spaceAdmin', `${componentPath(2)}/permissions`).expect(403);
    await get('spaceAdmin', proposalsPath(2)).expect(403);
    await post('spaceAdmin', `${proposalsPath(2)}/${ids.elsewhere}/answer`, {
      state: 'accepted',
    }).expect(403);
    await get('spaceAdmin', '/admin/spaces/new?kind=process').expect(403);
    await post('spaceAdmin', '/admin/spaces/groups', { group_title_en: 'Mine' }).expect(403);
    // The organization admin keeps everything.
    const all = await get('orgAdmin', '/admin/spaces').expect(200);
    expect(all.text).toContain('Space number 2');
    await get('orgAdmin', proposalsPath(2)).expect(200);
  });

  it('shows a valuator only the proposals assigned to them', async () => {
    const list = await get('valuator', proposalsPath(1)).expect(200);
    expect(list.text).toContain('Assigned to the valuator');
    expect(list.text).not.toContain('Not assigned to anyone');
    await get('valuator', `${proposalsPath(1)}/${ids.assigned}/answer`).expect(200);
    await get('valuator', `${proposalsPath(1)}/${ids.other}/answer`).expect(404);
    await post('valuator', `${proposalsPath(1)}/${ids.assigned}/answer`, {
      state: 'accepted',
      answer_en: 'Looks good.',
    }).expect(303);
    await post('valuator', `${proposalsPath(1)}/${ids.other}/answer`, {
      state: 'rejected',
    }).expect(404);
    await post('valuator', `${proposalsPath(1)}/${ids.other}/notes`, { body: 'x' }).expect(404);
    await post('valuator', `${proposalsPath(1)}/publish_answers`, {
      ids: [ids.assigned],
    }).expect(403);
    await post('valuator', `${proposalsPath(1)}/export`, { format: 'csv' }).expect(403);
    await post('valuator', `${proposalsPath(1)}/${ids.assigned}/valuators`, {
      user_id: ids.valuator,
    }).expect(403);
    await get('valuator', spacePath(1)).expect(403);
    await get('valuator', proposalsPath(2)).expect(403);
    // Their list of spaces leads to the proposals to evaluate, not to the space's settings.
    const spaces = await get('valuator', '/admin/spaces').expect(200);
    expect(spaces.text).toContain(`href="${proposalsPath(1)}"`);
    expect(spaces.text).not.toContain(`href="${spacePath(1)}"`);
    expect(spaces.text).not.toContain('Space number 2');
    const nav = await get('valuator', '/processes').expect(200);
    expect(nav.text).toContain('My spaces administration');
  });

  it("shows a moderator their space's queue only", async () => {
    const queue = await get('moderator', '/admin/moderations').expect(200);
    expect(queue.text).toContain('Reported in space 1');
    expect(queue.text).not.toContain('Reported in space 2');
    await post('moderator', `/admin/moderations/${ids.moderation2}/hide`).expect(403);
    await post('moderator', `/admin/moderations/${ids.moderation1}/hide`).expect(303);
    await get('moderator', spacePath(1)).expect(403);
    const spaces = await get('moderator', '/admin/spaces').expect(200);
    expect(spaces.text).toContain('href="/admin/moderations"');
    await get('moderator', proposalsPath(1)).expect(403);
    const all = await get('orgAdmin', '/admin/moderations').expect(200);
    expect(all.text).toContain('Reported in space 2');
  });

  it('lets a moderator block the author of reported content; an admin unblocks them from People', async () => {
    const author = await createUser(platform.ctx, a, { name: 'Rowdy Writer' });
    const authorSession = await signInAs(app, a, author.id);
    const { moderationId, proposalId } = await inA(async (em) => {
      const p = await em.save(
        em.create(ProposalEntity, {
          componentId: ids.component1,
          authorId: author.id,
          title: 'Something rude to report',
          body: 'A body long enough for a proposal.',
          publishedAt: new Date(),
        }),
      );
      const m = await em.save(
        em.create(ModerationEntity, {
          resourceType: 'proposal',
          resourceId: p.id,
          spaceId: ids.space1,
          title: 'Something rude to report',
          reportCount: 2,
        }),
      );
      return { moderationId: m.id, proposalId: p.id };
    });
    const queue = await get('moderator', '/admin/moderations').expect(200);
    expect(queue.text).toContain('Rowdy Writer');
    expect(queue.text).toContain('Block the author');
    const noReason = await post('moderator', `/admin/moderations/${moderationId}/block`).expect(
      422,
    );
    expect(noReason.text).toContain('Give a reason for blocking');
    // Not a moderator of space 2, another tenant, someone without a role.
    await post('moderator', `/admin/moderations/${ids.moderation2}/block`, {
      [`reason-${ids.moderation2}`]: 'Spam',
    }).expect(403);
    await post('nobody', `/admin/moderations/${moderationId}/block`, {
      [`reason-${moderationId}`]: 'Spam',
    }).expect(403);
    await post(
      'intruder',
      `/admin/moderations/${moderationId}/block`,
      { [`reason-${moderationId}`]: 'Spam' },
      hostB(),
    ).expect(404);
    expect(
      (await inA((em) => em.findOneByOrFail(UserEntity, { id: author.id }))).blockedAt,
    ).toBeNull();

    const blocked = await post('moderator', `/admin/moderations/${moderationId}/block`, {
      [`reason-${moderationId}`]: 'Insults in several proposals.',
    }).expect(303);
    const after = await get('moderator', blocked.headers.location as string).expect(200);
    expect(after.text).toContain('The author is blocked');
    const row = await inA((em) => em.findOneByOrFail(UserEntity, { id: author.id }));
    expect(row.blockedAt).not.toBeNull();
    expect(row.blockedReason).toBe('Insults in several proposals.');
    // Blocked: no session, no participation; what they wrote stays.
    const refused = await http()
      .post('/api/v1/comments')
      .set('Host', hostA())
      .set('Cookie', authorSession.cookie)
      .set('x-csrf-token', authorSession.csrfToken)
      .send({ resource_type: 'proposal', resource_id: ids.other, body: 'Still here?' });
    // Their sessions are gone: the CSRF check or the sign-in check refuses.
    expect([401, 403]).toContain(refused.status);
    const account = await http()
      .get('/account')
      .set('Host', hostA())
      .set('Cookie', authorSession.cookie);
    expect(account.headers.location).toContain('/users/sign_in');
    expect(await inA((em) => em.existsBy(ProposalEntity, { id: proposalId }))).toBe(true);

    // Organization admins cannot be blocked from the queue.
    const adminModeration = await inA(async (em) => {
      const p = await em.save(
        em.create(ProposalEntity, {
          componentId: ids.component1,
          authorId: ids.orgAdmin,
          title: 'Written by an admin',
          body: 'A body long enough for a proposal.',
          publishedAt: new Date(),
        }),
      );
      return (
        await em.save(
          em.create(ModerationEntity, {
            resourceType: 'proposal',
            resourceId: p.id,
            spaceId: ids.space1,
            title: 'Written by an admin',
            reportCount: 1,
          }),
        )
      ).id;
    });
    await post('moderator', `/admin/moderations/${adminModeration}/block`, {
      [`reason-${adminModeration}`]: 'No',
    }).expect(403);

    await post('orgAdmin', `/admin/people/${author.id}/unblock`).expect(303);
    expect(
      (await inA((em) => em.findOneByOrFail(UserEntity, { id: author.id }))).blockedAt,
    ).toBeNull();
  });

  it('refuses people without a role, and other tenants', async () => {
    await get('nobody', '/admin/spaces').expect(403);
    expect((await get('nobody', '/processes').expect(200)).text).not.toContain(
      'My spaces administration',
    );
    await get('nobody', spacePath(1)).expect(403);
    await get('nobody', proposalsPath(1)).expect(403);
    expect((await get('nobody', '/admin/moderations').expect(200)).text).not.toContain(
      'Reported in space',
    );
    await get('intruder', spacePath(1), hostB()).expect(404);
    await get('intruder', proposalsPath(1), hostB()).expect(404);
    await get('intruder', `${componentPath(1)}/permissions`, hostB()).expect(404);
    expect((await get('intruder', '/admin/moderations', hostB()).expect(200)).text).not.toContain(
      'Reported in space',
    );
  });

  it('lets collaborators and other staff preview an unpublished space; nobody else sees it', async () => {
    const collaborator = await createUser(platform.ctx, a, { name: 'The collaborator' });
    s.collaborator = await signInAs(app, a, collaborator.id);
    const draft = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'draft-process',
          title: { en: 'Draft process' },
          publishedAt: null,
        }),
      );
      await em.insert(SpaceRoleEntity, [
        { spaceId: space.id, userId: collaborator.id, role: 'collaborator' },
        { spaceId: space.id, userId: ids.nobody, role: 'member' },
      ]);
      return space;
    });
    for (const who of ['collaborator', 'orgAdmin']) {
      const page = await get(who, '/processes/draft-process').expect(200);
      expect(page.text).toContain('Draft process');
      expect(page.text).toContain('Preview: this space is not published yet.');
    }
    // A plain member, another space's staff and visitors do not see it.
    await get('nobody', '/processes/draft-process').expect(404);
    await get('moderator', '/processes/draft-process').expect(404);
    await http().get('/processes/draft-process').set('Host', hostA()).expect(404);
    // Not listed, not in the API, and a role in tenant A means nothing on tenant B's host.
    expect((await get('collaborator', '/processes').expect(200)).text).not.toContain(
      'Draft process',
    );
    await get('collaborator', `/api/v1/spaces/${draft.id}`).expect(404);
    await get('collaborator', '/processes/draft-process', hostB()).expect(404);
    // Published, everyone sees it without the notice.
    await inA((em) => em.update(SpaceEntity, { id: draft.id }, { publishedAt: new Date() }));
    const published = await http().get('/processes/draft-process').set('Host', hostA()).expect(200);
    expect(published.text).not.toContain('Preview: this space is not published yet.');
    await get('collaborator', `/api/v1/spaces/${draft.id}`).expect(200);
  });
});
