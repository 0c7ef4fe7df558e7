import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';

import { SpaceEntity } from '@plaza/spaces';
import { IMAGE_TYPES, UploadsService } from '@plaza/storage';
import { TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

describe('Homepage blocks fed by participatory spaces (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  const home = (tenant: TenantRef) =>
    request(app.getHttpServer()).get('/').set('Host', `${tenant.slug}.plaza.test`).expect(200);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en'] });
    b = await platform.createTenant({ name: 'Beta', locales: ['en'] });
    await platform.get(TenantDb).runFor(a, (em) =>
      em.save([
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'budget-2027',
          title: { en: 'Participatory budget 2027' },
          shortDescription: { en: 'Decide how to spend 2 million euros.' },
          publishedAt: new Date(),
          promoted: true,
          startDate: '2027-01-10',
          endDate: '2027-06-30',
        }),
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'draft',
          title: { en: 'Unpublished draft' },
        }),
        em.create(SpaceEntity, {
          kind: 'assembly',
          slug: 'youth-council',
          title: { en: 'Youth council' },
          publishedAt: new Date(),
        }),
        em.create(SpaceEntity, {
          kind: 'assembly',
          slug: 'board',
          title: { en: 'Private board' },
          publishedAt: new Date(),
          visibility: 'private',
        }),
      ]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('shows published public processes and assemblies with counts, never drafts or private spaces', async () => {
    const page = await home(a);
    expect(page.text).toContain('href="/processes/budget-2027"');
    expect(page.text).toContain('Decide how to spend 2 million euros.');
    expect(page.text).toContain('2027-01-10 – 2027-06-30');
    expect(page.text).not.toContain('Unpublished draft');
    expect(page.text).not.toContain('Private board');
    expect(page.text).toMatch(/<strong>1<\/strong> participatory processes/);
  });

  it('shows the hero image of a space that has one, with its text alternative', async () => {
    const upload = async () =>
      TenantContext.run(a, async () =>
        app.get(UploadsService).upload({
          body: await sharp({
            create: { width: 600, height: 200, channels: 3, background: { r: 30, g: 90, b: 160 } },
          })
            .png()
            .toBuffer(),
          originalName: 'hero.png',
          maxBytes: 5_000_000,
          accept: IMAGE_TYPES,
        }),
      );
    const [budget, decorative] = [await upload(), await upload()];
    await platform.get(TenantDb).runFor(a, async (em) => {
      await em.update(
        SpaceEntity,
        { slug: 'budget-2027' },
        { heroImageId: budget.id, heroImageAlt: { en: 'People voting on the budget' } },
      );
      // No text alternative: a decorative image.
      await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'parks',
          title: { en: 'Parks plan' },
          publishedAt: new Date(),
          heroImageId: decorative.id,
        }),
      );
    });
    const page = await home(a);
    const images = [
      ...page.text.matchAll(/<img class="card-image" src="([^"]+)" alt(?:="([^"]*)")?\/>/g),
    ];
    // A bare `alt` is the empty text alternative of a decorative image.
    expect(images.map((m) => m[2] ?? '')).toEqual(['People voting on the budget', '']);
    // The thumbnail, served under the tenant's own host.
    const src = images[0][1].replace(/&amp;/g, '&');
    const file = await request(app.getHttpServer())
      .get(src.replace(/^https?:\/\/[^/]+/, ''))
      .set('Host', `${a.slug}.plaza.test`)
      .expect(200);
    expect(file.headers['content-type']).toMatch(/^image\//);
    expect((await home(b)).text).not.toContain('<img class="card-image"');
    await platform.get(TenantDb).runFor(a, (em) => em.delete(SpaceEntity, { slug: 'parks' }));
  });

  it("shows nothing of A's spaces on B, and no empty blocks", async () => {
    const page = await home(b);
    expect(page.text).not.toContain('budget-2027');
    expect(page.text).not.toContain('participatory processes');
  });

  it('links the spaces from the main navigation of every page, not only the spaces pages', async () => {
    for (const path of ['/', '/pages/terms', '/last-activity', '/processes']) {
      const page = await request(app.getHttpServer())
        .get(path)
        .set('Host', `${a.slug}.plaza.test`)
        .expect(200);
      const nav = page.text.slice(page.text.indexOf('<nav'), page.text.indexOf('</nav>'));
      expect({ path, processes: nav.includes('href="/processes"') }).toEqual({
        path,
        processes: true,
      });
      expect(nav).toContain('href="/assemblies"');
      // Notifications are for signed-in people only.
      expect(nav).not.toContain('href="/notifications"');
      expect(page.text.match(/href="\/processes"/g)?.length).toBeGreaterThanOrEqual(1);
    }
  });
});
