import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ApiTokensService, ConsoleRole, ConsoleUsersService, PlansService } from '@plaza/console';
import { eventually, TestDns, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';

describe('Console API: custom domains (DNS TXT verification)', () => {
  let dns: TestDns;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const bearer = {} as Record<ConsoleRole, string>;
  const http = () => request(app.getHttpServer());
  const call = (role: ConsoleRole, method: 'get' | 'post' | 'delete', path: string) =>
    http()[method](path).set('Host', CONSOLE).set('Authorization', `Bearer ${bearer[role]}`);

  beforeAll(async () => {
    dns = await TestDns.start();
    platform = await TestPlatform.start({ DNS_RESOLVER: dns.address });
    app = await createApiApp(platform.config, testLogger());
    for (const role of ['operator', 'viewer'] as const) {
      const user = await platform.get(ConsoleUsersService).create({
        email: `${role}-${randomBytes(4).toString('hex')}@plaza.example`,
        password: 'correct horse battery staple',
        role,
      });
      bearer[role] = (await app.get(ApiTokensService).issue(user.id, 'test', null)).secret;
    }
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await dns?.stop();
  });

  it('adds a domain, verifies it by TXT record, makes it primary; other hosts redirect', async () => {
    const tenant = await platform.createTenant({ name: 'Ville' });
    const domain = `participa-${randomBytes(3).toString('hex')}.example.org`;
    const base = `/api/console/v1/tenants/${tenant.id}/domains`;

    await call('viewer', 'post', base).send({ domain }).expect(403);
    const added = await call('operator', 'post', base)
      .send({ domain: ` ${domain.toUpperCase()} ` })
      .expect(201);
    const token = added.body.data.verification.value as string;
    expect(added.body.data).toEqual({
      domain,
      primary: false,
      verified: false,
      verifiedAt: null,
      verification: { type: 'TXT', name: `_plaza-verify.${domain}`, value: token },
    });
    await call('operator', 'post', base).send({ domain }).expect(409);
    // Not verified yet: the domain serves nothing.
    await http().get('/').set('Host', domain).expect(404);
    await call('operator', 'post', `${base}/${domain}/primary`).expect(409);

    const missing = await call('operator', 'post', `${base}/${domain}/verify`).expect(422);
    expect(missing.body.message).toContain(`No TXT record at _plaza-verify.${domain}`);
    dns.setTxt(`_plaza-verify.${domain}`, ['someone-else']);
    await call('operator', 'post', `${base}/${domain}/verify`).expect(422);
    dns.setTxt(`_plaza-verify.${domain}`, ['v=other', token]);
    await call('viewer', 'post', `${base}/${domain}/verify`).expect(403);
    const verified = await call('operator', 'post', `${base}/${domain}/verify`).expect(200);
    expect(verified.body.data.verified).toBe(true);
    // Host resolution is cached per process and cleared by a Redis message: allow it to arrive.
    const status = (host: string, path = '/') => http().get(path).set('Host', host);
    await eventually(async () => (await status(domain)).status === 200);

    await call('operator', 'post', `${base}/${domain}/primary`).expect(200);
    const redirected = await eventually(async () => {
      const res = await status(`${tenant.slug}.plaza.test`, '/x?y=1');
      return res.status === 301 ? res : null;
    });
    expect(redirected.headers.location).toBe(`http://${domain}/x?y=1`);
    const detail = await call('viewer', 'get', `/api/console/v1/tenants/${tenant.id}`).expect(200);
    expect(detail.body.data.domains).toEqual([
      { domain: `${tenant.slug}.plaza.test`, primary: false, verified: true },
      { domain, primary: true, verified: true },
    ]);
    expect(detail.body.data.url).toBe(`http://${domain}/`);

    await call('operator', 'delete', `${base}/primary`).expect(204);
    await eventually(async () => (await status(`${tenant.slug}.plaza.test`)).status === 200);
    await call('operator', 'delete', `${base}/${domain}`).expect(204);
    await eventually(async () => (await status(domain)).status === 404);
    const audit = await call(
      'viewer',
      'get',
      `/api/console/v1/audit-events?tenantId=${tenant.id}`,
    ).expect(200);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
      'domain.remove',
      'domain.primary',
      'domain.primary',
      'domain.verify',
      'domain.add',
    ]);
  });

  it('manages domains from the organization page', async () => {
    const tenant = await platform.createTenant();
    const domain = `www-${randomBytes(3).toString('hex')}.example.net`;
    const page = (method: 'get' | 'post', path: string) =>
      http()
        [method](path)
        .set('Host', CONSOLE)
        .set('Authorization', `Bearer ${bearer.operator}`)
        .type('form');
    await page('post', `/tenants/${tenant.id}/domains`).send({ domain }).expect(303);
    const detail = await page('get', `/tenants/${tenant.id}`).expect(200);
    const token = new RegExp(
      `_plaza-verify\\.${domain.replace(/\./g, '\\.')} TXT ([0-9a-f]+)`,
    ).exec(detail.text)?.[1];
    expect(token).toBeDefined();
    const refused = await page('post', `/tenants/${tenant.id}/domains/${domain}/verify`).expect(
      422,
    );
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toContain(`No TXT record at _plaza-verify.${domain}`);
    dns.setTxt(`_plaza-verify.${domain}`, [token as string]);
    await page('post', `/tenants/${tenant.id}/domains/${domain}/verify`).expect(303);
    const verified = await page('get', `/tenants/${tenant.id}`).expect(200);
    expect(verified.text).toContain(`Make ${domain} the primary address`);
    await page('post', `/tenants/${tenant.id}/domains/${domain}/primary`).expect(303);
    await page('post', `/tenants/${tenant.id}/domains/-/platform`).expect(303);
    await page('post', `/tenants/${tenant.id}/domains/${domain}/remove`).expect(303);
    const bad = await page('post', `/tenants/${tenant.id}/domains`)
      .send({ domain: 'nodot' })
      .expect(400);
    expect(bad.text).toContain('Enter a domain name such as participa.example.org');
  });

  it('refuses platform domains, malformed names, and plans without custom domains', async () => {
    const tenant = await platform.createTenant();
    const base = `/api/console/v1/tenants/${tenant.id}/domains`;
    for (const domain of [
      'other.plaza.test',
      'console.plaza.test',
      'https://x.example.org/',
      'nodot',
    ]) {
      const res = await call('operator', 'post', base).send({ domain }).expect(400);
      expect(res.body.fields.domain).toHaveLength(1);
    }
    const code = `small-${randomBytes(3).toString('hex')}`;
    await platform
      .get(PlansService)
      .create({ code, name: 'Small', monthlyPriceCents: 0, limits: {}, features: {} });
    const small = await platform.createTenant({ planCode: code });
    const refused = await call('operator', 'post', `/api/console/v1/tenants/${small.id}/domains`)
      .send({ domain: 'www.small.example.org' })
      .expect(403);
    expect(refused.body.message).toBe(
      'The Small plan does not include custom domains. Ask your provider for a plan that does.',
    );
    await call('operator', 'post', `/api/console/v1/tenants/nope0000/domains`)
      .send({ domain: 'a.example.org' })
      .expect(404);
  });
});
