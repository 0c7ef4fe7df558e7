import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { FILE_STORAGE, FileStorage, FileUrlSigner, tenantKey } from '@plaza/storage';
import { TenantContext, TenantRef } from '@plaza/tenancy';
import { testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Signed URLs of the local storage driver, over HTTP', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let storageDir: string;
  let storage: FileStorage;
  let a: TenantRef;
  let b: TenantRef;
  const host = (tenant: TenantRef) => `${tenant.slug}.plaza.test`;
  const get = (hostName: string, path: string) =>
    request(app.getHttpServer()).get(path).set('Host', hostName);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-api-files-'));
    platform = await TestPlatform.start({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    app = await createApiApp(platform.config, testLogger());
    storage = app.get<FileStorage>(FILE_STORAGE);
    a = await platform.createTenant({ name: 'Files A' });
    b = await platform.createTenant({ name: 'Files B' });
    await TenantContext.run(a, () =>
      storage.put(tenantKey('files', 'minutes.txt'), Buffer.from('Minutes of A'), {
        contentType: 'text/plain; charset=utf-8',
      }),
    );
    await TenantContext.run(b, () =>
      storage.put(tenantKey('files', 'minutes.txt'), Buffer.from('Minutes of B'), {
        contentType: 'text/plain; charset=utf-8',
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await platform.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const signFor = (tenant: TenantRef, downloadName?: string) =>
    TenantContext.run(tenant, () =>
      storage.signedUrl(tenantKey('files', 'minutes.txt'), {
        expiresInSeconds: 600,
        downloadName,
      }),
    );

  it("serves the file on its tenant's host with its type and a private cache lifetime", async () => {
    const url = await signFor(a);
    const res = await get(host(a), url).expect(200);
    expect(res.text).toBe('Minutes of A');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('sends a download under the signed name', async () => {
    const url = await signFor(a, 'Compte rendu – A.txt');
    const res = await get(host(a), url).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Compte rendu _ A.txt"; filename*=UTF-8''Compte%20rendu%20%E2%80%93%20A.txt`,
    );
  });

  it("refuses A's URL on B's host, though B has a file at the same path", async () => {
    const url = await signFor(a);
    const res = await get(host(b), url).set('Accept', 'application/json').expect(403);
    expect(res.body).toMatchObject({
      statusCode: 403,
      message: 'This link to a file is not valid.',
    });
    expect(res.text).not.toContain('Minutes of');
    expect((await get(host(b), await signFor(b)).expect(200)).text).toBe('Minutes of B');
  });

  it('refuses a tampered, unsigned or expired link with a sentence', async () => {
    const url = await signFor(a);
    await get(host(a), url.replace(/signature=[\w-]{4}/, 'signature=AAAA')).expect(403);
    await get(host(a), url.replace(/\?.*$/, '')).expect(403);
    await get(host(a), `${url}&download=page.html`).expect(403);
    const lastHour = new FileUrlSigner(
      platform.config.storage.fileUrlSecret as string,
      () => Date.now() - 3_600_000,
    );
    const expired = TenantContext.run(a, () =>
      lastHour.sign(tenantKey('files', 'minutes.txt'), 60),
    );
    const res = await get(host(a), expired).expect(403);
    expect(res.text).toContain('This link to a file has expired.');
  });

  it('answers 404 for a deleted file, a path that climbs out, the console and unknown hosts', async () => {
    const url = await TenantContext.run(a, async () => {
      const key = tenantKey('files', 'deleted.txt');
      await storage.put(key, Buffer.from('soon gone'), { contentType: 'text/plain' });
      const signed = await storage.signedUrl(key);
      await storage.delete(key);
      return signed;
    });
    await get(host(a), url).expect(404);
    await get(host(a), '/files/..%2F..%2Fetc%2Fpasswd?expires=1&signature=x').expect(404);
    await get('console.plaza.test', await signFor(a)).expect(404);
    await get('nobody.plaza.test', await signFor(a)).expect(404);
  });
});
