import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { hashPassword } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';

describe('My account: sign out everywhere, deletion', () => {
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
  const signedIn = async (email: string) => {
    const visitor = browser();
    const res = await visitor.submit('/users/sign_in', '/users/sign_in', {
      email,
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    return visitor;
  };

  it('sends visitors to the sign-in page and back', async () => {
    const res = await browser().get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/users/sign_in?back=%2Faccount');
  });

  it('signs out every browser of the account, and only that account', async () => {
    const user = await createUser(platform.ctx, tenant, { name: 'Ada', passwordHash });
    const other = await createUser(platform.ctx, tenant, { name: 'Grace', passwordHash });
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const grace = await signedIn(other.email);
    const page = await laptop.get('/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>My account</h1>');
    const res = await laptop.post('/account/sign_out_everywhere', {
      _csrf: csrfTokenIn(page.text),
    });
    expect(res.status).toBe(303);
    expect((await laptop.get('/')).text).not.toContain('Signed in as Ada');
    expect((await phone.get('/')).text).not.toContain('Signed in as Ada');
    expect((await grace.get('/')).text).toContain('Signed in as Grace');
  });

  it('refuses to delete without confirmation or CSRF token', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = await signedIn(user.email);
    const page = await visitor.get('/account');
    expect((await visitor.post('/account/delete', { confirm: '1' })).status).toBe(403);
    const unconfirmed = await visitor.post('/account/delete', { _csrf: csrfTokenIn(page.text) });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Tick the box to confirm');
    const stillThere = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    expect(stillThere.deletedAt).toBeNull();
  });

  it('anonymizes a deleted account, records why, ends its sessions and refuses its sign-in', async () => {
    const user = await createUser(platform.ctx, tenant, {
      email: 'leaving@example.org',
      name: 'Leaving Person',
      nickname: 'leaving',
      passwordHash,
    });
    const visitor = await signedIn(user.email);
    const otherBrowser = await signedIn(user.email);
    const page = await visitor.get('/account');
    const res = await visitor.post('/account/delete', {
      _csrf: csrfTokenIn(page.text),
      reason: 'Moving away',
      confirm: '1',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your account has been deleted');
    const row = await platform
      .get(TenantDb)
      .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    expect(row).toMatchObject({
      name: '',
      passwordHash: null,
      deletionReason: 'Moving away',
    });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.email).not.toContain('leaving@example.org');
    expect(row.nickname).not.toBe('leaving');
    expect((await otherBrowser.get('/')).text).not.toContain('Leaving Person');
    const again = await browser().submit('/users/sign_in', '/users/sign_in', {
      email: 'leaving@example.org',
      password: PASSWORD,
    });
    expect(again.status).toBe(422);
    // The address and nickname are free again.
    const reuse = await browser().submit('/users/sign_up', '/users/sign_up', {
      name: 'New Person',
      nickname: 'leaving',
      email: 'leaving@example.org',
      password: PASSWORD,
      tos: '1',
    });
    expect(reuse.status).toBe(200);
    expect(reuse.text).toContain('We sent a message to leaving@example.org');
  });

  it('records newsletter consent with its date, keeps the date, clears it when withdrawn', async () => {
    const user = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = await signedIn(user.email);
    const consentAt = async () =>
      (
        await platform
          .get(TenantDb)
          .runFor(tenant, (em) => em.findOneByOrFail(UserEntity, { id: user.id }))
      ).newsletterConsentAt;
    expect((await visitor.get('/account')).text).toContain('You do not receive the newsletter.');
    const given = await visitor.submit('/account', '/account/newsletter', { newsletter: '1' });
    expect(given.status).toBe(200);
    const at = await consentAt();
    expect(at).toBeInstanceOf(Date);
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(at!);
    expect(given.text).toContain(`You agreed to receive the newsletter on ${day}.`);
    expect(given.text).toMatch(
      /id="field-newsletter" name="newsletter" type="checkbox" value="1" checked/,
    );
    await visitor.submit('/account', '/account/newsletter', { newsletter: '1' });
    expect(await consentAt()).toEqual(at);
    const withdrawn = await visitor.submit('/account', '/account/newsletter', {});
    expect(withdrawn.text).toContain('You do not receive the newsletter.');
    expect(await consentAt()).toBeNull();
    expect((await visitor.post('/account/newsletter', { newsletter: '1' })).status).toBe(403);
    expect(await consentAt()).toBeNull();
  });
});
