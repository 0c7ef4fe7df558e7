import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ActionLogEntity } from '@plaza/identity';
import { OrganizationEntity, TenantDb, TenantRef, TenantRegistry } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Admin: the organization (name, description), two tenants', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: TestSession;
  let adminB: TestSession;
  let userA: TestSession;
  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const get = (t: TenantRef, path: string, session?: TestSession) => {
    const req = request(app.getHttpServer()).get(path).set('Host', host(t));
    return session ? req.set('Cookie', session.cookie) : req;
  };
  const post = (t: TenantRef, session: TestSession, form: Record<string, string>) =>
    request(app.getHttpServer())
      .post('/admin/organization')
      .set('Host', host(t))
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrfToken, ...form });
  const organization = (t: TenantRef) =>
    platform.get(TenantDb).runFor(t, (em) => em.findOneByOrFail(OrganizationEntity, { id: 1 }));

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Ville A', locales: ['en', 'fr'] });
    b = await platform.createTenant({ name: 'Ville B', locales: ['en', 'fr'] });
    adminA = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    userA = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('is for admins of the site only, and listed among the admin sections', async () => {
    await get(a, '/admin/organization').expect(303);
    await get(a, '/admin/organization', userA).expect(403);
    const onB = await get(b, '/admin/organization', adminA).expect(303);
    expect(onB.headers.location).toContain('/users/sign_in');
    const page = await get(a, '/admin/organization', adminA).expect(200);
    expect(page.text).toContain('value="Ville A"');
    expect(page.text).toContain('href="/admin/languages"');
    expect(page.text).toContain('href="/admin/appearance"');
    const index = await get(a, '/admin', adminA).expect(200);
    expect(index.text).toContain('href="/admin/organization"');
  });

  it('shares one admin navigation with the people, security and log pages', async () => {
    for (const path of ['/admin/people', '/admin/logs', '/admin/security', '/admin/appearance']) {
      const page = await get(a, path, adminA).expect(200);
      for (const href of [
        '/admin/organization',
        '/admin/appearance',
        '/admin/people',
        '/admin/logs',
      ])
        expect({ path, href, linked: page.text.includes(`href="${href}"`) }).toEqual({
          path,
          href,
          linked: true,
        });
      expect(page.text).toContain(`<a href="${path}" aria-current="page">`);
      expect(page.text.match(/class="admin-nav"/g)).toHaveLength(1);
    }
  });

  it('refuses a missing name and a too long description, next to the fields, keeping the values', async () => {
    const res = await post(a, adminA, {
      'name.en': '',
      'name.fr': 'Ville A en français',
      'description.en': 'x'.repeat(2001),
    }).expect(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('id="field-name-en-error"');
    expect(res.text).toContain('Enter the name in English.');
    expect(res.text).toContain('id="field-description-en-error"');
    expect(res.text).toContain('Ville A en français');
    expect((await organization(a)).name.en).toBe('Ville A');
  });

  it('answers in the admin’s language', async () => {
    const res = await request(app.getHttpServer())
      .post('/admin/organization')
      .set('Host', host(a))
      .set('Cookie', `${adminA.cookie}; plaza_locale=fr`)
      .type('form')
      .send({ _csrf: adminA.csrfToken, 'name.en': '' })
      .expect(422);
    expect(res.text).toContain('Saisissez le nom en English.');
  });

  it('saves name and description: shown at once on the site, in the meta description, logged; B untouched', async () => {
    await post(a, adminA, {
      'name.en': 'City of A',
      'name.fr': 'Ville de A',
      'description.en': 'Where the people of A decide together.',
      'description.fr': 'Là où les habitants de A décident ensemble.',
    })
      .expect(303)
      .expect('location', '/admin/organization?saved=1');

    const home = await get(a, '/').expect(200);
    expect(home.text).toContain('City of A');
    expect(home.text).toContain(
      '<meta name="description" content="Where the people of A decide together."/>',
    );
    // The footer sub-hero (seeded) says the description.
    expect(home.text).toContain('<p>Where the people of A decide together.</p>');
    const homeFr = await get(a, '/').set('Cookie', 'plaza_locale=fr').expect(200);
    expect(homeFr.text).toContain('Ville de A');
    expect(homeFr.text).toContain('Là où les habitants de A décident ensemble.');

    // The platform's name follows the default language: console, status pages and mails use it.
    expect((await platform.get(TenantRegistry).findById(a.id))?.name).toBe('City of A');
    await eventually(async () => {
      const missing = await get(a, '/no-such-page').expect(404);
      return missing.text.includes('City of A');
    });

    const log = await platform
      .get(TenantDb)
      .runFor(a, (em) => em.findBy(ActionLogEntity, { action: 'organization.profile' }));
    expect(log).toHaveLength(1);
    expect(log[0].details.fields).toEqual(['name', 'description']);
    const logs = await get(a, '/admin/logs', adminA).expect(200);
    expect(logs.text).toContain('changed the organization: Name, Description');

    expect((await organization(b)).name.en).toBe('Ville B');
    expect((await get(b, '/').expect(200)).text).not.toContain('City of A');
  });

  it('writes nothing when nothing changed', async () => {
    await post(a, adminA, {
      'name.en': 'City of A',
      'name.fr': 'Ville de A',
      'description.en': 'Where the people of A decide together.',
      'description.fr': 'Là où les habitants de A décident ensemble.',
    }).expect(303);
    const count = await platform
      .get(TenantDb)
      .runFor(a, (em) => em.countBy(ActionLogEntity, { action: 'organization.profile' }));
    expect(count).toBe(1);
  });

  it("refuses a form without A's CSRF token, and B's admin cannot change A", async () => {
    await request(app.getHttpServer())
      .post('/admin/organization')
      .set('Host', host(a))
      .set('Cookie', adminA.cookie)
      .type('form')
      .send({ 'name.en': 'Hijacked' })
      .expect(403);
    await request(app.getHttpServer())
      .post('/admin/organization')
      .set('Host', host(a))
      .set('Cookie', adminB.cookie)
      .type('form')
      .send({ _csrf: adminB.csrfToken, 'name.en': 'Hijacked' })
      .expect((res) => expect([303, 403]).toContain(res.status));
    expect((await organization(a)).name.en).toBe('City of A');
  });
});
