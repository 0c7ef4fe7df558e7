import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';
import { EntityManager } from 'typeorm';

import { SpaceEntity } from '@plaza/spaces';
import { StoredFileEntity } from '@plaza/storage';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Hero images of processes and assemblies (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let admin: TestSession;
  let intruder: TestSession;
  let png: Buffer;
  const hostA = () => `${a.slug}.plaza.test`;
  const hostB = () => `${b.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);
  /** Posts the space form as a browser does: multipart, with an optional file. */
  const postForm = (
    host: string,
    s: TestSession,
    path: string,
    fields: Record<string, string>,
    file?: { buffer: Buffer; name: string },
  ) => {
    const r = http().post(path).set('Host', host).set('Cookie', s.cookie);
    r.field('_csrf', s.csrfToken);
    for (const [k, v] of Object.entries(fields)) r.field(k, v);
    if (file) r.attach('heroImage', file.buffer, file.name);
    return r;
  };
  const imgSrc = (html: string, cls: string) =>
    new RegExp(`<img class="${cls}" src="([^"]+)" alt="([^"]*)"`).exec(html);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr', 'es', 'ca'] });
    b = await platform.createTenant({ name: 'Beta' });
    admin = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    intruder = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    png = await sharp({
      create: { width: 800, height: 400, channels: 3, background: { r: 20, g: 120, b: 60 } },
    })
      .png()
      .toBuffer();
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('uploads, shows with its alt text on the page and the card, refuses bad files, removes it', async () => {
    const fields = {
      kind: 'process',
      slug: 'green-park',
      title_en: 'Green park',
      heroImageAlt_en: 'Children playing on the lawn',
      published: 'on',
    };
    const fake = await postForm(hostA(), admin, '/admin/spaces', fields, {
      buffer: Buffer.from('%PDF-1.4 not an image'),
      name: 'photo.png',
    }).expect(422);
    expect(fake.text).toContain(
      'This type of file is not accepted. Accepted: PNG, JPG, GIF, WEBP.',
    );
    expect(fake.text).toContain('value="green-park"');
    expect(await inA((em) => em.existsBy(SpaceEntity, { slug: 'green-park' }))).toBe(false);
    expect(await inA((em) => em.count(StoredFileEntity))).toBe(0);

    const created = await postForm(hostA(), admin, '/admin/spaces', fields, {
      buffer: png,
      name: 'park.png',
    }).expect(303);
    const spaceId = (created.headers.location as string).split('/').pop()!;
    const space = await inA((em) => em.findOneByOrFail(SpaceEntity, { id: spaceId }));
    expect(space.heroImageId).not.toBeNull();
    expect(space.heroImageAlt).toEqual({ en: 'Children playing on the lawn' });

    const page = await http().get('/processes/green-park').set('Host', hostA()).expect(200);
    const hero = imgSrc(page.text, 'space-hero')!;
    expect(hero[2]).toBe('Children playing on the lawn');
    const served = await http().get(hero[1].replace(/&amp;/g, '&')).set('Host', hostA());
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    // Tenant B's host serves nothing under A's signed address.
    const crossed = await http().get(hero[1].replace(/&amp;/g, '&')).set('Host', hostB());
    expect([403, 404]).toContain(crossed.status);
    const api = await http().get(`/api/v1/spaces/${spaceId}`).set('Host', hostA()).expect(200);
    expect(api.body.heroImage.alt).toEqual({ en: 'Children playing on the lawn' });
    expect(api.body.heroImage.url).toMatch(new RegExp(`^http://${hostA()}/`));
    const listed = await http().get('/api/v1/spaces').set('Host', hostA()).expect(200);
    expect(listed.body[0].heroImage.url).toMatch(new RegExp(`^http://${hostA()}/`));
    const list = await http().get('/processes').set('Host', hostA()).expect(200);
    expect(imgSrc(list.text, 'card-image')![2]).toBe('Children playing on the lawn');

    // B's admin can neither see nor change A's space.
    await http()
      .get(`/admin/spaces/${spaceId}`)
      .set('Host', hostB())
      .set('Cookie', intruder.cookie)
      .expect(404);
    await postForm(hostB(), intruder, `/admin/spaces/${spaceId}`, {
      ...fields,
      removeHeroImage: 'on',
    }).expect(404);

    const huge = await postForm(
      hostA(),
      admin,
      `/admin/spaces/${spaceId}`,
      { ...fields, slug: 'green-park' },
      { buffer: Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), name: 'big.png' },
    ).expect(422);
    expect(huge.text).toContain('The file is larger than the 5 MB allowed.');
    const unchanged = await inA((em) => em.findOneByOrFail(SpaceEntity, { id: spaceId }));
    expect(unchanged.heroImageId).toBe(space.heroImageId);

    const edit = await http()
      .get(`/admin/spaces/${spaceId}`)
      .set('Host', hostA())
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(edit.text).toContain('enctype="multipart/form-data"');
    expect(edit.text).toContain('Remove the hero image');

    await postForm(hostA(), admin, `/admin/spaces/${spaceId}`, {
      ...fields,
      removeHeroImage: 'on',
    }).expect(303);
    const removed = await inA((em) => em.findOneByOrFail(SpaceEntity, { id: spaceId }));
    expect(removed.heroImageId).toBeNull();
    expect(await inA((em) => em.existsBy(StoredFileEntity, { id: space.heroImageId! }))).toBe(
      false,
    );
    const apiAfter = await http().get(`/api/v1/spaces/${spaceId}`).set('Host', hostA());
    expect(apiAfter.body.heroImage).toBeNull();
    const after = await http().get('/processes/green-park').set('Host', hostA()).expect(200);
    expect(after.text).not.toContain('class="space-hero"');
    const gone = await http().get(hero[1].replace(/&amp;/g, '&')).set('Host', hostA());
    expect(gone.status).toBe(404);
  });
});
