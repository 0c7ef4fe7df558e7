import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import {
  ConsoleRole,
  ConsoleTotpService,
  ConsoleUsersService,
  stepAt,
  totpCode,
  UsageService,
} from '@plaza/console';
import { createUser, testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

function cookieOf(res: request.Response): string {
  return [res.headers['set-cookie']]
    .flat()
    .filter(Boolean)
    .map((c) => String(c).split(';')[0])
    .find((c) => c.startsWith('plaza_console_session=')) as string;
}

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('Console pages', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  async function signIn(role: ConsoleRole): Promise<{ cookie: string; csrf: string }> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform
      .get(ConsoleUsersService)
      .create({ email, password: PASSWORD, role, name: `A ${role}` });
    const form = await http().get('/login').set('Host', CONSOLE).expect(200);
    const visitor = cookieOf(form);
    const res = await http()
      .post('/login')
      .set('Host', CONSOLE)
      .set('Cookie', visitor)
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password: PASSWORD, back: '/tenants' })
      .expect(303);
    expect(res.headers.location).toBe('/tenants');
    const cookie = cookieOf(res);
    expect(cookie).not.toBe(visitor);
    const page = await http()
      .get('/tenants')
      .set('Host', CONSOLE)
      .set('Cookie', cookie)
      .expect(200);
    return { cookie, csrf: csrfOf(page.text) };
  }

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('sends visitors to the sign-in page and back', async () => {
    await http().get('/').set('Host', CONSOLE).expect(303).expect('location', '/tenants');
    const res = await http().get('/tenants?q=x').set('Host', CONSOLE).expect(303);
    expect(res.headers.location).toBe('/login?back=%2Ftenants%3Fq%3Dx');
    const page = await http().get('/login?back=%2Ftenants').set('Host', CONSOLE).expect(200);
    expect(page.text).toContain('<label for="field-email">Email</label>');
    expect(page.text).toContain('autocomplete="current-password"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'nonce-");
  });

  it('shows one message for a wrong password, in the reader’s language, and keeps the email', async () => {
    const form = await http()
      .get('/login')
      .set('Host', CONSOLE)
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(form.text).toContain('lang="fr"');
    const res = await http()
      .post('/login')
      .set('Host', CONSOLE)
      .set('Accept-Language', 'fr')
      .set('Cookie', cookieOf(form))
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'nobody@plaza.example', password: 'whatever it is' })
      .expect(401);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain("L'adresse ou le mot de passe n'est pas correct.");
    expect(res.text).toContain('value="nobody@plaza.example"');
  });

  it('asks for the authentication code of people who turned on two-step sign-in', async () => {
    const email = `totp-${randomBytes(4).toString('hex')}@plaza.example`;
    const user = await platform.get(ConsoleUsersService).create({ email, password: PASSWORD });
    const totp = app.get(ConsoleTotpService);
    const { secret } = await totp.start(user);
    await totp.confirm(
      (await platform.get(ConsoleUsersService).list()).find((u) => u.email === email)!,
      totpCode(secret, stepAt(Date.now())),
    );
    const form = await http().get('/login').set('Host', CONSOLE).expect(200);
    expect(form.text).toContain('autocomplete="one-time-code"');
    const post = (fields: Record<string, string>) =>
      http()
        .post('/login')
        .set('Host', CONSOLE)
        .set('Cookie', cookieOf(form))
        .type('form')
        .send({ _csrf: csrfOf(form.text), email, password: PASSWORD, ...fields });
    const missing = await post({}).expect(401);
    expect(missing.text).toContain('Enter the 6-digit code from your authenticator app');
    await post({ totp: totpCode(secret, stepAt(Date.now()) + 1) }).expect(303);
  });

  it('sets up two-step sign-in from the account page, with a QR code and recovery codes', async () => {
    const me = await signIn('operator');
    const page = await http().get('/me').set('Host', CONSOLE).set('Cookie', me.cookie).expect(200);
    expect(page.text).toContain('Two-step sign-in is off');
    expect(page.text).toContain('href="/queues"');
    const post = (path: string, body: Record<string, string> = {}) =>
      http()
        .post(path)
        .set('Host', CONSOLE)
        .set('Cookie', me.cookie)
        .type('form')
        .send({ _csrf: me.csrf, ...body });
    const started = await post('/me/totp').expect(200);
    expect(started.text).toContain('<svg');
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(started.text)?.[1] ?? '';
    const wrong = await post('/me/totp/confirm', { code: '000000' }).expect(422);
    expect(wrong.text).toContain('role="alert"');
    expect(wrong.text).toContain(`<code class="secret">${secret}</code>`);
    const done = await post('/me/totp/confirm', {
      code: totpCode(secret, stepAt(Date.now())),
    }).expect(200);
    expect(done.text).toContain('Keep these recovery codes somewhere safe');
    expect(
      done.text.match(/<li><code>[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}<\/code><\/li>/g),
    ).toHaveLength(10);
    const after = await http().get('/me').set('Host', CONSOLE).set('Cookie', me.cookie).expect(200);
    expect(after.text).toContain('Two-step sign-in is on');
    await post('/me/totp/disable', { code: totpCode(secret, stepAt(Date.now()) + 1) }).expect(303);
  });

  it('lets owners, and only owners, manage console users from a page', async () => {
    const operator = await signIn('operator');
    await http().get('/users').set('Host', CONSOLE).set('Cookie', operator.cookie).expect(403);
    const owner = await signIn('owner');
    const list = await http()
      .get('/users')
      .set('Host', CONSOLE)
      .set('Cookie', owner.cookie)
      .expect(200);
    expect(list.text).toContain('href="/users"');
    const post = (path: string, body: Record<string, string>) =>
      http()
        .post(path)
        .set('Host', CONSOLE)
        .set('Cookie', owner.cookie)
        .type('form')
        .send({ _csrf: owner.csrf, ...body });
    const bad = await post('/users', {
      email: 'nope',
      name: '',
      password: 'short',
      role: 'viewer',
    }).expect(422);
    expect(bad.text).toContain('href="#field-email"');
    const email = `page-${randomBytes(4).toString('hex')}@plaza.example`;
    await post('/users', { email, name: 'Page Person', password: PASSWORD, role: 'viewer' }).expect(
      303,
    );
    const user = (await platform.get(ConsoleUsersService).list()).find((u) => u.email === email);
    expect(user?.role).toBe('viewer');
    await post(`/users/${user?.id}/role`, { role: 'operator' }).expect(303);
    expect(
      (await platform.get(ConsoleUsersService).list()).find((u) => u.email === email)?.role,
    ).toBe('operator');
    await post(`/users/${user?.id}/remove`, {}).expect(303);
    expect((await platform.get(ConsoleUsersService).list()).some((u) => u.email === email)).toBe(
      false,
    );
  });

  it('refuses a sign-in form without the CSRF token', async () => {
    await http()
      .post('/login')
      .set('Host', CONSOLE)
      .type('form')
      .send({ email: 'a@plaza.example', password: PASSWORD })
      .expect(403);
  });

  it('lets an operator create an organization from the form and watch it', async () => {
    const operator = await signIn('operator');
    const form = await http()
      .get('/tenants/new')
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .expect(200);
    expect(form.text).toContain('<legend>Languages of the site</legend>');
    const invalid = await http()
      .post('/tenants')
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .type('form')
      .send({
        _csrf: operator.csrf,
        name: '',
        slug: 'admin',
        defaultLocale: 'en',
        adminEmail: 'nope',
      })
      .expect(422);
    expect(invalid.text).toContain('role="alert"');
    expect(invalid.text).toContain('href="#field-adminEmail"');
    expect(invalid.text).toContain('aria-invalid="true"');

    const slug = uniqueSlug('p');
    const created = await http()
      .post('/tenants')
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(operator.csrf)}&name=Ville&slug=${slug}&defaultLocale=fr&locales=fr&locales=en` +
          '&adminEmail=maire%40example.org&adminName=Maire&template=empty',
      )
      .expect(303);
    expect(created.headers.location).toMatch(/^\/tenants\/[a-z0-9]+$/);
    const detail = await http()
      .get(created.headers.location)
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .expect(200);
    expect(detail.text).toContain('<h1>Ville</h1>');
    expect(detail.text).toContain('<progress');
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(
      detail.headers['content-security-policy'],
    )?.[1];
    expect(detail.text).toContain(`<script nonce="${nonce}">`);
    expect(detail.text).toContain('Refresh to see the progress');
    const taken = await http()
      .post('/tenants')
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(operator.csrf)}&name=Ville&slug=${slug}&defaultLocale=fr&locales=fr` +
          '&adminEmail=maire%40example.org&adminName=Maire',
      )
      .expect(422);
    expect(taken.text).toContain('is already taken');
  });

  it('runs lifecycle actions and edits from the detail page', async () => {
    const operator = await signIn('operator');
    const tenant = await platform.createTenant({ name: 'Lifecycle' });
    const post = (path: string, body: string) =>
      http()
        .post(path)
        .set('Host', CONSOLE)
        .set('Cookie', operator.cookie)
        .type('form')
        .send(`_csrf=${encodeURIComponent(operator.csrf)}&${body}`);
    await post(`/tenants/${tenant.id}/suspend`, '').expect(303);
    let page = await http()
      .get(`/tenants/${tenant.id}`)
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie);
    expect(page.text).toContain('Suspended');
    expect(page.text).toContain(`action="/tenants/${tenant.id}/resume"`);
    await post(
      `/tenants/${tenant.id}`,
      'name=Renamed&locales=en&locales=es&defaultLocale=es&plan=',
    ).expect(303);
    page = await http()
      .get(`/tenants/${tenant.id}`)
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie);
    expect(page.text).toContain('<h1>Renamed</h1>');
    expect(page.text).toContain('English, Español');
    expect(page.text).toContain('tenant.update');
    const bad = await post(`/tenants/${tenant.id}`, 'name=X&locales=en&defaultLocale=ca').expect(
      422,
    );
    expect(bad.text).toContain('The default locale must be one of the available locales.');
    await post(`/tenants/${tenant.id}/delete`, '').expect(303);
    page = await http()
      .get(`/tenants/${tenant.id}`)
      .set('Host', CONSOLE)
      .set('Cookie', operator.cookie);
    expect(page.text).toContain('Deletion scheduled');
    await post(`/tenants/${tenant.id}/restore`, '').expect(303);
    await post(`/tenants/${tenant.id}/explode`, '').expect(404);
  });

  it('shows viewers the pages but no actions, and refuses their writes', async () => {
    const viewer = await signIn('viewer');
    const tenant = await platform.createTenant({ name: 'Seen only' });
    await createUser(platform.ctx, tenant);
    await platform.get(UsageService).measure(tenant);
    const list = await http()
      .get(`/tenants?q=${tenant.slug}`)
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(list.text).toContain(`href="/tenants/${tenant.id}"`);
    expect(list.text).not.toContain('href="/tenants/new"');
    const detail = await http()
      .get(`/tenants/${tenant.id}`)
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(detail.text).not.toContain(`action="/tenants/${tenant.id}/suspend"`);
    expect(detail.text).toContain('<li>Participants: 1</li>');
    await http().get('/tenants/new').set('Host', CONSOLE).set('Cookie', viewer.cookie).expect(403);
    await http()
      .post(`/tenants/${tenant.id}/suspend`)
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .type('form')
      .send({ _csrf: viewer.csrf })
      .expect(403);
    await http().get('/audit').set('Host', CONSOLE).set('Cookie', viewer.cookie).expect(200);
  });

  it('issues a token once from the tokens page and revokes it', async () => {
    const viewer = await signIn('viewer');
    const created = await http()
      .post('/tokens')
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .type('form')
      .send({ _csrf: viewer.csrf, name: 'nightly report', expiresInDays: '7' })
      .expect(200);
    const secret = /<code class="secret">(plz_[^<]+)<\/code>/.exec(created.text)?.[1];
    expect(secret).toBeDefined();
    const again = await http()
      .get('/tokens')
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(again.text).toContain('nightly report');
    expect(again.text).not.toContain(secret);
    const id = /action="\/tokens\/([0-9a-f-]+)\/revoke"/.exec(again.text)?.[1];
    await http()
      .post(`/tokens/${id}/revoke`)
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .type('form')
      .send({ _csrf: viewer.csrf })
      .expect(303);
    await http()
      .get('/api/console/v1/me')
      .set('Host', CONSOLE)
      .set('Authorization', `Bearer ${secret}`)
      .expect(401);
  });

  it('signs out from the header form and switches language', async () => {
    const viewer = await signIn('viewer');
    await http()
      .post('/logout')
      .set('Host', CONSOLE)
      .set('Cookie', viewer.cookie)
      .type('form')
      .send({ _csrf: viewer.csrf })
      .expect(303);
    await http().get('/tenants').set('Host', CONSOLE).set('Cookie', viewer.cookie).expect(303);
    const chosen = await http().get('/language/ca?back=%2Flogin').set('Host', CONSOLE).expect(303);
    expect(chosen.headers.location).toBe('/login');
    const page = await http()
      .get('/login')
      .set('Host', CONSOLE)
      .set('Cookie', String(chosen.headers['set-cookie']).split(';')[0])
      .expect(200);
    expect(page.text).toContain('Inicia la sessió a la consola');
    await http()
      .get('/language/ca?back=%2F%2Fevil.example')
      .set('Host', CONSOLE)
      .expect(303)
      .expect('location', '/tenants');
  });
});
