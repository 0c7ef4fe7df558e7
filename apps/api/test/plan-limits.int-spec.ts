import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import type { EntityManager } from 'typeorm';

import { PlansService } from '@plaza/console';
import { UserEntity } from '@plaza/identity';
import { SpaceEntity } from '@plaza/spaces';
import { DOCUMENT_TYPES, StoredFileEntity, UploadsService } from '@plaza/storage';
import {
  PlanLimitException,
  PlatformDb,
  TenantContext,
  TenantDb,
  TenantEntity,
  TenantEvents,
  TenantRef,
} from '@plaza/tenancy';
import {
  createUser,
  signInAs,
  TestBrowser,
  testLogger,
  TestPlatform,
  TestSession,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const MB = 1024 * 1024;
const PASSWORD = 'correct horse battery staple';

/**
 * Plan limits where they bite: tenant A is on a small plan and is refused,
 * tenant B (a larger plan) does the same things freely.
 */
describe('Plan limits enforced by the features (two tenants, two plans)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let storageDir: string;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: TestSession;
  let adminB: TestSession;
  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (t: TenantRef, s: TestSession, path: string, form: Record<string, string>) =>
    http()
      .post(path)
      .set('Host', host(t))
      .set('Cookie', s.cookie)
      .type('form')
      .send({ ...form, _csrf: s.csrfToken });
  const db = <T>(t: TenantRef, work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(t, work);
  const countUsers = (t: TenantRef) => db(t, (em) => em.count(UserEntity));

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-limits-'));
    platform = await TestPlatform.start({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    app = await createApiApp(platform.config, testLogger());
    const plans = app.get(PlansService);
    const suffix = randomBytes(3).toString('hex');
    await plans.create({
      code: `small-${suffix}`,
      name: 'Village',
      monthlyPriceCents: 0,
      limits: { spaces: 1, participants: 3, admins: 1, storageMb: 1 },
      features: { customCss: false },
    });
    await plans.create({
      code: `large-${suffix}`,
      name: 'City',
      monthlyPriceCents: 9900,
      limits: { spaces: 10, participants: 1000, admins: 10, storageMb: 100 },
      features: { customCss: true, apiAccess: true },
    });
    a = await platform.createTenant({
      name: 'Small',
      locales: ['en', 'fr', 'es', 'ca'],
      planCode: `small-${suffix}`,
    });
    b = await platform.createTenant({ name: 'Large', planCode: `large-${suffix}` });
    adminA = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('refuses a participatory space over the limit, naming the limit and the plan, in the admin language', async () => {
    const space = (slug: string) => ({ kind: 'process', slug, title_en: slug });
    await post(a, adminA, '/admin/spaces', space('first-space')).expect(303);
    const refused = await post(a, adminA, '/admin/spaces', space('second-space'))
      .set('Accept-Language', 'fr')
      .expect(403);
    expect(refused.text).toContain('Non compris dans le forfait');
    // The form comes back as typed, with the reason in an alert.
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toContain('value="second-space"');
    expect(refused.text).toContain(
      'Le forfait Village permet au plus 1 espaces participatifs ; cette organisation en a 1.',
    );
    const json = await post(a, adminA, '/admin/spaces', space('third-space'))
      .set('Accept', 'application/json')
      .set('Accept-Language', 'ca')
      .expect(403);
    expect(json.body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringContaining('El pla Village permet com a màxim 1 espais participatius'),
    });
    expect(await db(a, (em) => em.count(SpaceEntity))).toBe(1);

    await post(b, adminB, '/admin/spaces', space('first-space')).expect(303);
    await post(b, adminB, '/admin/spaces', space('second-space')).expect(303);
    expect(await db(b, (em) => em.count(SpaceEntity))).toBe(2);
  });

  it('never passes the limit under concurrent creations', async () => {
    const plans = app.get(PlansService);
    const code = `pair-${randomBytes(3).toString('hex')}`;
    await plans.create({
      code,
      name: 'Pair',
      monthlyPriceCents: 0,
      limits: { spaces: 2 },
      features: {},
    });
    const c = await platform.createTenant({ name: 'Concurrent', planCode: code });
    const adminC = await signInAs(
      app,
      c,
      (await createUser(platform.ctx, c, { roles: ['admin'] })).id,
    );
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        post(c, adminC, '/admin/spaces', {
          kind: 'process',
          slug: `race-${i}`,
          title_en: `Race ${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 303, 403, 403, 403]);
    expect(await db(c, (em) => em.count(SpaceEntity))).toBe(2);
  });

  it('refuses new participants over the limit (registration and invitations); B registers freely', async () => {
    const signUp = (t: TenantRef, nickname: string, locale = 'en') => {
      const visitor = new TestBrowser(app.getHttpServer(), host(t));
      return visitor.get(`/locale/${locale}?back=%2F`).then(() =>
        visitor.submit('/users/sign_up', '/users/sign_up', {
          name: nickname,
          nickname,
          email: `${nickname}@example.org`,
          password: PASSWORD,
          tos: '1',
        }),
      );
    };
    // A has its admin; two more fit in 3 participants.
    await createUser(platform.ctx, a);
    expect((await signUp(a, 'third_one')).status).toBe(200);
    expect(await countUsers(a)).toBe(3);
    const refused = await signUp(a, 'fourth_one', 'es');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(
      'Este sitio ha alcanzado los 3 participantes que permite su plan Village',
    );
    // The form comes back as typed (never the password); an address that already has an
    // account gets the same refusal, so a full site tells nothing about who is registered.
    expect(refused.text).toContain('value="fourth_one@example.org"');
    expect((await signUp(a, 'third_one')).status).toBe(403);
    const invited = await post(a, adminA, '/admin/people/invite', {
      name: 'Invited',
      email: 'invited@example.org',
    });
    expect(invited.status).toBe(403);
    expect(invited.text).toContain('3 participants its Village plan allows');
    // The invitation form comes back as typed.
    expect(invited.text).toContain('value="invited@example.org"');
    expect(await countUsers(a)).toBe(3);

    expect((await signUp(b, 'third_one')).status).toBe(200);
    expect((await signUp(b, 'fourth_one')).status).toBe(200);
  });

  it('refuses a second administrator on a one-admin plan (role grant), not on B', async () => {
    const plans = app.get(PlansService);
    // Room for people, not for admins.
    await plans.setOverrides(a.id, { limits: { participants: 100 } });
    try {
      const person = await createUser(platform.ctx, a, { name: 'Promoted' });
      const grant = await post(a, adminA, `/admin/people/${person.id}/roles`, { roles: 'admin' });
      expect(grant.status).toBe(403);
      expect(grant.text).toContain('The Village plan allows at most 1 administrators');
      const row = await db(a, (em) => em.findOneByOrFail(UserEntity, { id: person.id }));
      expect(row.roles).toEqual([]);
      // Other roles stay possible.
      await post(a, adminA, `/admin/people/${person.id}/roles`, {
        roles: 'user_manager',
      }).expect(303);
      const invite = await post(a, adminA, '/admin/people/invite', {
        name: 'Second admin',
        email: 'second-admin@example.org',
        role: 'admin',
      });
      expect(invite.status).toBe(403);

      const other = await createUser(platform.ctx, b);
      await post(b, adminB, `/admin/people/${other.id}/roles`, { roles: 'admin' }).expect(303);
    } finally {
      await plans.setOverrides(a.id, {});
    }
  });

  it('refuses a file that would pass the storage limit; nothing is stored, earlier files stay', async () => {
    const uploads = app.get(UploadsService);
    const upload = (t: TenantRef, kb: number) =>
      TenantContext.run(t, () =>
        uploads.upload({
          body: Buffer.alloc(kb * 1024, 'a'),
          originalName: 'notes.txt',
          maxBytes: 5 * MB,
          accept: DOCUMENT_TYPES,
        }),
      );
    const kept = await upload(a, 700);
    const refusal = await upload(a, 700).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PlanLimitException);
    expect((refusal as PlanLimitException).message).toContain(
      'The Village plan allows at most 1 MB of storage',
    );
    const rows = await db(a, (em) => em.find(StoredFileEntity));
    expect(rows.map((r) => r.id)).toEqual([kept.id]);
    expect(await readdir(join(storageDir, a.id, 'files'))).toEqual([kept.id]);

    await upload(b, 700);
    await upload(b, 700);
    expect(await db(b, (em) => em.count(StoredFileEntity))).toBe(2);
  });

  it('never passes the storage limit under concurrent uploads; refused bytes are removed', async () => {
    const plans = app.get(PlansService);
    const code = `mb-${randomBytes(3).toString('hex')}`;
    await plans.create({
      code,
      name: 'Megabyte',
      monthlyPriceCents: 0,
      limits: { storageMb: 1 },
      features: {},
    });
    const d = await platform.createTenant({ name: 'Uploads at once', planCode: code });
    const uploads = app.get(UploadsService);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() =>
        TenantContext.run(d, () =>
          uploads.upload({
            body: Buffer.alloc(400 * 1024, 'b'),
            originalName: 'part.txt',
            maxBytes: 5 * MB,
            accept: DOCUMENT_TYPES,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PlanLimitException);
    const rows = await db(d, (em) => em.find(StoredFileEntity));
    expect(rows).toHaveLength(2);
    expect((await readdir(join(storageDir, d.id, 'files'))).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
  });

  it('tells the admin in their language why an image was refused by the storage limit, keeping the form', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    // A's storage is full: an earlier file of 1 MB.
    await db(a, (em) =>
      em.insert(StoredFileEntity, {
        id: randomUUID(),
        path: 'files/big/original.pdf',
        contentType: 'application/pdf',
        kind: 'document',
        size: MB,
        originalName: 'big.pdf',
      }),
    );
    const res = await http()
      .post('/admin/appearance')
      .set('Host', host(a))
      .set('Cookie', `${adminA.cookie}; plaza_locale=fr`)
      .field('_csrf', adminA.csrfToken)
      .field('primaryColor', '#0b5394')
      .field('secondaryColor', '#5e3c99')
      .field('tertiaryColor', '#26734d')
      .field('officialUrl', 'https://small.example.org')
      .attach('logo', png, 'logo.png')
      .expect(422);
    expect(res.text).toContain('Le forfait Village permet au plus 1 Mo de fichiers');
    expect(res.text).toContain('value="https://small.example.org"');
  });

  it('offers custom CSS on the plan that includes it only', async () => {
    const pageA = await http()
      .get('/admin/appearance')
      .set('Host', host(a))
      .set('Cookie', adminA.cookie)
      .expect(200);
    expect(pageA.text).not.toContain('name="customCss"');
    expect(pageA.text).toContain('The Village plan does not include custom CSS.');
    const pageB = await http()
      .get('/admin/appearance')
      .set('Host', host(b))
      .set('Cookie', adminB.cookie)
      .expect(200);
    expect(pageB.text).toContain('name="customCss"');
  });

  it('opens the JSON API only to plans with API access', async () => {
    const refused = await http()
      .get('/api/v1/spaces')
      .set('Host', host(a))
      .set('Accept-Language', 'fr')
      .expect(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message:
        "Le forfait Village ne comprend pas l'accès à l'API. Demandez à votre fournisseur un forfait qui l'inclut.",
      requestId: expect.any(String),
    });
    await http()
      .get('/api/v1/comments?resourceType=space&resourceId=x')
      .set('Host', host(a))
      .expect(403);
    await http().get('/api/v1/spaces').set('Host', host(b)).expect(200);
    // The API's documentation stays readable.
    await http().get('/api/v1/openapi.json').set('Host', host(a)).expect(200);
  });

  it('answers what the plan allows after the provider moves the organization to another plan', async () => {
    const bPlan = (
      await platform.get(PlatformDb).manager.findOneByOrFail(TenantEntity, { id: b.id })
    ).planCode;
    await platform.get(PlatformDb).manager.update(TenantEntity, { id: a.id }, { planCode: bPlan });
    // As the console does after changing a tenant: every process forgets what it cached of it.
    await app.get(TenantEvents).publishChange(a.id);
    await post(a, adminA, '/admin/spaces', {
      kind: 'process',
      slug: 'after-upgrade',
      title_en: 'After the upgrade',
    }).expect(303);
    expect(await db(a, (em) => em.count(SpaceEntity))).toBe(2);
  });
});
