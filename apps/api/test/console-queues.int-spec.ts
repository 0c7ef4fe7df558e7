import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { ConsoleRole, ConsoleUsersService } from '@plaza/console';
import { testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

describe('Queue dashboard (bull-board) on the console', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const cookies = {} as Record<ConsoleRole, string>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    for (const role of ['owner', 'operator', 'viewer'] as const) {
      const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
      await platform.get(ConsoleUsersService).create({ email, password: PASSWORD, role });
      const res = await http()
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email, password: PASSWORD })
        .expect(200);
      cookies[role] = String(res.headers['set-cookie']).split(';')[0];
    }
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('is for operators and owners of the console host only', async () => {
    await http()
      .get('/queues')
      .set('Host', CONSOLE)
      .expect(303)
      .expect('location', '/login?back=%2Fqueues');
    await http().get('/queues/api/queues').set('Host', CONSOLE).expect(401);
    await http().get('/queues').set('Host', CONSOLE).set('Cookie', cookies.viewer).expect(403);
    const tenant = await platform.createTenant();
    await http().get('/queues').set('Host', `${tenant.slug}.plaza.test`).expect(404);
    for (const role of ['operator', 'owner'] as const) {
      const page = await http()
        .get('/queues')
        .set('Host', CONSOLE)
        .set('Cookie', cookies[role])
        .expect(200);
      expect(page.text).toContain('static/js/');
    }
    const api = await http()
      .get('/queues/api/queues')
      .set('Host', CONSOLE)
      .set('Cookie', cookies.operator)
      .expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'console-maintenance',
      'console-usage',
      'mail',
      'provisioning',
    ]);
  });

  it('refuses writes that do not come from the console itself', async () => {
    await http()
      .put('/queues/api/queues/mail/pause')
      .set('Host', CONSOLE)
      .set('Cookie', cookies.operator)
      .set('Origin', 'https://evil.example')
      .expect(403);
  });
});
