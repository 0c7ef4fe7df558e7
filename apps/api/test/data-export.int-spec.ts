import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';

import { hashPassword } from '@plaza/core';
import { TenantRef } from '@plaza/tenancy';
import {
  createUser,
  csrfTokenIn,
  eventually,
  linkIn,
  TestBrowser,
  testLogger,
  TestPlatform,
  TestSmtp,
} from '@plaza/testing';

import { WorkerModule } from '../../worker/src/worker.module';
import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';

describe('Download my data (job, storage, mail, protected link)', () => {
  let smtp: TestSmtp;
  let storageDir: string;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-data-export-'));
    platform = await TestPlatform.start({
      SMTP_URL: smtp.url,
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    });
    app = await createApiApp(platform.config, testLogger());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    tenant = await platform.createTenant({ name: 'Alpha' });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await platform?.close();
    await smtp?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const browser = () => new TestBrowser(app.getHttpServer(), `${tenant.slug}.plaza.test`);
  const signedIn = async (email: string) => {
    const visitor = browser();
    const res = await visitor.submit('/users/sign_in', '/users/sign_in', {
      email,
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    return visitor;
  };

  it('builds an archive of the account, mails a link that only its signed-in owner can open', async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const user = await createUser(platform.ctx, tenant, {
      email: 'ada@example.org',
      name: 'Ada "=1+1" Lovelace',
      nickname: 'ada',
      passwordHash,
    });
    const other = await createUser(platform.ctx, tenant, { passwordHash });
    const visitor = await signedIn(user.email);
    const page = await visitor.get('/account');
    const res = await visitor.post('/account/data_export', { _csrf: csrfTokenIn(page.text) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('We are preparing your archive');

    const [mail] = await eventually(
      async () => smtp.to('ada@example.org').length > 0 && smtp.to('ada@example.org'),
    );
    expect(mail.subject).toBe('Your data from Alpha is ready');
    const link = linkIn(mail.text, '/account/data_export/');

    // Someone else, signed in or not, gets nothing.
    expect((await browser().get(link)).status).toBe(303);
    expect((await browser().get(link)).headers.location).toContain('/users/sign_in');
    const stranger = await signedIn(other.email);
    expect((await stranger.get(link)).status).toBe(404);

    const redirect = await visitor.get(link);
    expect(redirect.status).toBe(303);
    const download = await request(app.getHttpServer())
      .get(redirect.headers.location)
      .set('Host', visitor.host)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(download.body as Buffer));
    expect(Object.keys(files).sort()).toEqual([
      'account.csv',
      'api_tokens.csv',
      'personal-data.json',
      'verifications.csv',
    ]);
    const json = JSON.parse(strFromU8(files['personal-data.json'])) as {
      organization: string;
      account: Record<string, unknown>[];
    };
    expect(json.organization).toBe('Alpha');
    expect(json.account[0]).toMatchObject({
      id: user.id,
      email: 'ada@example.org',
      nickname: 'ada',
      name: 'Ada "=1+1" Lovelace',
    });
    const raw = strFromU8(files['personal-data.json']) + strFromU8(files['account.csv']);
    expect(raw).not.toContain('argon2');
    const csv = strFromU8(files['account.csv']);
    expect(csv.split('\r\n')[0]).toContain('"email"');
    expect(csv).toContain('"Ada ""=1+1"" Lovelace"');

    // Deleting the account deletes its archives too.
    const account = await visitor.get('/account');
    await visitor.post('/account/delete', { _csrf: csrfTokenIn(account.text), confirm: '1' });
    const gone = await request(app.getHttpServer())
      .get(redirect.headers.location)
      .set('Host', visitor.host);
    expect(gone.status).toBe(404);
  });
});
