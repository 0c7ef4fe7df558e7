import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { hashPassword } from '@plaza/core';
import { InvitationsService, UserEntity } from '@plaza/identity';
import {
  ProvisioningQueue,
  TenantContext,
  TenantDb,
  TenantRef,
  TenantRegistry,
  toTenantRef,
} from '@plaza/tenancy';
import {
  createUser,
  csrfTokenIn,
  eventually,
  linkIn,
  TestBrowser,
  testLogger,
  TestPlatform,
  TestSmtp,
  uniqueSlug,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new long password';

describe('Password reset and invitations over HTTP', () => {
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({ SMTP_URL: smtp.url });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    tenant = await platform.createTenant({ name: 'Alpha' });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
  });

  const browser = (t: TenantRef = tenant) =>
    new TestBrowser(app.getHttpServer(), `${t.slug}.plaza.test`);
  const mailTo = (address: string, count = 1) =>
    eventually(async () => smtp.to(address).length >= count && smtp.to(address));
  const signIn = (visitor: TestBrowser, email: string, password: string) =>
    visitor.submit('/users/sign_in', '/users/sign_in', { email, password });

  it('resets a password with a single-use link, ends other sessions, and signs in', async () => {
    const user = await createUser(platform.ctx, tenant, {
      email: 'ada@example.org',
      name: 'Ada',
      passwordHash: await hashPassword(OLD_PASSWORD),
    });
    const elsewhere = browser();
    expect((await signIn(elsewhere, user.email, OLD_PASSWORD)).status).toBe(303);

    const visitor = browser();
    const sent = await visitor.submit('/users/password/new', '/users/password/new', {
      email: 'ADA@example.org',
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('If an account uses ada@example.org');
    const [mail] = await mailTo('ada@example.org');
    expect(mail.subject).toBe('Choose a new password on Alpha');
    const link = linkIn(mail.text, '/users/password/edit?token=');
    // Only a hash of the token is stored.
    const stored = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.query('select token_hash from user_tokens'));
    expect(JSON.stringify(stored)).not.toContain(
      new URL(link, 'http://x').searchParams.get('token'),
    );

    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="field-password">New password</label>');
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const short = await visitor.post('/users/password/edit', {
      _csrf: csrfTokenIn(form.text),
      token,
      password: 'short',
    });
    expect(short.status).toBe(422);
    expect(short.text).toContain('at least 12 characters');
    const done = await visitor.post('/users/password/edit', {
      _csrf: csrfTokenIn(form.text),
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect((await visitor.get('/')).text).toContain('Signed in as Ada');
    // The other browser was signed out; the old password no longer works; the link is spent.
    expect((await elsewhere.get('/')).text).not.toContain('Signed in as Ada');
    expect((await signIn(browser(), user.email, OLD_PASSWORD)).status).toBe(422);
    expect((await signIn(browser(), user.email, NEW_PASSWORD)).status).toBe(303);
    expect((await browser().get(link)).status).toBe(404);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const res = await browser().submit('/users/password/new', '/users/password/new', {
      email: 'nobody@example.org',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('If an account uses nobody@example.org');
    expect(smtp.to('nobody@example.org')).toHaveLength(0);
    const bad = await browser().submit('/users/password/new', '/users/password/new', {
      email: 'nope',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('role="alert"');
  });

  it("does not accept tenant A's reset link on tenant B", async () => {
    const other = await platform.createTenant();
    await createUser(platform.ctx, tenant, { email: 'cross@example.org' });
    await browser().submit('/users/password/new', '/users/password/new', {
      email: 'cross@example.org',
    });
    const [mail] = await mailTo('cross@example.org');
    const link = linkIn(mail.text, '/users/password/edit?token=');
    expect((await browser(other).get(link)).status).toBe(404);
    expect((await browser(tenant).get(link)).status).toBe(200);
  });

  it('invites the first admin after provisioning, once, and the invitation sets the password', async () => {
    const registry = platform.get(TenantRegistry);
    const row = await registry.create({
      slug: uniqueSlug(),
      name: 'Gamma',
      locales: ['en'],
      adminEmail: 'Boss@Example.org',
      adminName: 'The Boss',
    });
    await worker.get(ProvisioningQueue).enqueue(row.id);
    const [mail] = await mailTo('boss@example.org');
    expect(mail.subject).toBe('Your invitation to Gamma');
    const gamma = toTenantRef({ ...row, status: 'active' });
    // Running the hook again (a retried job) sends nothing while the invitation is live.
    const again = await TenantContext.run(gamma, () =>
      worker.get(InvitationsService).inviteWaitingAdmins(gamma),
    );
    expect(again).toBe(0);

    const link = linkIn(mail.text, '/users/invitation?token=');
    const visitor = browser(gamma);
    const page = await visitor.get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Accept your invitation</h1>');
    expect(page.text).toContain('value="The Boss"');
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const missingTos = await visitor.post('/users/invitation', {
      _csrf: csrfTokenIn(page.text),
      token,
      name: 'The Boss',
      nickname: 'boss',
      password: NEW_PASSWORD,
    });
    expect(missingTos.status).toBe(422);
    const accepted = await visitor.post('/users/invitation', {
      _csrf: csrfTokenIn(page.text),
      token,
      name: 'The Boss',
      nickname: 'boss',
      password: NEW_PASSWORD,
      tos: '1',
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/admin/people');
    const boss = await platform
      .get(TenantDb)
      .runFor(gamma, (em) => em.findOneByOrFail(UserEntity, { email: 'boss@example.org' }));
    expect(boss.roles).toEqual(['admin']);
    expect(boss.confirmedAt).toBeInstanceOf(Date);
    expect(boss.termsAcceptedVersion).toBe(1);
    expect((await browser(gamma).get(link)).status).toBe(404);
    const home = await request(app.getHttpServer())
      .get('/')
      .set('Host', visitor.host)
      .set('Cookie', visitor.cookieHeader());
    expect(home.text).toContain('Signed in as The Boss');
    expect((await signIn(browser(gamma), 'boss@example.org', NEW_PASSWORD)).status).toBe(303);
    expect(smtp.to('boss@example.org')).toHaveLength(1);
  });

  it('changes the email address only once the new one is confirmed, and tells the old one', async () => {
    await createUser(platform.ctx, tenant, { email: 'taken@example.org' });
    const user = await createUser(platform.ctx, tenant, {
      email: 'old@example.org',
      name: 'Mover',
      passwordHash: await hashPassword(OLD_PASSWORD),
    });
    const visitor = browser();
    await signIn(visitor, user.email, OLD_PASSWORD);
    const page = await visitor.get('/account');
    const wrong = await visitor.post('/account/email', {
      _csrf: csrfTokenIn(page.text),
      email: 'new@example.org',
      password: 'not my password at all',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('The password is not correct.');
    const taken = await visitor.post('/account/email', {
      _csrf: csrfTokenIn(page.text),
      email: 'taken@example.org',
      password: OLD_PASSWORD,
    });
    expect(taken.status).toBe(200);
    expect(taken.text).toContain('We sent a link to taken@example.org');
    const res = await visitor.post('/account/email', {
      _csrf: csrfTokenIn(page.text),
      email: 'New@Example.org',
      password: OLD_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Waiting for confirmation: new@example.org');
    // Still the old address until the link is followed.
    expect((await signIn(browser(), 'old@example.org', OLD_PASSWORD)).status).toBe(303);
    const [mail] = await mailTo('new@example.org');
    expect(mail.subject).toBe('Confirm your new email address on Alpha');
    const done = await browser().get(linkIn(mail.text, '/users/email_confirmation?token='));
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your email address is now new@example.org.');
    expect((await signIn(browser(), 'new@example.org', OLD_PASSWORD)).status).toBe(303);
    expect((await signIn(browser(), 'old@example.org', OLD_PASSWORD)).status).toBe(422);
    const [notice] = await mailTo('old@example.org');
    expect(notice.subject).toBe('Your email address on Alpha was changed');
    expect(smtp.to('taken@example.org')).toHaveLength(0);
  });
});
