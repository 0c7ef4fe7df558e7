import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';

import { HttpException } from '@nestjs/common';

import sharp from 'sharp';

import { PlanPolicy, TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { startS3Server, TestPlatform, TestS3Server } from '@plaza/testing';

import { FileNotFoundError, FileStorage, StoredObject } from './file-storage';
import { FILE_TYPES } from './file-type-sniffer';
import { FileUrlSigner } from './file-url-signer';
import { LocalFileStorage } from './local-file-storage';
import { createS3Client, S3FileStorage } from './s3-file-storage';
import { pathInTenant, tenantPrefix } from './storage-key';
import { StoredFileEntity } from './stored-file.entity';
import { DOCUMENT_TYPES, IMAGE_TYPES, UploadRequest, UploadsService } from './uploads.service';

const MB = 1024 * 1024;

async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#2e86de' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PlazaPhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 37/1 0/1' },
    })
    .toBuffer();
}

const png = () =>
  sharp({ create: { width: 64, height: 32, channels: 3, background: '#27ae60' } })
    .png()
    .toBuffer();

async function all(iterable: AsyncIterable<StoredObject>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(pathInTenant(item.key));
  return out;
}

/** The HTTP status and sentence a refused upload answers with. */
async function refusal(work: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpException)) throw new Error(`expected an HTTP error, got ${error}`);
  return { status: error.getStatus(), message: error.message };
}

