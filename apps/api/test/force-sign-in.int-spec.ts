import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { hashPassword } from '@plaza/core';
import { OrganizationEntity, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Force sign-in to see the site', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let closed: TenantRef;
  let open: TenantRef;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    closed = await platform.createTenant();
    open = await platform.createTenant();
    await platform
      .get(TenantDb)
      .runFor(closed, (em) => em.update(OrganizationEntity, { id: 1 }, { forceSignIn: true }));
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const browser = (t: TenantRef) => new TestBrowser(app.getHttpServer(), `${t.slug}.plaza.test`);

  it('sends visitors to sign in, keeps the ways in open, and lets people in once signed in', async () => {
    const visitor = browser(closed);
    const home = await visitor.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/users/sign_in?back=%2F');
    expect((await visitor.get('/users/sign_in')).status).toBe(200);
    expect((await visitor.get('/users/sign_up')).status).toBe(200);
    expect((await visitor.get('/users/password/new')).status).toBe(200);
    expect((await visitor.get('/healthz')).status).toBe(200);

    const user = await createUser(platform.ctx, closed, {
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    const signIn = await visitor.submit('/users/sign_in?back=%2F', '/users/sign_in', {
      email: user.email,
      password: 'correct horse battery staple',
      back: '/',
    });
    expect(signIn.headers.location).toBe('/');
    expect((await visitor.get('/')).status).toBe(200);
  });

  it('is set by an admin on /admin/security, with the registration mode, and logged', async () => {
    const t = await platform.createTenant();
    const admin = await createUser(platform.ctx, t, {
      name: 'Boss',
      roles: ['admin'],
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    const visitor = browser(t);
    await visitor.submit('/users/sign_in', '/users/sign_in', {
      email: admin.email,
      password: 'correct horse battery staple',
    });
    const page = await visitor.get('/admin/security');
    expect(page.text).toContain(
      '<label for="field-registrationMode">Who can create an account</label>',
    );
    const saved = await visitor.post('/admin/security', {
      _csrf: csrfTokenIn(page.text),
      registrationMode: 'invitation',
      forceSignIn: '1',
    });
    expect(saved.status).toBe(200);
    expect((await browser(t).get('/')).status).toBe(303);
    expect((await browser(t).get('/users/sign_up')).text).toContain('by invitation only');
    const logs = await visitor.get('/admin/logs');
    expect(logs.text).toContain(
      'Boss</td><td>set account creation to “Invited people only” and sign-in required to see the site to Yes',
    );
  });

  it('leaves other sites open', async () => {
    expect((await browser(open).get('/')).status).toBe(200);
  });
});
