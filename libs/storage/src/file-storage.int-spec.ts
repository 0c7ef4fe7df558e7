import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { TenantContext, TenantRef, toTenantRef } from '@plaza/tenancy';
import { startS3Server, TestS3Server } from '@plaza/testing';

import { FileNotFoundError, FileStorage, StoredObject } from './file-storage';
import { FileUrlSigner } from './file-url-signer';
import { LocalFileStorage } from './local-file-storage';
import { createS3Client, S3FileStorage } from './s3-file-storage';
import {
  ForeignTenantKeyError,
  pathInTenant,
  TenantKey,
  tenantKey,
  TenantPrefix,
  tenantPrefix,
} from './storage-key';

function fakeTenant(id: string): TenantRef {
  return toTenantRef({
    id,
    slug: `slug-${id}`,
    name: `Tenant ${id}`,
    status: 'active',
    schemaName: `t_${id}`,
    roleName: `plazatest_t_${id}`,
    defaultLocale: 'en',
    locales: ['en'],
    planCode: null,
  });
}

// The second id extends the first: only the `/` after the id keeps their files apart.
const a = fakeTenant('abcd1234');
const b = fakeTenant('abcd12345');
const as = <T>(tenant: TenantRef, fn: () => Promise<T>): Promise<T> =>
  TenantContext.run(tenant, fn);

async function all(iterable: AsyncIterable<StoredObject>): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

