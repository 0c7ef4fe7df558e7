import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { PlatformDb, ProvisioningService, TenantRef, TenantRegistry } from '@plaza/tenancy';
import { eventually, testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Host routing', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  const host = (slug: string) => `${slug}.plaza.test`;
  const get = (target: NestFastifyApplication, hostName: string, path = '/') =>
    request(target.getHttpServer()).get(path).set('Host', hostName);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({
      name: 'Ville A',
      locales: ['fr', 'en'],
      defaultLocale: 'fr',
    });
    b = await platform.createTenant({ name: 'Coop B', locales: ['en'] });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it("serves each tenant's own site on its subdomain", async () => {
    const pageA = await get(app, host(a.slug)).expect(200);
    const pageB = await get(app, `${host(b.slug)}:3000`).expect(200);
    expect(pageA.text).toMatch(/<h1[^>]*>Ville A<\/h1>/);
    expect(pageA.text).toContain('lang="fr"');
    expect(pageA.text).not.toContain('Coop B');
    expect(pageB.text).toMatch(/<h1[^>]*>Coop B<\/h1>/);
    expect(pageB.text).not.toContain('Ville A');
  });

  it('answers an unknown host with a 404 page that names no tenant', async () => {
    const res = await get(app, 'nobody.plaza.test').expect(404);
    expect(res.text).toContain('Site not found');
    await get(app, 'example.com').expect(404);
    await get(app, 'deep.sub.plaza.test').expect(404);
  });

  it('routes the console host to console routes only', async () => {
    const res = await get(app, 'console.plaza.test', '/api/console/v1').expect(200);
    expect(res.body.data.name).toBe('Plaza console API');
    await get(app, host(a.slug), '/api/console/v1').expect(404);
    await get(app, 'console.plaza.test', '/').expect(404);
  });

  it('answers /healthz and /readyz on every host', async () => {
    for (const h of ['console.plaza.test', host(a.slug), 'unknown.example']) {
      await get(app, h, '/healthz').expect(200, { status: 'ok' });
      const ready = await get(app, h, '/readyz').expect(200);
      expect(ready.body).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
    }
  });

  it('serves a verified custom domain and redirects secondary hosts to the primary', async () => {
    const tenant = await platform.createTenant({ name: 'Domains City' });
    const db = platform.get(PlatformDb);
    await db.query(
      `insert into platform.tenant_domains (tenant_id, domain, is_primary, verification_token, verified_at)
       values ($1, 'participa.example.org', true, 'tok1', now()),
              ($1, 'old.example.org', false, 'tok2', now()),
              ($1, 'unverified.example.org', false, 'tok3', null)`,
      [tenant.id],
    );
    await platform.get(TenantRegistry).setStatus(tenant.id, 'active');
    await eventually(async () => (await get(app, 'participa.example.org')).status === 200);
    const page = await get(app, 'participa.example.org').expect(200);
    expect(page.text).toContain('Domains City');
    const secondary = await get(app, 'old.example.org', '/processes?x=1').expect(301);
    expect(secondary.headers.location).toBe('http://participa.example.org/processes?x=1');
    const slugHost = await get(app, host(tenant.slug)).expect(301);
    expect(slugHost.headers.location).toBe('http://participa.example.org/');
    await get(app, 'unverified.example.org').expect(404);
  });

  it('answers 503 for a suspended tenant and 410 for a deleted one, reading no tenant data', async () => {
    const suspended = await platform.createTenant({ name: 'Suspended Town' });
    await platform.get(TenantRegistry).setStatus(suspended.id, 'suspended');
    const page = await eventually(async () => {
      const res = await get(app, host(suspended.slug));
      return res.status === 503 ? res : undefined;
    });
    expect(page.text).toContain('temporarily unavailable');
    expect(page.headers['retry-after']).toBeDefined();
    const api = await get(app, host(suspended.slug), '/api/v1/anything').expect(503);
    expect(api.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });

    const deleted = await platform.createTenant({ name: 'Gone Village' });
    await platform.get(ProvisioningService).deprovision(deleted.id);
    const gone = await eventually(async () => {
      const res = await get(app, host(deleted.slug));
      return res.status === 410 ? res : undefined;
    });
    expect(gone.text).toContain('closed');
  });

  it('answers in the visitor language among the tenant locales', async () => {
    const res = await get(app, host(a.slug), '/nothing-here')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .expect(404);
    expect(res.text).toContain('lang="en"');
    const fr = await get(app, host(a.slug), '/nothing-here')
      .set('Accept-Language', 'de')
      .expect(404);
    expect(fr.text).toContain('Page introuvable');
  });

  it('sends a strict Content-Security-Policy with a nonce and no unsafe-inline', async () => {
    const res = await get(app, host(a.slug)).expect(200);
    const csp = res.headers['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).toContain(`nonce="${nonce}"`);
  });

  it('invalidates cached hosts across app instances through Redis', async () => {
    const other = await createApiApp(platform.config, testLogger());
    try {
      const tenant = await platform.createTenant({ name: 'Cached City' });
      await get(other, host(tenant.slug)).expect(200); // now cached in `other`
      await get(app, host(tenant.slug)).expect(200);
      await platform.get(TenantRegistry).setStatus(tenant.id, 'suspended');
      await eventually(async () => (await get(other, host(tenant.slug))).status === 503);
      await eventually(async () => (await get(app, host(tenant.slug))).status === 503);
      await platform.get(TenantRegistry).setStatus(tenant.id, 'active');
      await eventually(async () => (await get(other, host(tenant.slug))).status === 200);
    } finally {
      await other.close();
    }
  });

  it('shows a provisioning tenant as being prepared', async () => {
    const row = await platform
      .get(TenantRegistry)
      .create({ slug: uniqueSlug(), name: 'Brand New' });
    const res = await eventually(async () => {
      const r = await get(app, host(row.slug));
      return r.status === 503 ? r : undefined;
    });
    expect(res.text).toContain('being set up');
  });
});
