import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import {
  ConsoleRole,
  ConsoleUsersService,
  PlansService,
  stepAt,
  totpCode,
  UsageService,
} from '@plaza/console';
import { PlatformDb, ProvisionTenantJob, TenantEntity } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  uniqueSlug,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

interface Login {
  email: string;
  cookie: string;
  csrfToken: string;
}

describe('Console API (/api/console/v1)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const logins = {} as Record<ConsoleRole, Login>;

  const http = () => request(app.getHttpServer());
  const as = (login: Login) => ({
    get: (path: string) => http().get(path).set('Host', CONSOLE).set('Cookie', login.cookie),
    post: (path: string, body: object = {}) =>
      http()
        .post(path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .set('x-csrf-token', login.csrfToken)
        .send(body),
    put: (path: string, body: object) =>
      http()
        .put(path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .set('x-csrf-token', login.csrfToken)
        .send(body),
    patch: (path: string, body: object) =>
      http()
        .patch(path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .set('x-csrf-token', login.csrfToken)
        .send(body),
    delete: (path: string) =>
      http()
        .delete(path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .set('x-csrf-token', login.csrfToken),
  });

  async function newConsoleUser(role: ConsoleRole): Promise<string> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform.get(ConsoleUsersService).create({ email, password: PASSWORD, role });
    return email;
  }

  function signIn(email: string, password = PASSWORD) {
    return http().post('/api/console/v1/session').set('Host', CONSOLE).send({ email, password });
  }

  async function login(role: ConsoleRole): Promise<Login> {
    const email = await newConsoleUser(role);
    const res = await signIn(email).expect(200);
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .find((c) => c.startsWith('plaza_console_session='));
    return { email, cookie: cookie ?? '', csrfToken: res.body.csrfToken };
  }

  function newTenantBody() {
    return {
      name: 'Ville de Test',
      slug: uniqueSlug('c'),
      defaultLocale: 'fr',
      locales: ['fr', 'en'],
      adminEmail: 'mairie@example.org',
      adminName: 'Camille Maire',
    };
  }

  beforeAll(async () => {
    // The worker's provisioning job runs beside the API, as in production.
    platform = await TestPlatform.start({}, [ProvisionTenantJob]);
    app = await createApiApp(platform.config, testLogger());
    for (const role of ['owner', 'operator', 'viewer'] as const) logins[role] = await login(role);
    const plans = platform.get(PlansService);
    for (const code of ['basic', 'pro']) {
      if (!(await plans.exists(code))) {
        await plans.create({
          code,
          name: code.toUpperCase(),
          monthlyPriceCents: 1000,
          limits: {},
          features: {},
        });
      }
    }
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  describe('session', () => {
    it('signs in with a host-only HttpOnly SameSite=Lax cookie and answers the CSRF token', async () => {
      const email = await newConsoleUser('viewer');
      const res = await signIn(email).expect(200);
      expect(res.body).toEqual({ csrfToken: expect.any(String) });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^plaza_console_session=/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).not.toContain('Domain=');
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const email = await newConsoleUser('viewer');
      const wrong = await signIn(email, 'not the password at all').expect(401);
      const unknown = await signIn(`nobody-${randomBytes(4).toString('hex')}@plaza.example`).expect(
        401,
      );
      expect(wrong.body.message).toBe('The email or password is not correct.');
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('locks an account with backoff after repeated failures, even with the right password', async () => {
      const email = await newConsoleUser('viewer');
      for (let i = 0; i < 6; i++) await signIn(email, 'wrong password, again').expect(401);
      const locked = await signIn(email).expect(429);
      expect(locked.headers['retry-after']).toBeDefined();
      expect(locked.body.message).toMatch(/Too many attempts/);
    });

    it('refuses a sign-in that is not JSON (other sites cannot post it from a form)', async () => {
      const email = await newConsoleUser('viewer');
      await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .type('form')
        .send({ email, password: PASSWORD })
        .expect(415);
    });

    it('answers 400 with field errors for a malformed body', async () => {
      const res = await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email: 42 })
        .expect(400);
      expect(res.body.fields).toHaveProperty('email');
      expect(res.body.fields).toHaveProperty('password');
    });

    it('signs out: the cookie stops working; writes need the CSRF token', async () => {
      const me = await login('viewer');
      await as(me).get('/api/console/v1/me').expect(200);
      await http()
        .delete('/api/console/v1/session')
        .set('Host', CONSOLE)
        .set('Cookie', me.cookie)
        .expect(403);
      await as(me).delete('/api/console/v1/session').expect(204);
      await as(me).get('/api/console/v1/me').expect(401);
    });

    it('does not exist on tenant hosts', async () => {
      const email = await newConsoleUser('viewer');
      const tenant = await platform.createTenant();
      await http()
        .post('/api/console/v1/session')
        .set('Host', `${tenant.slug}.plaza.test`)
        .send({ email, password: PASSWORD })
        .expect(404);
    });

    it("refuses a tenant admin's session, under either cookie name", async () => {
      const tenant = await platform.createTenant();
      const admin = await createUser(platform.ctx, tenant, { roles: ['admin'] });
      const session = await signInAs(app, tenant, admin.id);
      const id = session.cookie.split('=')[1];
      for (const cookie of [session.cookie, `plaza_console_session=${id}`]) {
        await http()
          .get('/api/console/v1/tenants')
          .set('Host', CONSOLE)
          .set('Cookie', cookie)
          .expect(401);
      }
    });
  });

  describe('two-step sign-in (TOTP)', () => {
    const code = (secret: string, offsetSteps = 0) =>
      totpCode(secret, stepAt(Date.now()) + offsetSteps);

    it('enrols with a QR code, then requires a code (or a recovery code) at sign-in', async () => {
      const me = await login('operator');
      const started = await as(me).post('/api/console/v1/me/totp').expect(201);
      const { secret, otpauthUrl, qrSvg } = started.body.data;
      expect(otpauthUrl).toContain(`secret=${secret}`);
      expect(qrSvg).toContain('<svg');
      const wrong = await as(me)
        .post('/api/console/v1/me/totp/confirm', { code: 'abcdef' })
        .expect(422);
      expect(wrong.body.fields.code).toHaveLength(1);
      const confirmed = await as(me)
        .post('/api/console/v1/me/totp/confirm', { code: code(secret) })
        .expect(200);
      const recoveryCodes = confirmed.body.data.recoveryCodes as string[];
      expect(recoveryCodes).toHaveLength(10);
      const [row] = await platform
        .get(PlatformDb)
        .query<{ totp_secret_sealed: string; recovery_code_hashes: string[] }>(
          'select totp_secret_sealed, recovery_code_hashes from platform.console_users where email = $1',
          [me.email],
        );
      expect(row.totp_secret_sealed).not.toContain(secret);
      expect(JSON.stringify(row.recovery_code_hashes)).not.toContain(recoveryCodes[0]);

      const missing = await signIn(me.email).expect(401);
      expect(missing.body.message).toContain('6-digit code');
      const bad = await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email: me.email, password: PASSWORD, totp: '123456' })
        .expect(401);
      expect(bad.body.message).toBe('The authentication code is not correct.');
      const withCode = await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email: me.email, password: PASSWORD, totp: code(secret, 1) })
        .expect(200);
      expect(withCode.body.csrfToken).toEqual(expect.any(String));
      // The same code cannot be used twice.
      await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email: me.email, password: PASSWORD, totp: code(secret, 1) })
        .expect(401);
      const withRecovery = () =>
        http()
          .post('/api/console/v1/session')
          .set('Host', CONSOLE)
          .send({ email: me.email, password: PASSWORD, totp: recoveryCodes[0] });
      const recovered = await withRecovery().expect(200);
      await withRecovery().expect(401);

      // API tokens cannot turn it off; the session can, with a code.
      const token = await as(me).post('/api/console/v1/tokens', { name: 't' }).expect(201);
      await http()
        .post('/api/console/v1/me/totp/disable')
        .set('Host', CONSOLE)
        .set('Authorization', `Bearer ${token.body.data.token}`)
        .send({ code: recoveryCodes[1] })
        .expect(403);
      const session = {
        email: me.email,
        cookie: String(recovered.headers['set-cookie']).split(';')[0],
        csrfToken: recovered.body.csrfToken as string,
      };
      await as(session)
        .post('/api/console/v1/me/totp/disable', { code: recoveryCodes[1] })
        .expect(204);
      await signIn(me.email).expect(200);
    });
  });

  describe('roles', () => {
    it('answers 401 without credentials on every console route', async () => {
      for (const [method, path] of [
        ['get', '/api/console/v1/me'],
        ['get', '/api/console/v1/tenants'],
        ['get', '/api/console/v1/tenants/abc'],
        ['get', '/api/console/v1/audit-events'],
        ['get', '/api/console/v1/tokens'],
      ] as const) {
        await http()[method](path).set('Host', CONSOLE).expect(401);
      }
    });

    it('lets viewers read and nothing else; operators and owners run the lifecycle', async () => {
      const created = await as(logins.operator)
        .post('/api/console/v1/tenants', newTenantBody())
        .expect(202);
      const id = created.body.data.id as string;
      for (const role of ['viewer', 'operator', 'owner'] as const) {
        await as(logins[role]).get('/api/console/v1/tenants').expect(200);
        await as(logins[role]).get(`/api/console/v1/tenants/${id}`).expect(200);
        await as(logins[role]).get('/api/console/v1/audit-events').expect(200);
      }
      const viewer = as(logins.viewer);
      const forbidden = await viewer.post('/api/console/v1/tenants', newTenantBody()).expect(403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await viewer.patch(`/api/console/v1/tenants/${id}`, { name: 'X' }).expect(403);
      for (const action of ['suspend', 'resume', 'archive', 'restore']) {
        await viewer.post(`/api/console/v1/tenants/${id}/${action}`).expect(403);
      }
      await viewer.delete(`/api/console/v1/tenants/${id}`).expect(403);
      await as(logins.owner).post('/api/console/v1/tenants', newTenantBody()).expect(202);
    });
  });

  describe('console users', () => {
    it('are managed by owners only', async () => {
      for (const role of ['viewer', 'operator'] as const) {
        await as(logins[role]).get('/api/console/v1/users').expect(403);
        await as(logins[role])
          .post('/api/console/v1/users', {
            email: 'x@plaza.example',
            name: 'X',
            password: PASSWORD,
            role: 'owner',
          })
          .expect(403);
      }
    });

    it('creates a person who can sign in; a role change or removal ends their sessions', async () => {
      const owner = as(logins.owner);
      const email = `new-${randomBytes(4).toString('hex')}@plaza.example`;
      const created = await owner
        .post('/api/console/v1/users', {
          email,
          name: 'New Person',
          password: PASSWORD,
          role: 'operator',
        })
        .expect(201);
      expect(created.body.data).toMatchObject({ email, name: 'New Person', role: 'operator' });
      expect(JSON.stringify(created.body)).not.toContain('password');
      await owner
        .post('/api/console/v1/users', { email, name: 'Again', password: PASSWORD, role: 'viewer' })
        .expect(409);
      const bad = await owner
        .post('/api/console/v1/users', { email: 'nope', name: '', password: 'short', role: 'god' })
        .expect(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['email', 'name', 'password', 'role']);

      const res = await signIn(email).expect(200);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const them = { email, cookie, csrfToken: res.body.csrfToken as string };
      await as(them).get('/api/console/v1/me').expect(200);
      const id = created.body.data.id as string;
      const demoted = await owner
        .patch(`/api/console/v1/users/${id}`, { role: 'viewer' })
        .expect(200);
      expect(demoted.body.data.role).toBe('viewer');
      await as(them).get('/api/console/v1/me').expect(401);

      const again = await signIn(email).expect(200);
      const cookie2 = String(again.headers['set-cookie']).split(';')[0];
      await owner.delete(`/api/console/v1/users/${id}`).expect(204);
      await http()
        .get('/api/console/v1/me')
        .set('Host', CONSOLE)
        .set('Cookie', cookie2)
        .expect(401);
      await owner.delete(`/api/console/v1/users/${id}`).expect(404);
      const audit = await owner.get('/api/console/v1/audit-events?action=user.update').expect(200);
      expect(audit.body.data[0]).toMatchObject({
        before: expect.objectContaining({ role: 'operator' }),
        after: expect.objectContaining({ role: 'viewer' }),
      });
    });
  });

  describe('plans', () => {
    it('are read by everyone and managed by owners only', async () => {
      const code = `p-${randomBytes(3).toString('hex')}`;
      const body = {
        code,
        name: 'Town',
        monthlyPriceCents: 4900,
        limits: { participants: 500, spaces: 2, storageMb: 1024, admins: 3 },
        features: { customDomain: true, newsletter: true },
      };
      for (const role of ['viewer', 'operator'] as const) {
        await as(logins[role]).post('/api/console/v1/plans', body).expect(403);
      }
      const created = await as(logins.owner).post('/api/console/v1/plans', body).expect(201);
      expect(created.body.data).toEqual({
        ...body,
        currency: 'EUR',
        features: { customDomain: true, customCss: false, newsletter: true, apiAccess: false },
      });
      await as(logins.owner).post('/api/console/v1/plans', body).expect(409);
      const listed = await as(logins.viewer).get('/api/console/v1/plans').expect(200);
      expect(listed.body.data.map((p: { code: string }) => p.code)).toContain(code);
      await as(logins.operator).patch(`/api/console/v1/plans/${code}`, { name: 'X' }).expect(403);
      const updated = await as(logins.owner)
        .patch(`/api/console/v1/plans/${code}`, { limits: { spaces: 3 } })
        .expect(200);
      expect(updated.body.data.limits).toEqual({ ...body.limits, spaces: 3 });
      const bad = await as(logins.owner)
        .post('/api/console/v1/plans', {
          code: 'Bad Code',
          name: '',
          monthlyPriceCents: -1,
          limits: { spaces: 'many' },
        })
        .expect(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual([
        'code',
        'limits.spaces',
        'monthlyPriceCents',
        'name',
      ]);

      const tenant = await platform.createTenant({ planCode: code });
      await as(logins.owner).delete(`/api/console/v1/plans/${code}`).expect(409);
      await as(logins.operator)
        .put(`/api/console/v1/tenants/${tenant.id}/overrides`, { limits: { spaces: 10 } })
        .expect(403);
      const overridden = await as(logins.owner)
        .put(`/api/console/v1/tenants/${tenant.id}/overrides`, {
          limits: { spaces: 10 },
          features: { customCss: true },
        })
        .expect(200);
      expect(overridden.body.data).toMatchObject({
        plan: code,
        limits: { participants: 500, spaces: 10, storageMb: 1024, admins: 3 },
        features: { customDomain: true, customCss: true, newsletter: true, apiAccess: false },
      });
    });

    it('refuses what passes a limit with a message naming the limit and the plan', async () => {
      const plans = platform.get(PlansService);
      const code = `q-${randomBytes(3).toString('hex')}`;
      await plans.create({
        code,
        name: 'Village',
        monthlyPriceCents: 0,
        limits: { spaces: 2 },
        features: {},
      });
      const tenant = await platform.createTenant({ planCode: code });
      await expect(plans.assertWithinLimit(tenant.id, 'spaces', 1)).resolves.toBeUndefined();
      await expect(plans.assertWithinLimit(tenant.id, 'spaces', 2)).rejects.toThrow(
        'The Village plan allows at most 2 participatory spaces; this organization has 2. Ask your provider for a larger plan.',
      );
      await expect(plans.assertFeature(tenant.id, 'customDomain')).rejects.toThrow(
        'The Village plan does not include custom domains.',
      );
      await plans.setOverrides(tenant.id, {
        limits: { spaces: 5 },
        features: { customDomain: true },
      });
      await expect(plans.assertWithinLimit(tenant.id, 'spaces', 2)).resolves.toBeUndefined();
      await expect(plans.assertFeature(tenant.id, 'customDomain')).resolves.toBeUndefined();
      const unplanned = await platform.createTenant();
      await expect(
        plans.assertWithinLimit(unplanned.id, 'participants', 1_000_000),
      ).resolves.toBeUndefined();
    });
  });

  describe('API tokens', () => {
    it('shows a token once, authenticates bearer calls without CSRF, records use, revokes', async () => {
      const operator = await login('operator');
      const issued = await as(operator)
        .post('/api/console/v1/tokens', { name: 'deploy script', expiresInDays: 30 })
        .expect(201);
      const secret = issued.body.data.token as string;
      expect(secret).toMatch(/^plz_/);
      const listed = await as(operator).get('/api/console/v1/tokens').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(listed.body.data[0]).toMatchObject({ name: 'deploy script', lastUsedAt: null });

      const bearer = `Bearer ${secret}`;
      await http()
        .post('/api/console/v1/tenants')
        .set('Host', CONSOLE)
        .set('Authorization', bearer)
        .send(newTenantBody())
        .expect(202);
      const me = await http()
        .get('/api/console/v1/me')
        .set('Host', CONSOLE)
        .set('Authorization', bearer)
        .expect(200);
      expect(me.body.data).toMatchObject({ email: operator.email, role: 'operator', via: 'token' });
      const after = await as(operator).get('/api/console/v1/tokens').expect(200);
      expect(after.body.data[0].lastUsedAt).not.toBeNull();

      await as(operator).delete(`/api/console/v1/tokens/${issued.body.data.id}`).expect(204);
      const refused = await http()
        .get('/api/console/v1/me')
        .set('Host', CONSOLE)
        .set('Authorization', bearer)
        .expect(401);
      expect(refused.body.message).toMatch(/not valid, has expired or was revoked/);
    });

    it("keeps a viewer's token a viewer, and refuses unknown tokens", async () => {
      const viewer = await login('viewer');
      const issued = await as(viewer).post('/api/console/v1/tokens', { name: 'read' }).expect(201);
      await http()
        .post('/api/console/v1/tenants')
        .set('Host', CONSOLE)
        .set('Authorization', `Bearer ${issued.body.data.token}`)
        .send(newTenantBody())
        .expect(403);
      await http()
        .get('/api/console/v1/tenants')
        .set('Host', CONSOLE)
        .set('Authorization', 'Bearer plz_not-a-real-token')
        .expect(401);
    });

    it('refuses an expired token', async () => {
      const viewer = await login('viewer');
      const issued = await as(viewer).post('/api/console/v1/tokens', { name: 'old' }).expect(201);
      await platform
        .get(PlatformDb)
        .query(
          `update platform.console_api_tokens set expires_at = now() - interval '1 minute' where id = $1`,
          [issued.body.data.id],
        );
      await http()
        .get('/api/console/v1/me')
        .set('Host', CONSOLE)
        .set('Authorization', `Bearer ${issued.body.data.token}`)
        .expect(401);
    });
  });

  describe('tenants', () => {
    it('creates a tenant (202, provisioning) that the job makes active, with progress', async () => {
      const body = newTenantBody();
      const res = await as(logins.operator).post('/api/console/v1/tenants', body).expect(202);
      expect(res.body.data).toMatchObject({
        slug: body.slug,
        name: body.name,
        status: 'provisioning',
        plan: null,
        locales: ['fr', 'en'],
        progress: expect.any(Number),
      });
      const id = res.body.data.id as string;
      const active = await eventually(async () => {
        const r = await as(logins.viewer).get(`/api/console/v1/tenants/${id}`).expect(200);
        return r.body.data.status === 'active' ? r.body.data : null;
      });
      expect(active.progress).toBeUndefined();
      expect(active.domains).toEqual([
        { domain: `${body.slug}.plaza.test`, primary: true, verified: true },
      ]);
      expect(active.recentEvents[0]).toMatchObject({
        action: 'tenant.create',
        actorEmail: logins.operator.email,
      });
      await http().get('/').set('Host', `${body.slug}.plaza.test`).expect(200);
    });

    it('says when a slug is taken or reserved, and gives field errors', async () => {
      const body = newTenantBody();
      await as(logins.operator).post('/api/console/v1/tenants', body).expect(202);
      const taken = await as(logins.operator).post('/api/console/v1/tenants', body).expect(409);
      expect(taken.body.message).toContain('already taken');
      const reserved = await as(logins.operator)
        .post('/api/console/v1/tenants', { ...newTenantBody(), slug: 'admin' })
        .expect(422);
      expect(reserved.body.fields.slug[0]).toContain('reserved');
      const bad = await as(logins.operator)
        .post('/api/console/v1/tenants', { name: '', locales: ['de'], adminEmail: 'nope' })
        .expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(
        expect.arrayContaining(['name', 'slug', 'defaultLocale', 'locales', 'adminEmail']),
      );
      await as(logins.operator)
        .post('/api/console/v1/tenants', { ...newTenantBody(), extra: 1 })
        .expect(400);
    });

    it('lists with search, status and plan filters, sort and pagination', async () => {
      const tag = randomBytes(3).toString('hex');
      const ids: string[] = [];
      for (const [name, plan] of [
        [`Alpha ${tag}`, 'basic'],
        [`Beta ${tag}`, 'pro'],
        [`Gamma ${tag}`, 'pro'],
      ]) {
        const r = await as(logins.operator)
          .post('/api/console/v1/tenants', { ...newTenantBody(), name, plan })
          .expect(202);
        ids.push(r.body.data.id);
      }
      await platform
        .get(PlatformDb)
        .manager.update(TenantEntity, { id: ids[2] }, { status: 'suspended' });
      const all = await as(logins.viewer)
        .get(`/api/console/v1/tenants?q=${tag}&sort=-name&perPage=2`)
        .expect(200);
      expect(all.body.meta).toEqual({ page: 1, perPage: 2, total: 3, pages: 2 });
      expect(all.body.data.map((t: { name: string }) => t.name)).toEqual([
        `Gamma ${tag}`,
        `Beta ${tag}`,
      ]);
      const page2 = await as(logins.viewer)
        .get(`/api/console/v1/tenants?q=${tag}&sort=-name&perPage=2&page=2`)
        .expect(200);
      expect(page2.body.data.map((t: { name: string }) => t.name)).toEqual([`Alpha ${tag}`]);
      const pro = await as(logins.viewer)
        .get(`/api/console/v1/tenants?q=${tag}&plan=pro&status=suspended`)
        .expect(200);
      expect(pro.body.data.map((t: { id: string }) => t.id)).toEqual([ids[2]]);
      const bad = await as(logins.viewer)
        .get('/api/console/v1/tenants?status=nope&sort=x')
        .expect(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['sort', 'status']);
    });

    it('updates name, locales (added and removed) and plan; the site follows', async () => {
      const tenant = await platform.createTenant({ locales: ['en', 'fr'], defaultLocale: 'en' });
      const res = await as(logins.operator)
        .patch(`/api/console/v1/tenants/${tenant.id}`, {
          name: 'Renamed City',
          locales: ['en', 'ca'],
          plan: 'pro',
        })
        .expect(200);
      expect(res.body.data).toMatchObject({
        name: 'Renamed City',
        locales: ['en', 'ca'],
        defaultLocale: 'en',
        plan: 'pro',
      });
      await eventually(async () => {
        const page = await http()
          .get('/')
          .set('Host', `${tenant.slug}.plaza.test`)
          .set('Accept-Language', 'ca')
          .expect(200);
        return page.text.includes('lang="ca"') && page.text.includes('Renamed City');
      });
      const bad = await as(logins.operator)
        .patch(`/api/console/v1/tenants/${tenant.id}`, { locales: ['en'], defaultLocale: 'ca' })
        .expect(422);
      expect(bad.body.fields).toHaveProperty('defaultLocale');
      const audit = await as(logins.viewer)
        .get(`/api/console/v1/audit-events?tenantId=${tenant.id}&action=tenant.update`)
        .expect(200);
      expect(audit.body.data[0]).toMatchObject({
        before: expect.objectContaining({ name: 'Test organization', locales: ['en', 'fr'] }),
        after: expect.objectContaining({ name: 'Renamed City', locales: ['en', 'ca'] }),
        actorEmail: logins.operator.email,
        ip: expect.any(String),
      });
    });

    it('suspends (503), resumes, archives, schedules deletion and cancels it', async () => {
      const tenant = await platform.createTenant();
      const host = `${tenant.slug}.plaza.test`;
      const op = as(logins.operator);
      const path = `/api/console/v1/tenants/${tenant.id}`;
      const suspended = await op.post(`${path}/suspend`).expect(200);
      expect(suspended.body.data.status).toBe('suspended');
      await eventually(async () => (await http().get('/').set('Host', host)).status === 503);
      await op.post(`${path}/suspend`).expect(409);
      await op.post(`${path}/resume`).expect(200);
      await eventually(async () => (await http().get('/').set('Host', host)).status === 200);
      expect((await op.post(`${path}/archive`).expect(200)).body.data.status).toBe('archived');
      const deleting = await op.delete(path).expect(202);
      expect(deleting.body.data.status).toBe('deleting');
      const purgeAfter = new Date(deleting.body.data.purgeAfter).getTime();
      const created = new Date(deleting.body.data.updatedAt).getTime();
      expect(Math.round((purgeAfter - created) / (24 * 3600 * 1000))).toBe(30);
      expect(deleting.body.data.exportReady).toBe(false);
      await op.get(`${path}/export`).expect(404);
      await as(logins.viewer).get(`${path}/export`).expect(403);
      // Once the worker made the archive, operators can download it.
      const archive = join(await mkdtemp(join(tmpdir(), 'plaza-export-')), 'x.tar.gz');
      await writeFile(archive, Buffer.from('archive bytes'));
      await platform
        .get(PlatformDb)
        .query('update platform.tenant_deletions set export_path = $2 where tenant_id = $1', [
          tenant.id,
          archive,
        ]);
      const download = await op.get(`${path}/export`).buffer(true).expect(200);
      expect(download.headers['content-type']).toBe('application/gzip');
      expect(download.headers['content-disposition']).toBe('attachment; filename="x.tar.gz"');
      expect(String(download.body)).toBe('archive bytes');
      await op.patch(path, { name: 'Too late' }).expect(409);
      await eventually(async () => (await http().get('/').set('Host', host)).status === 503);
      const restored = await op.post(`${path}/restore`).expect(200);
      expect(restored.body.data).toMatchObject({ status: 'archived' });
      expect(restored.body.data.purgeAfter).toBeUndefined();
      await op.post(`${path}/restore`).expect(409);
      const audit = await as(logins.viewer)
        .get(`/api/console/v1/audit-events?tenantId=${tenant.id}`)
        .expect(200);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
        'tenant.delete.cancel',
        'tenant.export.download',
        'tenant.delete',
        'tenant.archive',
        'tenant.resume',
        'tenant.suspend',
      ]);
    });

    it('refuses an unknown plan with a field error', async () => {
      const res = await as(logins.operator)
        .post('/api/console/v1/tenants', { ...newTenantBody(), plan: 'no-such-plan' })
        .expect(422);
      expect(res.body.fields.plan).toEqual(['There is no plan "no-such-plan".']);
    });

    it('shows measured usage and the effective limits', async () => {
      const tenant = await platform.createTenant({ planCode: 'basic' });
      await createUser(platform.ctx, tenant);
      await createUser(platform.ctx, tenant);
      await platform.get(UsageService).measure(tenant);
      const res = await as(logins.viewer).get(`/api/console/v1/tenants/${tenant.id}`).expect(200);
      expect(res.body.data.usage).toMatchObject({
        participants: 2,
        spaces: 0,
        contributions: 0,
        storageBytes: 0,
        emailsThisMonth: 0,
        measuredAt: expect.any(String),
      });
      expect(res.body.data.limits).toEqual({
        participants: null,
        spaces: null,
        storageMb: null,
        admins: null,
      });
    });

    it('answers 404 for unknown ids', async () => {
      await as(logins.viewer).get('/api/console/v1/tenants/nope0000').expect(404);
      await as(logins.viewer).get('/api/console/v1/tenants/../../x').expect(404);
      await as(logins.operator).post('/api/console/v1/tenants/nope0000/suspend').expect(404);
    });
  });
});