interface Harness {
  sut: FileStorage;
  /** Fetches a signed URL over HTTP (S3) or checks it as the local files route does. */
  fetchSigned(url: string, tenant: TenantRef): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const SECRET = 'file-storage-spec-secret-0123456789abcdef';

async function localHarness(): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'plaza-files-'));
  const sut = new LocalFileStorage(root, new FileUrlSigner(SECRET));
  return {
    sut,
    // Served over HTTP by LocalFilesController; apps/api/test/files.int-spec.ts covers that.
    fetchSigned: async (url, tenant) =>
      as(tenant, async () => {
        const parsed = new URL(url, 'http://tenant.example');
        const key = tenantKey(
          ...parsed.pathname.slice('/files/'.length).split('/').map(decodeURIComponent),
        );
        const check = sut.signer.verify(key, Object.fromEntries(parsed.searchParams));
        if (!check.valid) return { status: 403, body: check.reason };
        return { status: 200, body: await text((await sut.get(key)).body) };
      }),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

async function s3Harness(): Promise<Harness> {
  const server: TestS3Server = await startS3Server();
  const sut = new S3FileStorage(createS3Client(server.settings), server.settings.bucket);
  return {
    sut,
    fetchSigned: async (url) => {
      const res = await fetch(url);
      return { status: res.status, body: await res.text() };
    },
    close: async () => {
      sut.onApplicationShutdown();
      await server.close();
    },
  };
}

describe.each([
  ['local', localHarness],
  ['s3', s3Harness],
])('%s file storage', (_name, makeHarness) => {
  let h: Harness;
  let sut: FileStorage;

  beforeAll(async () => {
    h = await makeHarness();
    sut = h.sut;
  });
  afterAll(() => h.close());

  it('writes a buffer and reads it back with its content type and size', async () => {
    await as(a, async () => {
      const key = tenantKey('docs', 'hello.txt');
      await sut.put(key, Buffer.from('Bonjour Lille'), {
        contentType: 'text/plain; charset=utf-8',
      });
      const file = await sut.get(key);
      expect(file.contentType).toBe('text/plain; charset=utf-8');
      expect(file.size).toBe(13);
      expect(await text(file.body)).toBe('Bonjour Lille');
    });
  });

  it('writes a stream of unknown length', async () => {
    await as(a, async () => {
      const key = tenantKey('docs', 'stream.csv');
      const chunks = ['id;title\n', '1;Parc\n', '2;Piste cyclable\n'];
      await sut.put(key, Readable.from(chunks.map((c) => Buffer.from(c))), {
        contentType: 'text/csv',
      });
      expect(await text((await sut.get(key)).body)).toBe(chunks.join(''));
    });
  });

  it('writes a stream larger than one upload part (multipart on S3)', async () => {
    await as(a, async () => {
      const key = tenantKey('docs', 'large.bin');
      const chunk = Buffer.alloc(1024 * 1024, 7);
      const chunks = Array.from({ length: 9 }, () => chunk);
      await sut.put(key, Readable.from(chunks), { contentType: 'application/octet-stream' });
      const file = await sut.get(key);
      expect(file.size).toBe(9 * 1024 * 1024);
      let total = 0;
      for await (const part of file.body) total += (part as Buffer).length;
      expect(total).toBe(9 * 1024 * 1024);
      await sut.delete(key);
    });
  });

  it('replaces a file written twice', async () => {
    await as(a, async () => {
      const key = tenantKey('docs', 'twice.txt');
      await sut.put(key, Buffer.from('first'), { contentType: 'text/plain' });
      await sut.put(key, Buffer.from('second'), { contentType: 'text/markdown' });
      const file = await sut.get(key);
      expect(await text(file.body)).toBe('second');
      expect(file.contentType).toBe('text/markdown');
    });
  });

  it('says a missing file is not found, and deleting it is no error', async () => {
    await as(a, async () => {
      const key = tenantKey('docs', 'missing.txt');
      await expect(sut.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(sut.delete(key)).resolves.toBeUndefined();
    });
  });

  it('deletes one file', async () => {
    await as(a, async () => {
      const key = tenantKey('trash', 'gone.txt');
      await sut.put(key, Buffer.from('x'), { contentType: 'text/plain' });
      await sut.delete(key);
      await expect(sut.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
    });
  });

  it('lists a prefix in key order, sizes included, and nothing of the folder next door', async () => {
    const listed = await as(a, async () => {
      for (const name of ['b.txt', 'a.txt', 'sub/c.txt']) {
        await sut.put(tenantKey('listing', name), Buffer.from(name), { contentType: 'text/plain' });
      }
      await sut.put(tenantKey('listing-other', 'x.txt'), Buffer.from('x'), {
        contentType: 'text/plain',
      });
      return all(sut.list(tenantPrefix('listing')));
    });
    expect(listed.map((o) => pathInTenant(o.key))).toEqual([
      'listing/a.txt',
      'listing/b.txt',
      'listing/sub/c.txt',
    ]);
    expect(listed.map((o) => o.size)).toEqual([5, 5, 9]);
    expect(listed.every((o) => o.lastModified.getTime() > 0)).toBe(true);
    expect(await as(a, () => all(sut.list(tenantPrefix('nothing-here'))))).toEqual([]);
  });

  it('deletes a prefix and only that prefix', async () => {
    await as(a, async () => {
      for (const name of ['1.txt', '2.txt', 'deep/3.txt']) {
        await sut.put(tenantKey('purge-me', name), Buffer.from(name), {
          contentType: 'text/plain',
        });
      }
      await sut.put(tenantKey('keep-me', 'k.txt'), Buffer.from('k'), { contentType: 'text/plain' });
      expect(await sut.deletePrefix(tenantPrefix('purge-me'))).toBe(3);
      expect(await all(sut.list(tenantPrefix('purge-me')))).toEqual([]);
      expect(await text((await sut.get(tenantKey('keep-me', 'k.txt'))).body)).toBe('k');
      expect(await sut.deletePrefix(tenantPrefix('purge-me'))).toBe(0);
    });
  });

  it('serves a private file through a signed URL, as a download when asked', async () => {
    const url = await as(a, async () => {
      const key = tenantKey('private', 'minutes.txt');
      await sut.put(key, Buffer.from('minutes of the meeting'), { contentType: 'text/plain' });
      return sut.signedUrl(key, { expiresInSeconds: 300 });
    });
    expect(await h.fetchSigned(url, a)).toEqual({ status: 200, body: 'minutes of the meeting' });
    if (sut.driver === 's3') {
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
      const download = await as(a, () =>
        sut.signedUrl(tenantKey('private', 'minutes.txt'), { downloadName: 'Compte rendu.txt' }),
      );
      const res = await fetch(download);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Compte rendu.txt"; filename*=UTF-8''Compte%20rendu.txt`,
      );
    }
    await expect(
      as(a, () => sut.signedUrl(tenantKey('private', 'x'), { expiresInSeconds: 8 * 24 * 3600 })),
    ).rejects.toThrow(RangeError);
  });

  describe('two tenants', () => {
    beforeAll(async () => {
      await as(a, () =>
        sut.put(tenantKey('shared', 'report.txt'), Buffer.from('A report'), {
          contentType: 'text/plain',
        }),
      );
      await as(b, () =>
        sut.put(tenantKey('shared', 'report.txt'), Buffer.from('B report'), {
          contentType: 'text/plain',
        }),
      );
    });

    it('prefixes every key with the tenant in context', async () => {
      expect(await as(a, async () => tenantKey('shared', 'report.txt'))).toBe(
        'abcd1234/shared/report.txt',
      );
      expect(() => tenantKey('x')).toThrow(/No tenant in context/);
    });

    it('gives each tenant its own file under the same path', async () => {
      expect(
        await as(a, async () => text((await sut.get(tenantKey('shared', 'report.txt'))).body)),
      ).toBe('A report');
      expect(
        await as(b, async () => text((await sut.get(tenantKey('shared', 'report.txt'))).body)),
      ).toBe('B report');
    });

    it("never lists B's files in A's listing, though B's id starts with A's", async () => {
      const listedByA = await as(a, () => all(sut.list(tenantPrefix())));
      expect(listedByA.length).toBeGreaterThan(0);
      expect(listedByA.every((o) => o.key.startsWith('abcd1234/'))).toBe(true);
      const listedByB = await as(b, () => all(sut.list(tenantPrefix())));
      expect(listedByB.map((o) => o.key)).toEqual(['abcd12345/shared/report.txt']);
    });

    it("refuses, in B's context, every operation on a key or prefix made for A", async () => {
      const keyOfA = await as(a, async () => tenantKey('shared', 'report.txt'));
      const prefixOfA = await as(a, async () => tenantPrefix());
      await as(b, async () => {
        await expect(sut.get(keyOfA)).rejects.toBeInstanceOf(ForeignTenantKeyError);
        await expect(
          sut.put(keyOfA, Buffer.from('overwritten by B'), { contentType: 'text/plain' }),
        ).rejects.toBeInstanceOf(ForeignTenantKeyError);
        await expect(sut.delete(keyOfA)).rejects.toBeInstanceOf(ForeignTenantKeyError);
        await expect(sut.signedUrl(keyOfA)).rejects.toBeInstanceOf(ForeignTenantKeyError);
        await expect(sut.deletePrefix(prefixOfA)).rejects.toBeInstanceOf(ForeignTenantKeyError);
        await expect(all(sut.list(prefixOfA))).rejects.toBeInstanceOf(ForeignTenantKeyError);
        // A cast string is checked too, even when it only climbs out with "..".
        const climbing = 'abcd12345/../abcd1234/shared/report.txt' as TenantKey;
        await expect(sut.get(climbing)).rejects.toThrow();
      });
      expect(await as(a, async () => text((await sut.get(keyOfA)).body))).toBe('A report');
    });

    it("refuses A's signed URL on B's host", async () => {
      const url = await as(a, () => sut.signedUrl(tenantKey('shared', 'report.txt')));
      if (sut.driver === 'local') {
        expect(await h.fetchSigned(url, b)).toEqual({ status: 403, body: 'invalid' });
      } else {
        // S3 URLs name the whole key (and the bucket); they never depend on the host asking.
        expect(new URL(url).pathname).toBe('/plaza-test/abcd1234/shared/report.txt');
      }
    });

    it('purges one tenant and leaves the other whole', async () => {
      const purgedB = await as(b, () => sut.deletePrefix(tenantPrefix()));
      expect(purgedB).toBe(1);
      expect(await as(b, () => all(sut.list(tenantPrefix())))).toEqual([]);
      expect(
        await as(a, async () => text((await sut.get(tenantKey('shared', 'report.txt'))).body)),
      ).toBe('A report');
    });
  });

  it('refuses everything outside a tenant scope', async () => {
    await expect(sut.get('abcd1234/shared/report.txt' as TenantKey)).rejects.toThrow(
      /No tenant in context/,
    );
    await expect(sut.deletePrefix('abcd1234/' as TenantPrefix)).rejects.toThrow(
      /No tenant in context/,
    );
  });
});

describe('local file storage layout', () => {
  it('keeps bytes under <root>/<tenantId>/ and nothing half-written in view', async () => {
    const root = await mkdtemp(join(tmpdir(), 'plaza-files-'));
    try {
      const sut = new LocalFileStorage(root, new FileUrlSigner(SECRET));
      await as(a, () =>
        sut.put(tenantKey('x', 'y.txt'), Buffer.from('y'), { contentType: 'text/plain' }),
      );
      expect((await readdir(root)).sort()).toEqual(['.meta', '.tmp', 'abcd1234']);
      expect(await readdir(join(root, '.tmp'))).toEqual([]);
      expect(await readdir(join(root, 'abcd1234', 'x'))).toEqual(['y.txt']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
