import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';
import { EntityManager } from 'typeorm';

import { hashPassword } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { ProposalEntity } from '@plaza/proposals';
import { CommentEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { StoredFileEntity } from '@plaza/storage';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, csrfTokenIn, TestBrowser, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

/** `src` of the first avatar image in a page, ready to request. */
const avatarSrc = (html: string): string | undefined =>
  /<img class="avatar avatar-(?:small|large)" src="([^"]+)"/.exec(html)?.[1].replace(/&amp;/g, '&');

describe('Avatars and public profiles', () => {
  let storageDir: string;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  let passwordHash: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-avatars-'));
    platform = await TestPlatform.start({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha' });
    b = await platform.createTenant({ name: 'Beta' });
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const host = (tenant: TenantRef) => `${tenant.slug}.plaza.test`;
  const db = <T>(tenant: TenantRef, work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(tenant, work);
  const getOn = (tenant: TenantRef, path: string) =>
    request(app.getHttpServer()).get(path).set('Host', host(tenant));
  async function signedIn(tenant: TenantRef, email: string): Promise<TestBrowser> {
    const visitor = new TestBrowser(app.getHttpServer(), host(tenant));
    const res = await visitor.submit('/users/sign_in', '/users/sign_in', {
      email,
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    return visitor;
  }
  async function upload(visitor: TestBrowser, file: Buffer, name: string, csrf?: string) {
    const page = await visitor.get('/account');
    const req = request(app.getHttpServer())
      .post('/account/avatar')
      .set('Host', visitor.host)
      .set('Cookie', visitor.cookieHeader());
    if (csrf !== '') req.field('_csrf', csrf ?? csrfTokenIn(page.text));
    return req.attach('avatar', file, name);
  }

  it('uploads a picture re-encoded as squares, shows it in the header, serves it on its tenant only', async () => {
    const user = await createUser(platform.ctx, a, { name: 'Ada Lovelace', passwordHash });
    const visitor = await signedIn(a, user.email);
    const before = await visitor.get('/account');
    expect(before.text).toContain(
      '<span class="avatar avatar-small avatar-initials" aria-hidden="true">AL</span>',
    );

    const res = await upload(visitor, await png(300, 200), 'me.png');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your picture has been updated.');
    const page = await visitor.get('/');
    const src = avatarSrc(page.text);
    expect(src).toBeDefined();
    const image = await getOn(a, src!).buffer(true).expect(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(await sharp(image.body as Buffer).metadata()).toMatchObject({ width: 200, height: 200 });
    const row = await db(a, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    const file = await db(a, (em) =>
      em.findOneByOrFail(StoredFileEntity, { id: row.avatarFileId! }),
    );
    expect([file.width, file.height]).toEqual([200, 200]);

    // Another tenant's host never serves it: the signed link is bound to tenant A.
    const elsewhere = await getOn(b, src!);
    expect([403, 404]).toContain(elsewhere.status);
    expect(elsewhere.headers['content-type']).not.toBe('image/webp');

    // A new picture replaces the old one, whose file is gone.
    await upload(visitor, await png(64, 64), 'again.png');
    await getOn(a, src!).expect(404);
  });

  it('refuses SVG, files too large, no file and no CSRF token, with a sentence linked to the field', async () => {
    const user = await createUser(platform.ctx, a, { passwordHash });
    const visitor = await signedIn(a, user.email);
    const svg = await upload(
      visitor,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'me.png',
    );
    expect(svg.status).toBe(422);
    expect(svg.text).toContain('SVG images are not accepted: send a PNG or JPEG export instead.');
    expect(svg.text).toContain('href="#field-avatar"');
    expect(svg.text).toContain('aria-describedby="field-avatar-hint field-avatar-error"');
    const text = await upload(visitor, Buffer.from('hello'), 'me.png');
    expect(text.status).toBe(422);
    expect(text.text).toContain('This file is not a PNG, JPEG, GIF or WebP image.');
    const big = await upload(visitor, Buffer.alloc(3 * 1024 * 1024, 1), 'big.png');
    expect(big.status).toBe(422);
    expect(big.text).toContain('The file is larger than the 2 MB allowed.');
    const none = await visitor.submit('/account', '/account/avatar', {});
    expect(none.status).toBe(422);
    expect(none.text).toContain('Choose a picture to upload.');
    expect((await upload(visitor, await png(10, 10), 'me.png', '')).status).toBe(403);
    const row = await db(a, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    expect(row.avatarFileId).toBeNull();
  });

  it('removes the picture (back to initials) and removes it with the account', async () => {
    const user = await createUser(platform.ctx, a, { name: 'Grace Hopper', passwordHash });
    const visitor = await signedIn(a, user.email);
    await upload(visitor, await png(50, 50), 'me.png');
    const src = avatarSrc((await visitor.get('/')).text)!;
    const removed = await visitor.submit('/account', '/account/avatar/remove', {});
    expect(removed.status).toBe(200);
    expect(removed.text).toContain('Your picture has been removed.');
    expect(removed.text).toContain('aria-hidden="true">GH</span>');
    await getOn(a, src).expect(404);

    await upload(visitor, await png(50, 50), 'me.png');
    const second = avatarSrc((await visitor.get('/')).text)!;
    const fileId = (await db(a, (em) => em.findOneByOrFail(UserEntity, { id: user.id })))
      .avatarFileId!;
    const deleted = await visitor.submit('/account', '/account/delete', { confirm: '1' });
    expect(deleted.status).toBe(200);
    await getOn(a, second).expect(404);
    expect(await db(a, (em) => em.findOneBy(StoredFileEntity, { id: fileId }))).toBeNull();
    const row = await db(a, (em) => em.findOneByOrFail(UserEntity, { id: user.id }));
    expect(row.avatarFileId).toBeNull();
  });

  it('shows a public profile with the picture and public contributions, authors with their pictures; not on another tenant', async () => {
    const user = await createUser(platform.ctx, a, {
      name: 'Mary Somerville',
      nickname: 'mary',
      passwordHash,
    });
    const visitor = await signedIn(a, user.email);
    await upload(visitor, await png(80, 80), 'me.png');
    const { proposalId, hiddenTitle, base } = await db(a, async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'profile-plan',
          title: { en: 'Plan' },
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Now' }, active: true }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          settings: { comments_enabled: true },
          stepSettings: { [phase.id]: {} },
        }),
      );
      const secret = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'unpublished-plan',
          title: { en: 'Draft' },
          publishedAt: null,
        }),
      );
      const draftComponent = await em.save(
        em.create(ComponentEntity, {
          spaceId: secret.id,
          manifest: 'proposals',
          name: { en: 'Drafts' },
          publishedAt: new Date(),
        }),
      );
      const proposal = await em.save(
        em.create(ProposalEntity, {
          componentId: component.id,
          authorId: user.id,
          title: 'Benches along the river walk',
          body: 'Places to rest every two hundred metres.',
          publishedAt: new Date(Date.UTC(2026, 0, 2)),
        }),
      );
      await em.save(
        em.create(ProposalEntity, {
          componentId: draftComponent.id,
          authorId: user.id,
          title: 'A proposal in an unpublished space',
          body: 'Nobody may read this yet.',
          publishedAt: new Date(Date.UTC(2026, 0, 3)),
        }),
      );
      await em.save(
        em.create(CommentEntity, {
          resourceType: 'proposal',
          resourceId: proposal.id,
          authorId: user.id,
          body: 'And shade above them.',
        }),
      );
      return {
        proposalId: proposal.id,
        hiddenTitle: 'A proposal in an unpublished space',
        base: `/processes/profile-plan/f/${component.id}/proposals`,
      };
    });

    const profile = await getOn(a, '/profiles/mary').expect(200);
    expect(profile.text).toContain('<h1>Mary Somerville</h1>');
    expect(profile.text).toContain('@mary');
    expect(profile.text).toContain(`href="${base}/${proposalId}"`);
    expect(profile.text).toContain(`href="${base}/${proposalId}#comment-`);
    expect(profile.text).toContain('Comment on');
    expect(profile.text).not.toContain(hiddenTitle);
    const src = avatarSrc(profile.text)!;
    // Decorative there: the name is the heading next to it.
    expect(profile.text).toMatch(/<img class="avatar avatar-large" src="[^"]+" alt width="96"/);
    await getOn(a, src).expect(200);
    await getOn(b, '/profiles/mary').expect(404);
    await getOn(a, '/profiles/nobody-here').expect(404);
    expect((await visitor.get('/account')).text).toContain('href="/profiles/mary"');

    // Where proposals and comments name their author, the picture sits next to the name.
    const list = await getOn(a, base).expect(200);
    expect(list.text).toMatch(
      /<span class="with-avatar"><img class="avatar avatar-small" src="[^"]+" alt /,
    );
    const detail = await getOn(a, `${base}/${proposalId}`).expect(200);
    const pictures = detail.text.match(/<img class="avatar avatar-small" src="[^"]+" alt /g) ?? [];
    expect(pictures.length).toBeGreaterThanOrEqual(2);
  });
});
