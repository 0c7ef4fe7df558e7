import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { MailQueue } from '@plaza/mail';
import { ProposalsService } from '@plaza/proposals';
import { CommentEntity, ModerationEntity, NotificationEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Comments, follows, notifications and moderation (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let author: TestSession;
  let authorEmail: string;
  let commenter: TestSession;
  let other: TestSession;
  let admin: TestSession;
  let intruder: TestSession;
  let proposalId: string;
  let path: string;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (host: string, s: TestSession, url: string, form: Record<string, string>) =>
    http()
      .post(url)
      .set('Host', host)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, _csrf: s.csrfToken });
  const get = (host: string, url: string, s?: TestSession) => {
    const r = http().get(url).set('Host', host);
    return s ? r.set('Cookie', s.cookie) : r;
  };
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const comment = (s: TestSession, body: string, extra: Record<string, string> = {}) =>
    post(hostA(), s, '/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body,
      alignment: '1',
      back: path,
      ...extra,
    });
  const mailsTo = async (to: string) =>
    (
      await app
        .get(MailQueue)
        .queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
    ).filter((j) => j?.data.message.to === to);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    const authorUser = await createUser(platform.ctx, a, { name: 'Ada Author' });
    authorEmail = authorUser.email;
    author = await signInAs(app, a, authorUser.id);
    commenter = await signInAs(
      app,
      a,
      (await createUser(platform.ctx, a, { name: 'Carl Commenter' })).id,
    );
    other = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    intruder = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    const componentId = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'talk',
          title: { en: 'Talk' },
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const c = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          settings: { comments_max_length: 100, threshold_reports: 2 },
          stepSettings: { [phase.id]: { creation_enabled: true } },
        }),
      );
      return c.id;
    });
    const proposal = await TenantContext.run(a, () =>
      app.get(ProposalsService).create(
        componentId,
        {
          id: authorUser.id,
          name: 'Ada Author',
          nickname: 'ada',
          email: authorEmail,
          locale: null,
          roles: [],
          confirmed: true,
        },
        { title: 'A bench under every tree', body: 'Benches help older people walk.' },
      ),
    );
    proposalId = proposal.id;
    path = `/processes/talk/f/${componentId}/proposals/${proposalId}`;
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('threads comments three levels deep, notifies the following author in the app and by email', async () => {
    const first = await comment(commenter, 'I agree, and near the schools too.').expect(303);
    expect(first.headers.location).toMatch(new RegExp(`^${path}#comment-`));
    const firstId = first.headers.location.split('#comment-')[1];
    const second = await comment(author, 'Good idea.', { parent_id: firstId }).expect(303);
    const secondId = second.headers.location.split('#comment-')[1];
    const third = await comment(commenter, 'Thanks!', { parent_id: secondId }).expect(303);
    const thirdId = third.headers.location.split('#comment-')[1];
    const fourth = await comment(author, 'Too deep.', { parent_id: thirdId }).expect(303);
    expect(fourth.headers.location).toContain('social_error=error.depth');
    const long = await comment(commenter, 'x'.repeat(101)).expect(303);
    expect(long.headers.location).toContain('social_error=error.commentLength');
    const refused = await get(hostA(), long.headers.location, commenter).expect(200);
    expect(refused.text).toContain('Write a comment of 1 to 100 characters.');

    const page = await get(hostA(), path).expect(200);
    expect(page.text).toContain('I agree, and near the schools too.');
    expect(page.text).toContain('In favour');
    expect(await inA((em) => em.countBy(CommentEntity, { resourceId: proposalId }))).toBe(3);

    const notifications = await get(hostA(), '/notifications', author).expect(200);
    expect(notifications.text).toContain('New comment on “A bench under every tree”');
    expect((await mailsTo(authorEmail)).length).toBeGreaterThanOrEqual(1);
    await http()
      .post('/account/notifications')
      .set('Host', hostA())
      .set('Cookie', author.cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(author.csrfToken)}&email_frequency=none&events=comment_created`,
      )
      .expect(200);
    const before = (await mailsTo(authorEmail)).length;
    await comment(other, 'Another view.').expect(303);
    expect((await mailsTo(authorEmail)).length).toBe(before);
    expect(
      await inA((em) =>
        em.countBy(NotificationEntity, { resourceId: proposalId, event: 'comment_created' }),
      ),
    ).toBeGreaterThanOrEqual(3);

    await post(hostA(), other, `/comments/${firstId}/vote`, { weight: 'up', back: path }).expect(
      303,
    );
    await post(hostA(), author, `/comments/${firstId}/vote`, { weight: 'up', back: path }).expect(
      303,
    );
    await post(hostA(), author, `/comments/${firstId}/vote`, { weight: 'up', back: path }).expect(
      303,
    );
    expect((await inA((em) => em.findOneByOrFail(CommentEntity, { id: firstId }))).upVotes).toBe(1);

    await post(hostA(), commenter, `/comments/${firstId}/edit`, {
      body: 'Edited text.',
      back: path,
    }).expect(303);
    await post(hostA(), other, `/comments/${firstId}/delete`, { back: path }).expect(404);
    await post(hostA(), commenter, `/comments/${thirdId}/delete`, { back: path }).expect(303);
    const after = await get(hostA(), path).expect(200);
    expect(after.text).toContain('Edited text.');
    expect(after.text).toContain('This comment was deleted by its author.');
    expect(after.text).not.toContain('Thanks!');

    // Tenant B: A's proposal and comments are unknown there; A's notifications are not B's.
    await post(hostB(), intruder, '/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body: 'Hello from B',
      back: '/',
    }).expect(404);
    await post(hostB(), intruder, `/comments/${firstId}/vote`, { weight: 'up', back: '/' }).expect(
      404,
    );
    await post(hostB(), intruder, '/follows', {
      resource_type: 'proposal',
      resource_id: proposalId,
      back: '/',
    }).expect(404);
    expect((await get(hostB(), '/notifications', intruder).expect(200)).text).not.toContain(
      'A bench under',
    );
    const foreign = await post(hostB(), author, '/comments', {
      resource_type: 'proposal',
      resource_id: proposalId,
      body: 'x',
    });
    expect(foreign.status).toBe(403);
  });

  it('lets participants follow a space and tells them about new proposals in it', async () => {
    const spacePage = await get(hostA(), '/processes/talk', other).expect(200);
    const spaceId = /name="resource_id" value="([0-9a-f-]{36})"/.exec(spacePage.text)![1];
    await post(hostA(), other, '/follows', {
      resource_type: 'space',
      resource_id: spaceId,
      back: '/processes/talk',
    }).expect(303);
    expect((await get(hostA(), '/processes/talk', other).expect(200)).text).toContain(
      'Stop following',
    );
    const componentId = path.split('/')[4];
    await post(hostA(), author, `/processes/talk/f/${componentId}/proposals`, {
      title: 'Free water fountains in parks',
      body: 'Fountains help everyone in summer.',
    }).expect(303);
    const inbox = await get(hostA(), '/notifications', other).expect(200);
    expect(inbox.text).toContain(
      'New proposal in a space you follow: “Free water fountains in parks”',
    );
    await post(hostB(), intruder, '/follows', {
      resource_type: 'space',
      resource_id: spaceId,
      back: '/',
    }).expect(404);
    await post(hostA(), other, '/reports', {
      resource_type: 'space',
      resource_id: spaceId,
      reason: 'spam',
      back: '/',
    }).expect(404);
  });

  it('notifies people mentioned with @nickname in a comment', async () => {
    const mona = await createUser(platform.ctx, a, { nickname: 'mona_m', name: 'Mona' });
    const monaSession = await signInAs(app, a, mona.id);
    await comment(commenter, 'We should ask @Mona_M about benches.').expect(303);
    const inbox = await get(hostA(), '/notifications', monaSession).expect(200);
    expect(inbox.text).toContain('You were mentioned in a comment on “A bench under every tree”');
  });

  it('serves comments through /api/v1/comments, reading without sign-in and writing with the session', async () => {
    const threads = await http()
      .get(`/api/v1/comments?resource_type=proposal&resource_id=${proposalId}`)
      .set('Host', hostA())
      .expect(200);
    expect(threads.body[0].replies[0].replies[0]).toMatchObject({
      depth: 2,
      deleted: true,
      body: null,
    });
    await http()
      .get('/api/v1/comments?resource_type=meeting&resource_id=x')
      .set('Host', hostA())
      .expect(400);
    await http()
      .get(`/api/v1/comments?resource_type=proposal&resource_id=${proposalId}`)
      .set('Host', hostB())
      .expect(404);
    const created = await http()
      .post('/api/v1/comments')
      .set('Host', hostA())
      .set('Cookie', other.cookie)
      .set('x-csrf-token', other.csrfToken)
      .send({
        resource_type: 'proposal',
        resource_id: proposalId,
        body: 'Through the API',
        alignment: -1,
      })
      .expect(201);
    expect(created.body.id).toBeDefined();
    const tooLong = await http()
      .post('/api/v1/comments')
      .set('Host', hostA())
      .set('Cookie', other.cookie)
      .set('x-csrf-token', other.csrfToken)
      .send({ resource_type: 'proposal', resource_id: proposalId, body: 'y'.repeat(101) })
      .expect(400);
    expect(tooLong.body.message).toBe('Write a comment of 1 to 100 characters.');
  });

  it('hides a proposal after the configured number of reports; moderators see the queue and unhide', async () => {
    await post(hostA(), commenter, '/reports', {
      resource_type: 'proposal',
      resource_id: proposalId,
      reason: 'spam',
      back: path,
    }).expect(303);
    const twice = await post(hostA(), commenter, '/reports', {
      resource_type: 'proposal',
      resource_id: proposalId,
      reason: 'spam',
      back: path,
    }).expect(303);
    expect(twice.headers.location).toContain('social_error=error.alreadyReported');
    expect((await get(hostA(), path).expect(200)).text).toContain('A bench under every tree');
    await post(hostA(), other, '/reports', {
      resource_type: 'proposal',
      resource_id: proposalId,
      reason: 'offensive',
      back: path,
    }).expect(303);
    const hidden = await get(hostA(), path).expect(200);
    expect(hidden.text).toContain('This content was hidden by moderation.');
    expect(hidden.text).not.toContain('Benches help older people walk.');
    const list = await get(hostA(), path.split('/').slice(0, -1).join('/')).expect(200);
    expect(list.text).not.toContain('A bench under every tree');

    expect((await get(hostA(), '/admin/moderations', other).expect(200)).text).toContain(
      'Nothing has been reported.',
    );
    const queue = await get(hostA(), '/admin/moderations', admin).expect(200);
    expect(queue.text).toContain('2 reports');
    const moderation = await inA((em) =>
      em.findOneByOrFail(ModerationEntity, { resourceId: proposalId }),
    );
    await post(hostA(), other, `/admin/moderations/${moderation.id}/unhide`, {}).expect(403);
    await post(hostB(), intruder, `/admin/moderations/${moderation.id}/unhide`, {}).expect(404);
    await post(hostA(), admin, `/admin/moderations/${moderation.id}/unhide`, {}).expect(303);
    expect((await get(hostA(), path).expect(200)).text).toContain(
      'Benches help older people walk.',
    );
  });
});
