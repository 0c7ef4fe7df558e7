import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { UserEntity } from '@plaza/identity';
import { SpaceEntity } from '@plaza/spaces';
import { TenantDb, TenantRef, TenantRegistry } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

/** An archived site reads as before, says it is archived, and refuses every write. */
describe('Archived sites are read-only (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: TestSession;
  let adminB: TestSession;
  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const post = (
    t: TenantRef,
    s: TestSession | null,
    path: string,
    form: Record<string, string>,
  ) => {
    const req = http().post(path).set('Host', host(t)).type('form');
    return (s ? req.set('Cookie', s.cookie) : req).send({ ...form, _csrf: s?.csrfToken ?? '' });
  };
  const spacesIn = (t: TenantRef) =>
    platform.get(TenantDb).runFor(t, (em) => em.count(SpaceEntity));
  const space = (slug: string) => ({ kind: 'process', slug, title_en: slug, published: 'on' });
  const setStatus = async (t: TenantRef, status: 'archived' | 'active') => {
    await platform.get(TenantRegistry).setStatus(t.id, status);
    // Every process hears of it through Redis; wait for the app's host cache.
    const archivedNow = status === 'archived';
    await eventually(async () => {
      const home = await http().get('/').set('Host', host(t));
      return home.text.includes('class="archived-notice"') === archivedNow;
    });
  };

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Archived A', locales: ['en', 'fr', 'es', 'ca'] });
    b = await platform.createTenant({ name: 'Active B' });
    adminA = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    await post(a, adminA, '/admin/spaces', space('before-archive')).expect(303);
    await setStatus(a, 'archived');
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('serves pages with a visible notice in the visitor language, and no sign-in links', async () => {
    const home = await http()
      .get('/')
      .set('Host', host(a))
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(home.text).toContain('Ce site est archivé : tout son contenu reste consultable');
    expect(home.text).not.toContain('href="/users/sign_in"');
    expect(home.text).not.toContain('href="/users/sign_up"');
    await http().get('/processes/before-archive').set('Host', host(a)).expect(200);
    // Signed-in admins keep reading, admin pages included.
    await http().get('/admin/spaces').set('Host', host(a)).set('Cookie', adminA.cookie).expect(200);
  });

  it('refuses every write with a clear 403 in the site language and changes nothing', async () => {
    const refused = await post(a, adminA, '/admin/spaces', space('after-archive'))
      .set('Accept-Language', 'ca')
      .expect(403);
    expect(refused.text).toContain('Aquest lloc està arxivat');
    expect(refused.text).toContain('és només de lectura');
    expect(await spacesIn(a)).toBe(1);

    const signUp = await post(a, null, '/users/sign_up', {
      name: 'Late',
      nickname: 'late_comer',
      email: 'late@example.org',
      password: 'correct horse battery staple',
      tos: '1',
    }).expect(403);
    expect(signUp.text).toContain('This site is archived and read-only');
    expect(
      await platform
        .get(TenantDb)
        .runFor(a, (em) => em.countBy(UserEntity, { email: 'late@example.org' })),
    ).toBe(0);
    await post(a, null, '/users/sign_in', { email: 'x@example.org', password: 'x' }).expect(403);

    const json = await http()
      .post('/api/v1/spaces/x/components/y/proposals')
      .set('Host', host(a))
      .set('Accept-Language', 'es')
      .send({ title: 'Nope' })
      .expect(403);
    expect(json.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringContaining('Este sitio está archivado y es de solo lectura'),
    });
  });

  it('still lets a signed-in person sign out', async () => {
    const person = await signInAs(
      app,
      a,
      (await createUser(platform.ctx, a, { roles: ['admin'] })).id,
    );
    await post(a, person, '/users/sign_out', {}).expect(303);
  });

  it('leaves the other tenant writable, and A writable again once resumed', async () => {
    await post(b, adminB, '/admin/spaces', space('on-b')).expect(303);
    expect((await http().get('/').set('Host', host(b)).expect(200)).text).not.toContain(
      'class="archived-notice"',
    );
    await setStatus(a, 'active');
    await post(a, adminA, '/admin/spaces', space('after-resume')).expect(303);
    expect(await spacesIn(a)).toBe(2);
  });
});
