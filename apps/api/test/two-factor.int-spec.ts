import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { createRedis, hashPassword, SecretBox } from '@plaza/core';
import { ActionLogEntity, currentTotp, newTotpSecret, UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';
/** The enabling code's time step is spent; the app's next code (accepted for clock drift) is not. */
const nextCode = (secret: string) => currentTotp(secret, Date.now() + 30_000);

describe('Two-factor sign-in (TOTP)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let tenant: TenantRef;
  let passwordHash: string;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    tenant = await platform.createTenant();
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const browser = () => new TestBrowser(app.getHttpServer(), `${tenant.slug}.plaza.test`);
  const passwordStep = (visitor: TestBrowser, email: string) =>
    visitor.submit('/users/sign_in?back=%2Faccount', '/users/sign_in', {
      email,
      password: PASSWORD,
      back: '/account',
    });
  async function signedIn(email: string, secret?: string): Promise<TestBrowser> {
    const visitor = browser();
    const res = await passwordStep(visitor, email);
    if (secret) {
      expect(res.headers.location).toBe('/users/two_factor');
      const code = await visitor.submit('/users/two_factor', '/users/two_factor', {
        code: nextCode(secret),
      });
      expect(code.status).toBe(303);
    } else expect(res.status).toBe(303);
    return visitor;
  }
  const storedSecret = async (userId: string) =>
    (
      await platform
        .get(TenantDb)
        .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: userId }))
    ).totpSecret!;
  async function enable(visitor: TestBrowser): Promise<string> {
    const setup = await visitor.get('/account/two_factor');
    expect(setup.status).toBe(200);
    expect(setup.text).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR code/);
    const secret = /Key: ([A-Z2-7]+)/.exec(setup.text)![1];
    const wrong = await visitor.post('/account/two_factor', {
      _csrf: csrfTokenIn(setup.text),
      code: '000000',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('This code is not correct or has expired.');
    const ok = await visitor.post('/account/two_factor', {
      _csrf: csrfTokenIn(setup.text),
      code: currentTotp(secret),
    });
    expect(ok.status).toBe(303);
    return secret;
  }

  it('turns on with a code from the app, ends other sessions, then asks for a code at sign-in', async () => {
    const user = await createUser(platform.ctx, tenant, { name: 'Ada', passwordHash });
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const secret = await enable(laptop);
    expect((await laptop.get('/account')).text).toContain('Two-factor sign-in is on.');
    expect((await phone.get('/')).text).not.toContain('Signed in as Ada');

    const visitor = browser();
    const step = await passwordStep(visitor, user.email);
    expect(step.status).toBe(303);
    expect(step.headers.location).toBe('/users/two_factor');
    const form = await visitor.get('/users/two_factor');
    expect(form.text).toContain('autocomplete="one-time-code"');
    expect(form.text).not.toContain('Signed in as Ada');
    const wrong = await visitor.post('/users/two_factor', {
      _csrf: csrfTokenIn(form.text),
      code: '123456',
    });
    expect(wrong.status).toBe(422);
    const code = nextCode(secret);
    const right = await visitor.post('/users/two_factor', {
      _csrf: csrfTokenIn(form.text),
      code,
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/account');
    expect((await visitor.get('/')).text).toContain('Signed in as Ada');
    // A code works once: seen over a shoulder, it does not open a second session.
    const replay = browser();
    await passwordStep(replay, user.email);
    const replayed = await replay.submit('/users/two_factor', '/users/two_factor', { code });
    expect(replayed.status).toBe(422);
    // Without the password step, the code page leads back to sign-in.
    expect((await browser().get('/users/two_factor')).headers.location).toBe('/users/sign_in');
  });

  it('keeps the secret sealed with SECRETS_KEY, in the database and in the enrolling session', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = await signedIn(user.email);
    const setup = await visitor.get('/account/two_factor');
    const pending = /Key: ([A-Z2-7]+)/.exec(setup.text)![1];
    const redis = createRedis(platform.config.redisUrl, 'two-factor-test');
    try {
      const keys = await redis.keys('plaza:session:*');
      const values = await Promise.all(keys.map((key) => redis.get(key)));
      expect(values.join('')).toContain('pendingTotpSecret');
      expect(values.join('')).not.toContain(pending);
    } finally {
      await redis.quit();
    }

    const secret = await enable(visitor);
    expect(secret).toBe(pending);
    const stored = await storedSecret(user.id);
    expect(stored.startsWith('v1.')).toBe(true);
    expect(stored).not.toContain(secret);
    expect(platform.get(SecretBox).decrypt(stored)).toBe(secret);
    expect((await visitor.get('/account')).text).not.toContain(secret);
  });

  it('still accepts a secret stored in clear before sealing, and seals it at its first use', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const secret = newTotpSecret();
    await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.update(UserEntity, { id: user.id }, { totpSecret: secret }));
    await signedIn(user.email, secret);
    const stored = await storedSecret(user.id);
    expect(stored).not.toContain(secret);
    expect(platform.get(SecretBox).decrypt(stored)).toBe(secret);
  });

  it('locks the code step after repeated wrong codes', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const secret = await enable(await signedIn(user.email));
    const visitor = browser();
    await passwordStep(visitor, user.email);
    const form = await visitor.get('/users/two_factor');
    const statuses: number[] = [];
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      const res = await visitor.post('/users/two_factor', {
        _csrf: csrfTokenIn(form.text),
        code: '000000',
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(secret).toBeDefined();
  });

  it('turns off with a current code', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = await signedIn(user.email);
    const secret = await enable(visitor);
    const page = await visitor.get('/account');
    const wrong = await visitor.post('/account/two_factor/disable', {
      _csrf: csrfTokenIn(page.text),
      code: '000000',
    });
    expect(wrong.status).toBe(422);
    const ok = await visitor.post('/account/two_factor/disable', {
      _csrf: csrfTokenIn(page.text),
      code: nextCode(secret),
    });
    expect(ok.status).toBe(303);
    const row = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    expect(row.totpSecret).toBeNull();
    await signedIn(user.email);
  });

  it('lets the organization require it of admins, who act as participants until they turn it on', async () => {
    const other = await platform.createTenant();
    const b = () => new TestBrowser(app.getHttpServer(), `${other.slug}.plaza.test`);
    const chief = await createUser(platform.ctx, other, { roles: ['admin'], passwordHash });
    const deputy = await createUser(platform.ctx, other, { roles: ['admin'], passwordHash });
    const chiefBrowser = b();
    await chiefBrowser.submit('/users/sign_in', '/users/sign_in', {
      email: chief.email,
      password: PASSWORD,
    });
    const security = await chiefBrowser.get('/admin/security');
    expect(security.status).toBe(200);
    const refused = await chiefBrowser.post('/admin/security', {
      _csrf: csrfTokenIn(security.text),
      requireAdminTwoFactor: '1',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Turn on two-factor sign-in for your own account first.');
    await enable(chiefBrowser);
    const saved = await chiefBrowser.post('/admin/security', {
      _csrf: csrfTokenIn((await chiefBrowser.get('/admin/security')).text),
      requireAdminTwoFactor: '1',
    });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Saved.');
    expect((await chiefBrowser.get('/admin/people')).status).toBe(200);

    const deputyBrowser = b();
    await deputyBrowser.submit('/users/sign_in', '/users/sign_in', {
      email: deputy.email,
      password: PASSWORD,
    });
    expect((await deputyBrowser.get('/admin/people')).status).toBe(403);
    expect((await deputyBrowser.get('/account')).text).toContain(
      'This organization requires two-factor sign-in for administrators',
    );
    const logs = await platform
      .get(TenantDb)
      .runFor(other, (em) => em.findBy(ActionLogEntity, { action: 'organization.two_factor' }));
    expect(logs).toHaveLength(1);
    expect(logs[0].details).toEqual({ value: true });
  });
});