describe('UploadsService (real PostgreSQL, two tenants)', () => {
  let platform: TestPlatform;
  let root: string;
  let storage: FileStorage;
  let sut: UploadsService;
  let a: TenantRef;
  let b: TenantRef;

  const upload = (
    tenant: TenantRef,
    request: Partial<UploadRequest> & { body: Buffer | Readable },
  ) =>
    TenantContext.run(tenant, () =>
      sut.upload({ originalName: 'file', maxBytes: 5 * MB, accept: IMAGE_TYPES, ...request }),
    );

  beforeAll(async () => {
    platform = await TestPlatform.start();
    root = await mkdtemp(join(tmpdir(), 'plaza-uploads-'));
    storage = new LocalFileStorage(root, new FileUrlSigner('uploads-spec-secret-0123456789abcdef'));
    sut = new UploadsService(platform.get(TenantDb), storage, platform.get(PlanPolicy));
    a = await platform.createTenant({ name: 'Uploads A' });
    b = await platform.createTenant({ name: 'Uploads B' });
  });
  afterAll(async () => {
    await platform.close();
    await rm(root, { recursive: true, force: true });
  });

  it('stores a photo re-encoded, upright, without EXIF, in three sizes, and records it', async () => {
    const file = await upload(a, {
      body: await phonePhoto(),
      originalName: 'C:\\fakepath\\IMG_2041.JPG',
    });
    expect(file).toMatchObject({
      contentType: 'image/jpeg',
      kind: 'image',
      originalName: 'IMG_2041.JPG',
      path: `files/${file.id}/original.jpg`,
      width: 1200,
      height: 2400,
    });
    expect(Object.keys(file.variants).sort()).toEqual(['large', 'thumbnail']);
    expect(file.variants.thumbnail).toMatchObject({
      path: `files/${file.id}/thumbnail.webp`,
      contentType: 'image/webp',
      width: 320,
      height: 640,
    });

    await TenantContext.run(a, async () => {
      const stored = await buffer((await sut.open(file)).body);
      expect(stored.length).toBe(file.size);
      const meta = await sharp(stored).metadata();
      expect(meta.exif).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([1200, 2400]);
      const large = await sharp(await buffer((await sut.open(file, 'large')).body)).metadata();
      expect([large.format, large.width, large.exif]).toEqual(['webp', 1200, undefined]);
      expect(await all(storage.list(tenantPrefix('files', file.id)))).toEqual([
        `files/${file.id}/large.webp`,
        `files/${file.id}/original.jpg`,
        `files/${file.id}/thumbnail.webp`,
      ]);
    });

    const row = await platform
      .get(TenantDb)
      .runFor(a, (em) => em.findOneByOrFail(StoredFileEntity, { id: file.id }));
    expect(row).toMatchObject({ size: file.size, width: 1200, height: 2400, kind: 'image' });
    expect(row.createdAt).toBeTruthy();
  });

  it('goes by the content, never the name', async () => {
    const file = await upload(a, { body: await png(), originalName: 'innocent.svg' });
    expect(file.contentType).toBe('image/png');
    expect(file.path).toMatch(/original\.png$/);

    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(await refusal(upload(a, { body: svg, originalName: 'photo.png' }))).toEqual({
      status: 415,
      message:
        'This type of file is not accepted: SVG image (SVG images can carry scripts; please send a PNG or JPEG export instead). Accepted: PNG image, JPEG image, GIF image or WebP image.',
    });
  });

  it('refuses a file over the limit, whether it comes whole or as a stream', async () => {
    const tooBig = Buffer.alloc(1024 * 1024 + 1, 1);
    expect(await refusal(upload(a, { body: tooBig, maxBytes: MB }))).toEqual({
      status: 413,
      message: 'The file is larger than the 1 MB allowed.',
    });
    const stream = Readable.from(Array.from({ length: 6 }, () => Buffer.alloc(MB, 1)));
    expect(await refusal(upload(a, { body: stream, maxBytes: 5 * MB }))).toEqual({
      status: 413,
      message: 'The file is larger than the 5 MB allowed.',
    });
    expect(stream.destroyed).toBe(true);
  });

  it('refuses empty files, damaged images and types the caller does not accept', async () => {
    expect(await refusal(upload(a, { body: Buffer.alloc(0) }))).toEqual({
      status: 400,
      message: 'The file is empty.',
    });
    const damaged = Buffer.from('\x89PNG\r\n\x1a\nnot really', 'latin1');
    expect(await refusal(upload(a, { body: damaged }))).toEqual({
      status: 422,
      message: 'The image cannot be read; it may be damaged. Please try another file.',
    });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    expect((await refusal(upload(a, { body: pdf }))).status).toBe(415);
  });

  it('stores documents as they are, text with its charset', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const stored = await upload(a, {
      body: pdf,
      originalName: 'budget.pdf',
      accept: DOCUMENT_TYPES,
    });
    expect(stored).toMatchObject({
      contentType: 'application/pdf',
      kind: 'document',
      variants: {},
    });
    expect(stored.width).toBeNull();
    const csv = await upload(a, {
      body: Buffer.from('quartier;votes\nNord;12\nSud;30\n'),
      originalName: 'votes.txt',
      accept: DOCUMENT_TYPES,
    });
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    await TenantContext.run(a, async () => {
      expect(await buffer((await sut.open(stored)).body)).toEqual(pdf);
      // A document has no other sizes: asking for one gives the original.
      expect(await text((await sut.open(csv, 'thumbnail')).body)).toContain('Nord;12');
    });
  });

  it('signs URLs that download under the uploaded name with the real extension', async () => {
    const file = await upload(a, { body: await png(), originalName: 'plan du parc.gif' });
    const url = await TenantContext.run(a, () => sut.signedUrl(file, { download: true }));
    const query = new URL(url, 'http://x').searchParams;
    expect(query.get('download')).toBe('plan du parc.png');
    expect(url.startsWith(`/files/files/${file.id}/original.png?`)).toBe(true);
    const thumbnail = await TenantContext.run(a, () =>
      sut.signedUrl(file, { version: 'thumbnail' }),
    );
    expect(thumbnail.startsWith(`/files/files/${file.id}/thumbnail.webp?`)).toBe(true);
  });

  it("keeps A's files out of B's reach: no row, no bytes, no listing", async () => {
    const fileOfA = await upload(a, { body: await png(), originalName: 'a.png' });
    await upload(b, { body: await png(), originalName: 'b.png' });

    await TenantContext.run(b, async () => {
      expect(await sut.find(fileOfA.id)).toBeNull();
      // Even holding A's row, B's context builds B's keys: nothing is there.
      await expect(sut.open(fileOfA)).rejects.toBeInstanceOf(FileNotFoundError);
      const listedByB = await all(storage.list(tenantPrefix()));
      expect(listedByB.some((p) => p.includes(fileOfA.id))).toBe(false);
      expect(listedByB).toHaveLength(3);
    });
    const rowsOfB = await platform.get(TenantDb).runFor(b, (em) => em.find(StoredFileEntity));
    expect(rowsOfB.map((r) => r.originalName)).toEqual(['b.png']);
    expect(await TenantContext.run(a, () => sut.find(fileOfA.id))).toMatchObject({
      originalName: 'a.png',
    });
  });

  it('deletes the record and every size of a file', async () => {
    const file = await upload(a, { body: await png(), originalName: 'temp.png' });
    await TenantContext.run(a, async () => {
      await sut.delete(file);
      expect(await sut.find(file.id)).toBeNull();
      expect(await all(storage.list(tenantPrefix('files', file.id)))).toEqual([]);
    });
  });

  it('answers null for ids that are not ids', async () => {
    expect(await TenantContext.run(a, () => sut.find('../etc/passwd'))).toBeNull();
  });

  describe('with the S3 driver', () => {
    let server: TestS3Server;
    let s3: S3FileStorage;
    let s3Uploads: UploadsService;

    beforeAll(async () => {
      server = await startS3Server();
      s3 = new S3FileStorage(createS3Client(server.settings), server.settings.bucket);
      s3Uploads = new UploadsService(platform.get(TenantDb), s3, platform.get(PlanPolicy));
    });
    afterAll(async () => {
      s3.onApplicationShutdown();
      await server.close();
    });

    it('stores every size in the bucket under the tenant and serves them by signed URL', async () => {
      const body = await phonePhoto();
      const file = await TenantContext.run(a, () =>
        s3Uploads.upload({
          body,
          originalName: 'photo.jpg',
          maxBytes: 5 * MB,
          accept: [FILE_TYPES.jpeg],
        }),
      );
      const url = await TenantContext.run(a, () =>
        s3Uploads.signedUrl(file, { version: 'thumbnail' }),
      );
      expect(new URL(url).pathname).toBe(`/plaza-test/${a.id}/files/${file.id}/thumbnail.webp`);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.exif]).toEqual(['webp', 320, undefined]);
    });
  });
});
