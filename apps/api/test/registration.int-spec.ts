import { Controller, Get, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { hashPassword } from '@plaza/core';
import { RequireParticipant, UserEntity } from '@plaza/identity';
import { OrganizationEntity, TenantDb, TenantRef } from '@plaza/tenancy';
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
import { StaticPageEntity } from '@plaza/theming';
import { OnHost } from '@plaza/web';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

/** Stands for any participation route of a feature. */
@Controller('probe')
@OnHost('tenant')
class ProbeController {
  @Get('participate')
  @RequireParticipant()
  participate(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const PASSWORD = 'correct horse battery staple';

describe('Registration, email confirmation and terms acceptance over HTTP', () => {
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({ SMTP_URL: smtp.url });
    app = await createApiApp(platform.config, testLogger(), [ProbeModule]);
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
  const signUp = (visitor: TestBrowser, fields: Record<string, string>) =>
    visitor.submit('/users/sign_up', '/users/sign_up', fields);
  const userByEmail = (t: TenantRef, email: string) =>
    platform.get(TenantDb).runFor(t, (em) => em.findOneBy(UserEntity, { email }));
  const setMode = (t: TenantRef, registrationMode: OrganizationEntity['registrationMode']) =>
    platform
      .get(TenantDb)
      .runFor(t, (em) => em.update(OrganizationEntity, { id: 1 }, { registrationMode }));

  it('creates an unconfirmed account that can browse but not take part until confirmed', async () => {
    const visitor = browser();
    const page = await visitor.get('/users/sign_up');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Create an account</h1>');
    expect(page.text).toContain('<a href="/pages/terms">terms of service</a>');

    const res = await signUp(visitor, {
      name: 'Ada Lovelace',
      nickname: 'Ada_L',
      email: 'Ada@Example.org',
      password: PASSWORD,
      tos: '1',
      newsletter: '1',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('We sent a message to ada@example.org');
    const user = (await userByEmail(tenant, 'ada@example.org'))!;
    expect(user).toMatchObject({
      nickname: 'ada_l',
      confirmedAt: null,
      termsAcceptedVersion: 1,
      locale: 'en',
    });
    expect(user.newsletterConsentAt).toBeInstanceOf(Date);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const [mail] = await eventually(
      async () => smtp.to('ada@example.org').length > 0 && smtp.to('ada@example.org'),
    );
    expect(mail.subject).toBe('Confirm your email address on Alpha');

    // Unconfirmed: signs in and browses, but may not take part.
    expect(
      (
        await visitor.submit('/users/sign_in', '/users/sign_in', {
          email: 'ada@example.org',
          password: PASSWORD,
        })
      ).status,
    ).toBe(303);
    const refused = await visitor.get('/probe/participate');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Confirm your email address to take part');

    const link = linkIn(mail.text, '/users/confirmation?token=');
    const confirmed = await visitor.get(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('your email address is confirmed');
    expect((await visitor.get('/probe/participate')).status).toBe(200);
    // Single use.
    expect((await browser().get(link)).status).toBe(404);
  });

  it('answers the same when the address already has an account, and tells its owner', async () => {
    await createUser(platform.ctx, tenant, { email: 'grace@example.org', name: 'Grace' });
    const res = await signUp(browser(), {
      name: 'Impostor',
      nickname: 'impostor',
      email: 'GRACE@example.org',
      password: PASSWORD,
      tos: '1',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('We sent a message to grace@example.org');
    const [mail] = await eventually(
      async () => smtp.to('grace@example.org').length > 0 && smtp.to('grace@example.org'),
    );
    expect(mail.subject).toContain('Someone tried to create an account');
    const count = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.countBy(UserEntity, { email: 'grace@example.org' }));
    expect(count).toBe(1);
    expect(
      await platform
        .get(TenantDb)
        .runFor(tenant, (em) => em.existsBy(UserEntity, { nickname: 'impostor' })),
    ).toBe(false);
  });

  it('shows each problem next to its field and in a summary, in the visitor language', async () => {
    await createUser(platform.ctx, tenant, { nickname: 'taken_name' });
    const res = await signUp(browser(), {
      name: '',
      nickname: 'bad nick',
      email: 'not-an-email',
      password: 'short',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain(
      '<a href="#field-email">Enter an email address such as name@example.org.</a>',
    );
    expect(res.text).toContain('id="field-password-error"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('You must accept the terms of service');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).not.toContain('value="short"');

    const taken = await signUp(browser(), {
      name: 'Someone',
      nickname: 'Taken_Name',
      email: 'someone-new@example.org',
      password: PASSWORD,
      tos: '1',
    });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('This nickname is already used');

    const visitor = browser();
    await visitor.get('/locale/fr?back=%2F');
    const fr = await signUp(visitor, { name: '', nickname: 'x', email: 'x', password: 'x' });
    expect(fr.text).toContain('Il y a un problème');
    expect(fr.text).toContain('Saisissez une adresse e-mail');
  });

  it('honours the invitation-only and closed registration modes', async () => {
    const other = await platform.createTenant();
    expect((await browser(other).get('/users/sign_in')).text).toContain('href="/users/sign_up"');
    for (const [mode, text] of [
      ['invitation', 'created by invitation only'],
      ['closed', 'does not accept new accounts'],
    ] as const) {
      await setMode(other, mode);
      const visitor = browser(other);
      const page = await visitor.get('/users/sign_up');
      expect(page.status).toBe(200);
      expect(page.text).toContain(text);
      expect(page.text).not.toContain('name="password"');
      // The header stops offering a sign-up the organization does not accept.
      expect(page.text).not.toContain('href="/users/sign_up"');
      const form = await visitor.get('/users/sign_in');
      const res = await visitor.post('/users/sign_up', {
        _csrf: csrfTokenIn(form.text),
        name: 'X',
        nickname: 'xyz',
        email: 'x@example.org',
        password: PASSWORD,
        tos: '1',
      });
      expect(res.status).toBe(403);
      expect(await userByEmail(other, 'x@example.org')).toBeNull();
    }
  });

  it('rejects a registration without the CSRF token (403)', async () => {
    const visitor = browser();
    await visitor.get('/users/sign_up');
    const res = await visitor.post('/users/sign_up', {
      name: 'X',
      nickname: 'no_csrf',
      email: 'no-csrf@example.org',
      password: PASSWORD,
      tos: '1',
    });
    expect(res.status).toBe(403);
    expect(await userByEmail(tenant, 'no-csrf@example.org')).toBeNull();
  });

  it('sends people back to accept new terms before they take part', async () => {
    const other = await platform.createTenant();
    const user = await createUser(platform.ctx, other, {
      passwordHash: await hashPassword(PASSWORD),
    });
    await platform.get(TenantDb).runFor(other, async (em) => {
      await em.update(UserEntity, { id: user.id }, { termsAcceptedVersion: 1 });
      await em.update(StaticPageEntity, { isTerms: true }, { version: 2 });
    });
    const visitor = browser(other);
    await visitor.submit('/users/sign_in', '/users/sign_in', {
      email: user.email,
      password: PASSWORD,
    });
    const res = await visitor.get('/probe/participate');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/users/terms?back=%2Fprobe%2Fparticipate');

    const page = await visitor.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The terms of service have changed');
    const refused = await visitor.post('/users/terms', {
      _csrf: csrfTokenIn(page.text),
      back: '/probe/participate',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('You must accept the terms of service to take part.');
    const accepted = await visitor.post('/users/terms', {
      _csrf: csrfTokenIn(page.text),
      back: '/probe/participate',
      accept: '1',
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/probe/participate');
    expect((await visitor.get('/probe/participate')).status).toBe(200);
  });

  it('keeps accounts of two tenants apart: the same address registers on both', async () => {
    const other = await platform.createTenant({ name: 'Beta' });
    for (const t of [tenant, other]) {
      const res = await signUp(browser(t), {
        name: 'Twin',
        nickname: 'twin',
        email: 'twin@example.org',
        password: PASSWORD,
        tos: '1',
      });
      expect(res.status).toBe(200);
    }
    const onA = await userByEmail(tenant, 'twin@example.org');
    const onB = await userByEmail(other, 'twin@example.org');
    expect(onA?.id).toBeDefined();
    expect(onB?.id).toBeDefined();
    expect(onA?.id).not.toBe(onB?.id);
    const mails = await eventually(
      async () => smtp.to('twin@example.org').length === 2 && smtp.to('twin@example.org'),
    );
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Confirm your email address on Alpha',
      'Confirm your email address on Beta',
    ]);
    // A's confirmation link does nothing on B.
    const linkA = linkIn(
      mails.find((m) => m.subject.endsWith('Alpha'))!.text,
      '/users/confirmation?token=',
    );
    expect((await browser(other).get(linkA)).status).toBe(404);
  });
});
