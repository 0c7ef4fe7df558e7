import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { hashPassword } from '@plaza/core';
import { ActionLogEntity, UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  csrfTokenIn,
  eventually,
  linkIn,
  TestBrowser,
  testLogger,
  TestPlatform,
  TestSmtp,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';

describe('Admin pages: people and action log', () => {
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let a: TenantRef;
  let b: TenantRef;
  let passwordHash: string;
  let adminA: UserEntity;
  let admin: TestBrowser;

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
    passwordHash = await hashPassword(PASSWORD);
    adminA = await createUser(platform.ctx, a, {
      name: 'Admin Alpha',
      roles: ['admin'],
      passwordHash,
    });
    admin = await signedIn(a, adminA.email);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
  });

  const browser = (t: TenantRef) => new TestBrowser(app.getHttpServer(), `${t.slug}.plaza.test`);
  async function signedIn(t: TenantRef, email: string): Promise<TestBrowser> {
    const visitor = browser(t);
    const res = await visitor.submit('/users/sign_in', '/users/sign_in', {
      email,
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    return visitor;
  }
  const logs = (t: TenantRef) =>
    platform
      .get(TenantDb)
      .runFor(t, (em) => em.find(ActionLogEntity, { order: { createdAt: 'ASC' } }));

  it('is for admins only', async () => {
    expect((await browser(a).get('/admin/people')).headers.location).toBe(
      '/users/sign_in?back=%2Fadmin%2Fpeople',
    );
    const participant = await createUser(platform.ctx, a, { passwordHash });
    const visitor = await signedIn(a, participant.email);
    expect((await visitor.get('/admin/people')).status).toBe(403);
    expect((await visitor.get('/admin/logs')).status).toBe(403);
    // A's admin session means nothing on B.
    const onB = await request(app.getHttpServer())
      .get('/admin/people')
      .set('Host', `${b.slug}.plaza.test`)
      .set('Cookie', admin.cookieHeader());
    expect(onB.status).toBe(303);
  });

  it('lists people with search and filters by role, confirmation and blocking', async () => {
    const t = await platform.createTenant();
    const boss = await createUser(platform.ctx, t, {
      name: 'Boss',
      roles: ['admin'],
      passwordHash,
    });
    await createUser(platform.ctx, t, {
      name: 'Zoe Unconfirmed',
      nickname: 'zoe',
      confirmed: false,
    });
    const manager = await createUser(platform.ctx, t, {
      name: 'Mia Manager',
      roles: ['user_manager'],
    });
    const blocked = await createUser(platform.ctx, t, {
      name: 'Bob Blocked',
      email: 'bob@blocked.example',
    });
    await platform
      .get(TenantDb)
      .runFor(t, (em) =>
        em.update(UserEntity, { id: blocked.id }, { blockedAt: new Date(), blockedReason: 'x' }),
      );
    const visitor = await signedIn(t, boss.email);
    const names = async (query: string) => {
      const res = await visitor.get(`/admin/people?${query}`);
      expect(res.status).toBe(200);
      return ['Boss', 'Zoe Unconfirmed', 'Mia Manager', 'Bob Blocked'].filter((n) =>
        res.text.includes(`>${n}</a>`),
      );
    };
    expect(await names('')).toEqual(['Boss', 'Zoe Unconfirmed', 'Mia Manager', 'Bob Blocked']);
    expect(await names('q=ZOE')).toEqual(['Zoe Unconfirmed']);
    expect(await names('q=blocked.example')).toEqual(['Bob Blocked']);
    expect(await names('q=100%25')).toEqual([]);
    expect(await names('role=user_manager')).toEqual(['Mia Manager']);
    expect(await names('role=admin')).toEqual(['Boss']);
    expect(await names('confirmed=no')).toEqual(['Zoe Unconfirmed']);
    expect(await names('blocked=yes')).toEqual(['Bob Blocked']);
    expect(await names('blocked=no&role=none')).toEqual(['Zoe Unconfirmed']);
    expect((await visitor.get('/admin/people?role=king')).status).toBe(400);
    const page = await visitor.get('/admin/people');
    expect(page.text).toContain('<label for="field-q">Search by name, nickname or email</label>');
    expect(page.text).toContain('<th scope="col">Email</th>');
    expect(manager.id).toBeDefined();
  });

  it('invites someone by email; the invitation is logged', async () => {
    const form = await admin.get('/admin/people/invite');
    expect(form.status).toBe(200);
    const bad = await admin.post('/admin/people/invite', {
      _csrf: csrfTokenIn(form.text),
      name: '',
      email: 'nope',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('role="alert"');
    const res = await admin.post('/admin/people/invite', {
      _csrf: csrfTokenIn(form.text),
      name: 'New Manager',
      email: 'New.Manager@example.org',
      role: 'user_manager',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Invitation sent to new.manager@example.org');
    const [mail] = await eventually(
      async () =>
        smtp.to('new.manager@example.org').length > 0 && smtp.to('new.manager@example.org'),
    );
    expect(mail.subject).toBe('Your invitation to Alpha');
    expect(linkIn(mail.text, '/users/invitation?token=')).toContain('token=');
    const again = await admin.post('/admin/people/invite', {
      _csrf: csrfTokenIn(form.text),
      name: 'Twice',
      email: 'new.manager@example.org',
    });
    expect(again.status).toBe(409);
    const invited = await platform
      .get(TenantDb)
      .runFor(a, (em) => em.findOneByOrFail(UserEntity, { email: 'new.manager@example.org' }));
    expect(invited).toMatchObject({ roles: ['user_manager'], passwordHash: null });
    expect((await logs(a)).find((l) => l.action === 'user.invite')).toMatchObject({
      actorId: adminA.id,
      subjectId: invited.id,
    });
  });

  it('changes roles and ends the sessions of the person concerned', async () => {
    const person = await createUser(platform.ctx, a, { name: 'Promoted', passwordHash });
    const theirs = await signedIn(a, person.email);
    const page = await admin.get(`/admin/people/${person.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<legend>Roles</legend>');
    const res = await admin.post(`/admin/people/${person.id}/roles`, {
      _csrf: csrfTokenIn(page.text),
      roles: 'admin',
    });
    expect(res.status).toBe(303);
    const row = await platform
      .get(TenantDb)
      .runFor(a, (em) => em.findOneByOrFail(UserEntity, { id: person.id }));
    expect(row.roles).toEqual(['admin']);
    expect((await theirs.get('/')).text).not.toContain('Signed in as Promoted');
    const fresh = await signedIn(a, person.email);
    expect((await fresh.get('/admin/people')).status).toBe(200);
  });

  it('blocks with a reason (signing the person out) and unblocks; never oneself', async () => {
    const person = await createUser(platform.ctx, a, { name: 'Troll', passwordHash });
    const theirs = await signedIn(a, person.email);
    const page = await admin.get(`/admin/people/${person.id}`);
    const csrf = csrfTokenIn(page.text);
    expect((await admin.post(`/admin/people/${person.id}/block`, { reason: 'spam' })).status).toBe(
      403,
    );
    const noReason = await admin.post(`/admin/people/${person.id}/block`, {
      _csrf: csrf,
      reason: ' ',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Give a reason');
    expect(
      (
        await admin.post(`/admin/people/${person.id}/block`, {
          _csrf: csrf,
          reason: 'Spam in comments',
        })
      ).status,
    ).toBe(303);
    expect((await theirs.get('/')).text).not.toContain('Signed in as Troll');
    const refused = await browser(a).submit('/users/sign_in', '/users/sign_in', {
      email: person.email,
      password: PASSWORD,
    });
    expect(refused.status).toBe(422);
    const blockedPage = await admin.get(`/admin/people/${person.id}`);
    expect(blockedPage.text).toContain('Reason: Spam in comments');
    expect((await admin.post(`/admin/people/${person.id}/unblock`, { _csrf: csrf })).status).toBe(
      303,
    );
    await signedIn(a, person.email);

    const self = await admin.get(`/admin/people/${adminA.id}`);
    expect(self.text).toContain('You cannot change your own roles or block yourself.');
    expect(
      (await admin.post(`/admin/people/${adminA.id}/block`, { _csrf: csrf, reason: 'oops' }))
        .status,
    ).toBe(404);
  });

  it("shows the action log, newest first, and never another tenant's people", async () => {
    const res = await admin.get('/admin/logs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Action log</h1>');
    expect(res.text).toContain('unblocked Troll');
    expect(res.text).toContain('blocked Troll: Spam in comments');
    expect(res.text).toContain('changed the roles of Promoted: Administrator');
    expect(res.text).toContain('invited New Manager');
    expect(res.text.indexOf('unblocked Troll')).toBeLessThan(
      res.text.indexOf('blocked Troll: Spam'),
    );
    expect(res.text).toContain('<td>Admin Alpha</td>');

    const onB = await createUser(platform.ctx, b, { name: 'Beta Person' });
    expect((await admin.get(`/admin/people/${onB.id}`)).status).toBe(404);
    const page = await admin.get('/admin/people');
    expect(page.text).not.toContain('Beta Person');
    expect(await logs(b)).toEqual([]);
  });
});
