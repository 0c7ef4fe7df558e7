import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { SpaceEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
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
