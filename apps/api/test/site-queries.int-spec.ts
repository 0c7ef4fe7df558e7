import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';

import { ProposalEntity } from '@plaza/proposals';
import { CommentEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity } from '@plaza/spaces';
import { IMAGE_TYPES, UploadsService } from '@plaza/storage';
import { QueryCounter, TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';
import {
  CONTENT_BLOCK_KINDS,
  ContentBlockEntity,
  ContentBlockProviders,
  ITEM_BLOCK_KINDS,
  StaticPageEntity,
  StaticPageTopicEntity,
} from '@plaza/theming';

import { createApiApp } from '../src/api.app';

/** No N+1: a page sends the same number of SQL statements however many blocks and pages exist. */
describe('SQL statements per page render', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let tenant: TenantRef;
  let admin: TestSession;

  const count = async (path: string, session?: TestSession) => {
    const send = () => {
      const req = request(app.getHttpServer()).get(path).set('Host', `${tenant.slug}.plaza.test`);
      return (session ? req.set('Cookie', session.cookie) : req).expect(200);
    };
    await send(); // warms the host cache
    return (await QueryCounter.measure(() => send())).queries.tenant;
  };

  const grow = (times: number) =>
    platform.get(TenantDb).runFor(tenant, async (em) => {
      const [{ max }] = (await em.query(
        'select coalesce(max(position), 0) as max from content_blocks',
      )) as { max: number }[];
      let position = max;
      for (let i = 0; i < times; i++) {
        const topic = await em.save(em.create(StaticPageTopicEntity, { title: { en: `T${i}` } }));
        await em.save(
          em.create(StaticPageEntity, {
            slug: `page-${Date.now()}-${i}`,
            title: { en: `Page ${i}` },
            content: { en: '<p>x</p>' },
            topicId: topic.id,
          }),
        );
        for (const kind of CONTENT_BLOCK_KINDS) {
          await em.save(
            em.create(ContentBlockEntity, {
              kind,
              position: ++position,
              settings: { title: { en: kind }, body: { en: '<p>Body</p>' } },
            }),
          );
        }
      }
    });

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    tenant = await platform.createTenant({ name: 'Counting' });
    admin = await signInAs(
      app,
      tenant,
      (await createUser(platform.ctx, tenant, { roles: ['admin'] })).id,
    );
    // Stand-ins for the features: one statement per call, as providers must.
    const providers = app.get(ContentBlockProviders);
    for (const kind of ITEM_BLOCK_KINDS) {
      providers.provideItems(kind, async ({ em, limit }) => {
        const rows = (await em.query('select generate_series(1, $1::int) as n', [limit])) as {
          n: number;
        }[];
        return rows.map((r) => ({ title: `${kind} ${r.n}`, href: `/x/${r.n}` }));
      });
    }
    // Every kind of block present once, so that growth adds only more of the same.
    await grow(1);
    providers.provideStatistics(async ({ em }) => {
      const [{ n }] = (await em.query('select count(*)::int as n from static_pages')) as {
        n: number;
      }[];
      return [{ label: 'pages', value: n }];
    });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it.each([
    ['/', false],
    ['/pages', false],
    ['/pages/terms', false],
    ['/last-activity', false],
    ['/', true],
    ['/admin/homepage', true],
    ['/admin/pages', true],
  ])('%s (signed in as admin: %s) is constant as blocks and pages grow', async (path, signedIn) => {
    const session = signedIn ? admin : undefined;
    const before = await count(path, session);
    await grow(3);
    const after = await count(path, session);
    expect({ path, queries: after }).toEqual({ path, queries: before });
    // And small in absolute terms: a handful of statements, not dozens (the signed-in homepage
    // runs the stand-ins above besides the real providers: spaces, proposals' activity).
    expect(before).toBeLessThanOrEqual(24);
  });

  it('/ and /last-activity stay constant as proposals and comments by different people grow', async () => {
    const componentId = await platform.get(TenantDb).runFor(tenant, async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'counted',
          title: { en: 'Counted' },
          publishedAt: new Date(),
        }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
        }),
      );
      return component.id;
    });
    const addActivity = async (times: number) => {
      for (let i = 0; i < times; i++) {
        const author = await createUser(platform.ctx, tenant);
        await platform.get(TenantDb).runFor(tenant, async (em) => {
          const proposal = await em.save(
            em.create(ProposalEntity, {
              componentId,
              authorId: author.id,
              title: `Idea ${i}`,
              body: 'Body',
              publishedAt: new Date(),
              state: 'accepted',
              statePublishedAt: new Date(),
            }),
          );
          await em.save(
            em.create(CommentEntity, {
              resourceType: 'proposal',
              resourceId: proposal.id,
              authorId: author.id,
              body: `Comment ${i}`,
            }),
          );
        });
      }
    };
    await addActivity(1);
    const before = { home: await count('/'), page: await count('/last-activity') };
    await addActivity(5);
    const after = { home: await count('/'), page: await count('/last-activity') };
    expect(after).toEqual(before);
    expect((await count('/last-activity')) > 0).toBe(true);
  });

  it('/ is constant as highlighted spaces with hero images grow', async () => {
    const uploads = app.get(UploadsService);
    const png = await sharp({
      create: { width: 300, height: 100, channels: 3, background: { r: 30, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    const addSpaces = async (times: number) => {
      for (let i = 0; i < times; i++) {
        for (const kind of ['process', 'assembly'] as const) {
          const image = await TenantContext.run(tenant, () =>
            uploads.upload({
              body: png,
              originalName: 'hero.png',
              maxBytes: 5_000_000,
              accept: IMAGE_TYPES,
            }),
          );
          await platform.get(TenantDb).runFor(tenant, (em) =>
            em.save(
              em.create(SpaceEntity, {
                kind,
                slug: `imaged-${kind}-${Date.now()}-${i}`,
                title: { en: `Imaged ${kind} ${i}` },
                publishedAt: new Date(),
                promoted: true,
                heroImageId: image.id,
                heroImageAlt: { en: `Hero of ${kind} ${i}` },
              }),
            ),
          );
        }
      }
    };
    await addSpaces(1);
    const before = await count('/');
    await addSpaces(4);
    const after = await count('/');
    expect(after).toBe(before);
    const page = await request(app.getHttpServer())
      .get('/')
      .set('Host', `${tenant.slug}.plaza.test`)
      .expect(200);
    expect(page.text).toContain('alt="Hero of process 3"');
    expect(page.text).toContain('alt="Hero of assembly 3"');
  });
});
