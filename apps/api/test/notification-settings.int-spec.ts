import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import { EntityManager } from 'typeorm';

import { MailQueue } from '@plaza/mail';
import { ProposalsService } from '@plaza/proposals';
import { NotificationEntity, NotificationPreferenceEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
  TestSmtp,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

describe('Notification settings on the account area (delivery and events, two tenants)', () => {
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let a: TenantRef;
  let b: TenantRef;
  let follower: TestSession;
  let followerId: string;
  let followerEmail: string;
  let commenter: TestSession;
  let stranger: TestSession;
  let proposalId: string;
  let path: string;

  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  /** A form as browsers send it: repeated `events` fields for the ticked boxes. */
  const save = (t: TenantRef, s: TestSession, fields: [string, string][], csrf = s.csrfToken) =>
    http()
      .post('/account/notifications')
      .set('Host', host(t))
      .set('Cookie', s.cookie)
      .type('form')
      .send(
        new URLSearchParams([
          ...(csrf ? [['_csrf', csrf] as [string, string]] : []),
          ...fields,
        ]).toString(),
      );
  const page = (t: TenantRef, s?: TestSession) => {
    const r = http().get('/account/notifications').set('Host', host(t));
    return s ? r.set('Cookie', s.cookie) : r;
  };
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  const comment = (body: string) =>
    http()
      .post('/comments')
      .set('Host', host(a))
      .set('Cookie', commenter.cookie)
      .type('form')
      .send({
        _csrf: commenter.csrfToken,
        resource_type: 'proposal',
        resource_id: proposalId,
        body,
        back: path,
      })
      .expect(303);
  const notified = () =>
    inA((em) => em.countBy(NotificationEntity, { userId: followerId, event: 'comment_created' }));
  const queuedMails = async () =>
    (
      await app
        .get(MailQueue)
        .queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
    ).filter((j) => j?.data.message.to === followerEmail).length;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({ SMTP_URL: smtp.url });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    const person = await createUser(platform.ctx, a, { name: 'Fay Follower' });
    followerId = person.id;
    followerEmail = person.email;
    follower = await signInAs(app, a, person.id);
    commenter = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
    stranger = await signInAs(app, b, (await createUser(platform.ctx, b)).id);
    const componentId = await inA(async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'settings',
          title: { en: 'Settings' },
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
          settings: { comments_enabled: true },
          stepSettings: { [phase.id]: { creation_enabled: true } },
        }),
      );
      return c.id;
    });
    // Authors follow their proposals.
    const proposal = await TenantContext.run(a, () =>
      app.get(ProposalsService).create(
        componentId,
        {
          id: person.id,
          name: person.name,
          nickname: person.nickname,
          email: person.email,
          locale: null,
          roles: [],
          confirmed: true,
        },
        { title: 'Drinking fountains in parks', body: 'Water for everyone in summer.' },
      ),
    );
    proposalId = proposal.id;
    path = `/processes/settings/f/${componentId}/proposals/${proposalId}`;
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
  });

  it('shows the current choice, saves frequency and events, and notifies accordingly', async () => {
    const initial = await page(a, follower).expect(200);
    expect(initial.text).toContain('<h1>Notification settings</h1>');
    expect(initial.text).toMatch(
      /id="freq-real_time" name="email_frequency" value="real_time" checked/,
    );
    expect(initial.text).toMatch(
      /id="event-comment_created" name="events" value="comment_created" checked/,
    );

    // Real time by default: the comment notifies in the site and by email (real SMTP).
    await comment('Yes, near the playgrounds.');
    expect(await notified()).toBe(1);
    const [mail] = await eventually(
      async () => smtp.to(followerEmail).length > 0 && smtp.to(followerEmail),
    );
    expect(mail.text).toContain('Drinking fountains in parks');

    // Comments turned off, digest daily: no notification at all for comments.
    const saved = await save(a, follower, [
      ['email_frequency', 'daily'],
      ['events', 'mentioned'],
      ['events', 'answer_published'],
    ]).expect(200);
    expect(saved.text).toContain('Your notification settings have been saved.');
    expect(saved.text).toMatch(/value="daily" checked/);
    expect(saved.text).not.toMatch(/value="comment_created" checked/);
    const row = await inA((em) =>
      em.findOneByOrFail(NotificationPreferenceEntity, { userId: followerId }),
    );
    expect(row.emailFrequency).toBe('daily');
    expect(row.mutedEvents.sort()).toEqual(
      ['comment_created', 'proposal_created', 'supports_threshold_reached'].sort(),
    );
    const mailsBefore = await queuedMails();
    await comment('And one at the station.');
    expect(await notified()).toBe(1);
    expect(await queuedMails()).toBe(mailsBefore);

    // Comments back on, emails never: in the site only.
    await save(a, follower, [
      ['email_frequency', 'none'],
      ['events', 'comment_created'],
    ]).expect(200);
    await comment('Refill points for bottles too.');
    expect(await notified()).toBe(2);
    expect(await queuedMails()).toBe(mailsBefore);
    expect(
      (await http().get('/notifications').set('Host', host(a)).set('Cookie', follower.cookie)).text,
    ).toContain('href="/account/notifications"');
  });

  it('refuses an unknown frequency with a sentence, keeping the boxes as ticked; CSRF and sign-in required', async () => {
    const refused = await save(a, follower, [
      ['email_frequency', 'hourly'],
      ['events', 'mentioned'],
    ]).expect(422);
    expect(refused.text).toContain('Choose how often you want emails.');
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toMatch(/value="mentioned" checked/);
    expect(refused.text).not.toMatch(/value="answer_published" checked/);
    await save(a, follower, [['email_frequency', 'weekly']], '').expect(403);
    const row = await inA((em) =>
      em.findOneByOrFail(NotificationPreferenceEntity, { userId: followerId }),
    );
    expect(row.emailFrequency).not.toBe('weekly');
    const anonymous = await page(a).expect(303);
    expect(anonymous.headers.location).toContain('/users/sign_in');
  });

  it("keeps each tenant's settings apart", async () => {
    // A's session means nothing on B, and B's person sees their own defaults.
    expect((await page(b, follower)).status).toBe(303);
    const own = await page(b, stranger).expect(200);
    expect(own.text).toMatch(/value="real_time" checked/);
    await save(b, stranger, [['email_frequency', 'weekly']]).expect(200);
    const inB = await platform
      .get(TenantDb)
      .runFor(b, (em) => em.find(NotificationPreferenceEntity));
    expect(inB).toHaveLength(1);
    expect(inB[0].emailFrequency).toBe('weekly');
    const rowA = await inA((em) =>
      em.findOneByOrFail(NotificationPreferenceEntity, { userId: followerId }),
    );
    expect(rowA.emailFrequency).toBe('none');
  });
});
