import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import pino from 'pino';

import { hashPassword, SecretBox } from '@plaza/core';
import { currentTotp, newTotpSecret, UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';

describe('Two-factor sign-in after SECRETS_KEY changed', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let tenant: TenantRef;
  const lines: string[] = [];

  beforeAll(async () => {
    platform = await TestPlatform.start();
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    app = await createApiApp(platform.config, logger);
    tenant = await platform.createTenant();
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const browser = () => new TestBrowser(app.getHttpServer(), `${tenant.slug}.plaza.test`);

  /** An account whose secret was sealed with a key the server no longer has. */
  async function lockedOut(): Promise<{ user: UserEntity; secret: string }> {
    const user = await createUser(platform.ctx, tenant, {
      passwordHash: await hashPassword(PASSWORD),
    });
    const secret = newTotpSecret();
    const oldKey = new SecretBox({ secretsKey: randomBytes(32) });
    await platform
      .get(TenantDb)
      .runFor(tenant, (em) =>
        em.update(UserEntity, { id: user.id }, { totpSecret: oldKey.encrypt(secret) }),
      );
    return { user, secret };
  }

  it('answers a clear page instead of an error, and tells operators once without the secret', async () => {
    const { user, secret } = await lockedOut();
    const visitor = browser();
    const step = await visitor.submit('/users/sign_in', '/users/sign_in', {
      email: user.email,
      password: PASSWORD,
    });
    expect(step.headers.location).toBe('/users/two_factor');
    const form = await visitor.get('/users/two_factor');
    for (let i = 0; i < 2; i++) {
      const res = await visitor.post('/users/two_factor', {
        _csrf: csrfTokenIn(form.text),
        code: currentTotp(secret),
      });
      expect(res.status).toBe(409);
      expect(res.text).toContain(
        'Two-factor sign-in cannot be checked right now. Please contact the organization.',
      );
    }
    expect((await visitor.get('/account')).status).toBe(303);

    const reported = lines.filter((l) => l.includes('two-factor secret cannot be opened'));
    expect(reported).toHaveLength(1);
    expect(JSON.parse(reported[0])).toMatchObject({ tenantId: tenant.id, userId: user.id });
    const stored = (
      await platform
        .get(TenantDb)
        .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }))
    ).totpSecret!;
    const logged = lines.join('\n');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(stored.split('.')[3]);
  });

  it("answers in the person's language", async () => {
    const { user, secret } = await lockedOut();
    const visitor = browser();
    await visitor.get('/locale/fr?back=%2F');
    await visitor.submit('/users/sign_in', '/users/sign_in', {
      email: user.email,
      password: PASSWORD,
    });
    const res = await visitor.submit('/users/two_factor', '/users/two_factor', {
      code: currentTotp(secret),
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain(
      'La connexion à deux facteurs ne peut pas être vérifiée pour le moment.',
    );
  });

  it('answers the same on the account page when turning it off', async () => {
    const { user, secret } = await lockedOut();
    const visitor = browser();
    const plain = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.update(UserEntity, { id: user.id }, { totpSecret: null }));
    await visitor.submit('/users/sign_in', '/users/sign_in', {
      email: user.email,
      password: PASSWORD,
    });
    await platform
      .get(TenantDb)
      .runFor(tenant, (em) =>
        em.update(UserEntity, { id: user.id }, { totpSecret: plain.totpSecret }),
      );
    const res = await visitor.submit('/account', '/account/two_factor/disable', {
      code: currentTotp(secret),
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Two-factor sign-in cannot be checked right now.');
  });
});
