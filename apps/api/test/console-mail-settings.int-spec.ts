import { randomBytes } from 'node:crypto';

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ApiTokensService, ConsoleRole, ConsoleUsersService } from '@plaza/console';
import { MailQueue } from '@plaza/mail';
import { PlatformDb } from '@plaza/tenancy';
import { eventually, testLogger, TestPlatform, TestSmtp } from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';

describe("Console API: a tenant's own SMTP server", () => {
  let platformSmtp: TestSmtp;
  let tenantSmtp: TestSmtp;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  const bearer = {} as Record<ConsoleRole, string>;
  const call = (role: ConsoleRole, method: 'get' | 'put' | 'delete', path: string) =>
    request(app.getHttpServer())
      [method](path)
      .set('Host', CONSOLE)
      .set('Authorization', `Bearer ${bearer[role]}`);

  beforeAll(async () => {
    platformSmtp = await TestSmtp.start();
    tenantSmtp = await TestSmtp.start({ users: { 'mailer@ville.example': 'p@ss:word/1' } });
    platform = await TestPlatform.start({
      SMTP_URL: platformSmtp.url,
      MAIL_FROM: 'Plaza <no-reply@plaza.test>',
    });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
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
    await worker?.close();
    await app?.close();
    await platform?.close();
    await platformSmtp?.close();
    await tenantSmtp?.close();
  });

  it('stores the password sealed, never shows it, and sends the tenant’s mail through its server', async () => {
    const tenant = await platform.createTenant();
    const other = await platform.createTenant();
    const path = `/api/console/v1/tenants/${tenant.id}/mail-settings`;
    expect((await call('viewer', 'get', path).expect(200)).body).toEqual({ data: null });
    const settings = {
      host: '127.0.0.1',
      port: tenantSmtp.port,
      secure: false,
      username: 'mailer@ville.example',
      password: 'p@ss:word/1',
      senderName: 'Ville de Test',
      senderAddress: 'participation@ville.example',
    };
    await call('viewer', 'put', path).send(settings).expect(403);
    const saved = await call('operator', 'put', path).send(settings).expect(200);
    const { password: _password, ...shown } = settings;
    expect(saved.body.data).toEqual({ ...shown, passwordSet: true });
    expect(JSON.stringify((await call('viewer', 'get', path).expect(200)).body)).not.toContain(
      'p@ss',
    );
    const [row] = await platform
      .get(PlatformDb)
      .query<{ password_sealed: string }>(
        'select password_sealed from platform.tenant_mail_settings where tenant_id = $1',
        [tenant.id],
      );
    expect(row.password_sealed).toMatch(/^v1\./);
    expect(row.password_sealed).not.toContain('p@ss');
    const audit = await call('viewer', 'get', `/api/console/v1/audit-events?tenantId=${tenant.id}`);
    expect(JSON.stringify(audit.body)).not.toContain('p@ss');

    // Changing other fields without a password keeps the stored one.
    await call('operator', 'put', path)
      .send({ ...settings, password: undefined, senderName: 'Mairie' })
      .expect(200);

    const queue = worker.get(MailQueue);
    await queue.enqueue({
      tenantId: tenant.id,
      message: { to: 'resident@example.org', subject: 'Hello', text: 'Hi' },
    });
    await queue.enqueue({
      tenantId: other.id,
      message: { to: 'neighbour@example.org', subject: 'Hello', text: 'Hi' },
    });
    const mail = await eventually(async () => tenantSmtp.to('resident@example.org')[0]);
    expect(mail).toMatchObject({
      user: 'mailer@ville.example',
      from: 'participation@ville.example',
      fromHeader: '"Mairie" <participation@ville.example>',
    });
    await eventually(async () => platformSmtp.to('neighbour@example.org').length === 1);
    expect(platformSmtp.to('resident@example.org')).toHaveLength(0);

    await call('operator', 'delete', path).expect(204);
    expect((await call('viewer', 'get', path).expect(200)).body).toEqual({ data: null });
  });

  it('is edited from the organization page without ever showing the password', async () => {
    const tenant = await platform.createTenant({ name: 'Formville' });
    const page = (method: 'get' | 'post', path: string) =>
      request(app.getHttpServer())
        [method](path)
        .set('Host', CONSOLE)
        .set('Authorization', `Bearer ${bearer.operator}`)
        .type('form');
    const before = await page('get', `/tenants/${tenant.id}`).expect(200);
    expect(before.text).toContain('sends through the platform’s mail server');
    const bad = await page('post', `/tenants/${tenant.id}/mail-settings`)
      .send({ host: 'smtp.example.org', port: 'x', senderName: 'F', senderAddress: 'nope' })
      .expect(422);
    expect(bad.text).toContain('role="alert"');
    expect(bad.text).toContain('href="#field-senderAddress"');
    await page('post', `/tenants/${tenant.id}/mail-settings`)
      .send({
        host: 'smtp.example.org',
        port: '587',
        username: 'u@example.org',
        password: 'very-secret-pass',
        senderName: 'Formville',
        senderAddress: 'hello@formville.example',
      })
      .expect(303);
    const after = await page('get', `/tenants/${tenant.id}`).expect(200);
    expect(after.text).toContain('A password is stored; leave empty to keep it.');
    expect(after.text).not.toContain('very-secret-pass');
    await page('post', `/tenants/${tenant.id}/mail-settings`).send({ reset: '1' }).expect(303);
    const reset = await call('viewer', 'get', `/api/console/v1/tenants/${tenant.id}/mail-settings`);
    expect(reset.body).toEqual({ data: null });
  });

  it('refuses malformed settings with field errors', async () => {
    const tenant = await platform.createTenant();
    const res = await call('operator', 'put', `/api/console/v1/tenants/${tenant.id}/mail-settings`)
      .send({ host: 'not a host', port: 70000, senderName: '', senderAddress: 'nope' })
      .expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual([
      'host',
      'port',
      'senderAddress',
      'senderName',
    ]);
  });
});
