import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Signed-in state on tenant sites (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it("shows the signed-in person in the header, and refuses A's session on B", async () => {
    const user = await createUser(platform.ctx, a, { name: 'Ada Lovelace' });
    const session = await signInAs(app, a, user.id);
    const onA = await request(app.getHttpServer())
      .get('/')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', session.cookie)
      .expect(200);
    expect(onA.text).toContain('Signed in as Ada Lovelace');
    expect(onA.text).toContain(`name="_csrf" value="${session.csrfToken}"`);
    const onB = await request(app.getHttpServer())
      .get('/')
      .set('Host', `${b.slug}.plaza.test`)
      .set('Cookie', session.cookie)
      .expect(200);
    expect(onB.text).not.toContain('Ada Lovelace');
    expect(onB.text).toContain('Sign in');
  });

  it('switches language with a cookie and returns to a same-site page only', async () => {
    const host = `${a.slug}.plaza.test`;
    const res = await request(app.getHttpServer())
      .get('/locale/fr?back=%2F%3Fx%3D1')
      .set('Host', host)
      .expect(303);
    expect(res.headers.location).toBe('/?x=1');
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await request(app.getHttpServer())
      .get('/')
      .set('Host', host)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('lang="fr"');
    const evil = await request(app.getHttpServer())
      .get('/locale/fr?back=%2F%2Fevil.example')
      .set('Host', host)
      .expect(303);
    expect(evil.headers.location).toBe('/');
    await request(app.getHttpServer()).get('/locale/de').set('Host', host).expect(404);
  });
});
