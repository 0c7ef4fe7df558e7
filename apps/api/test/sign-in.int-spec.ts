import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { hashPassword } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, testLogger, TestPlatform } from '@plaza/testing';
import { RateLimiter, TENANT_SESSION_COOKIE } from '@plaza/web';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';
const INVALID = 'The email address or the password is not correct.';

describe('Sign-in and sign-out over HTTP', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let passwordHash: string;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const browser = (tenant: TenantRef) =>
    new TestBrowser(app.getHttpServer(), `${tenant.slug}.plaza.test`);
  const signIn = (visitor: TestBrowser, email: string, password: string, back = '/') =>
    visitor.submit(`/users/sign_in?back=${encodeURIComponent(back)}`, '/users/sign_in', {
      email,
      password,
      back,
    });

  it('renders an accessible sign-in page that keeps a same-site way back', async () => {
    const page = await browser(a).get('/users/sign_in?back=%2Fprocesses%3Fx%3D1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Sign in</h1>');
    expect(page.text).toContain('<label for="field-email">Email address</label>');
    expect(page.text).toContain('<label for="field-password">Password</label>');
    expect(page.text).toContain('name="back" value="/processes?x=1"');
    const evil = await browser(a).get('/users/sign_in?back=%2F%2Fevil.example');
    expect(evil.text).toContain('name="back" value="/"');
  });

  it('signs in with a fresh session id, goes back, and signs out', async () => {
    await createUser(platform.ctx, a, {
      email: 'ada@example.org',
      name: 'Ada Lovelace',
      passwordHash,
    });
    const visitor = browser(a);
    await visitor.get('/users/sign_in');
    const visitorSession = visitor.cookie(TENANT_SESSION_COOKIE);
    expect(visitorSession).toBeDefined();
    const res = await signIn(visitor, 'ADA@Example.org', PASSWORD, '/some/page?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/some/page?x=1');
    const session = visitor.cookie(TENANT_SESSION_COOKIE);
    expect(session).toBeDefined();
    expect(session).not.toBe(visitorSession);
    const home = await visitor.get('/');
    expect(home.text).toContain('Signed in as Ada Lovelace');

    const signedInCookie = visitor.cookieHeader();
    const out = await visitor.post('/users/sign_out', { _csrf: csrfTokenIn(home.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/');
    expect((await visitor.get('/')).text).not.toContain('Ada Lovelace');
    // The old session id is dead on the server, not only forgotten by the browser.
    const replayed = await request(app.getHttpServer())
      .get('/')
      .set('Host', visitor.host)
      .set('Cookie', signedInCookie);
    expect(replayed.text).not.toContain('Ada Lovelace');
  });

  it('answers the same for an unknown address and a wrong password', async () => {
    await createUser(platform.ctx, a, { email: 'grace@example.org', passwordHash });
    const wrong = await signIn(browser(a), 'grace@example.org', 'not the password at all');
    const unknown = await signIn(browser(a), 'nobody@example.org', PASSWORD);
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    for (const res of [wrong, unknown]) {
      expect(res.text).toContain('role="alert"');
      expect(res.text).toContain(INVALID);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('refuses blocked, deleted and invited (no password yet) accounts with the same message', async () => {
    const blocked = await createUser(platform.ctx, a, { passwordHash });
    const deleted = await createUser(platform.ctx, a, { passwordHash });
    const invited = await createUser(platform.ctx, a, { passwordHash: null });
    await platform.get(TenantDb).runFor(a, async (em) => {
      await em.update(
        UserEntity,
        { id: blocked.id },
        { blockedAt: new Date(), blockedReason: 'spam' },
      );
      await em.update(UserEntity, { id: deleted.id }, { deletedAt: new Date() });
    });
    for (const user of [blocked, deleted, invited]) {
      const res = await signIn(browser(a), user.email, PASSWORD);
      expect(res.status).toBe(422);
      expect(res.text).toContain(INVALID);
    }
  });

  it("does not sign an account of tenant A in on tenant B, and refuses A's session on B", async () => {
    await createUser(platform.ctx, a, {
      email: 'only-on-a@example.org',
      name: 'Only A',
      passwordHash,
    });
    const onB = await signIn(browser(b), 'only-on-a@example.org', PASSWORD);
    expect(onB.status).toBe(422);

    const visitor = browser(a);
    expect((await signIn(visitor, 'only-on-a@example.org', PASSWORD)).status).toBe(303);
    const page = await request(app.getHttpServer())
      .get('/')
      .set('Host', `${b.slug}.plaza.test`)
      .set('Cookie', visitor.cookieHeader())
      .expect(200);
    expect(page.text).not.toContain('Only A');
    expect(page.text).toContain('Sign in');
  });

  it('rejects sign-in and sign-out forms without the CSRF token (403)', async () => {
    const visitor = browser(a);
    await visitor.get('/users/sign_in');
    const res = await visitor.post('/users/sign_in', {
      email: 'x@example.org',
      password: PASSWORD,
    });
    expect(res.status).toBe(403);
    expect((await visitor.post('/users/sign_out', {})).status).toBe(403);
  });

  it('locks an account after repeated failures, with growing waits, even for the right password', async () => {
    const tenant = await platform.createTenant();
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = browser(tenant);
    const statuses: number[] = [];
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      statuses.push((await signIn(visitor, user.email, 'wrong password, again')).status);
    }
    expect(statuses.slice(0, 6)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(statuses).toContain(429);
    // Each further failure doubles the wait; a few more make it long enough for the check
    // below not to depend on how fast this machine runs.
    for (let i = 0; i < 6; i++)
      await app.get(RateLimiter).failure(`sign-in:account:${tenant.id}:${user.email}`);
    const locked = await signIn(visitor, user.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.text).toContain('Too many attempts');
    // An address with no account locks the same way: the lock reveals nothing.
    const ghost: number[] = [];
    for (let i = 0; i < 10 && !ghost.includes(429); i++) {
      ghost.push((await signIn(visitor, 'ghost@example.org', 'wrong password, again')).status);
    }
    expect(ghost.slice(0, 6)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(ghost).toContain(429);
  });

  it('limits sign-in attempts per tenant and IP address', async () => {
    const tenant = await platform.createTenant();
    const visitor = browser(tenant);
    const statuses: number[] = [];
    for (let i = 0; i < 25 && !statuses.includes(429); i++) {
      statuses.push((await signIn(visitor, `someone-${i}@example.org`, 'wrong')).status);
    }
    expect(statuses.filter((s) => s === 422)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    // Another tenant's visitors from the same address are not affected.
    const elsewhere = await signIn(browser(b), 'someone@example.org', 'wrong');
    expect(elsewhere.status).toBe(422);
  });
});
