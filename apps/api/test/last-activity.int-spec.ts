import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';
import type { EntityManager } from 'typeorm';

import { UserEntity } from '@plaza/identity';
import { ProposalEntity } from '@plaza/proposals';
import { CommentEntity, ModerationEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, testLogger, TestPlatform } from '@plaza/testing';
import { ContentBlockEntity } from '@plaza/theming';

import { createApiApp } from '../src/api.app';

/** Minutes after a fixed instant, so "newest first" does not depend on the clock. */
const at = (minutes: number) => new Date(Date.UTC(2027, 2, 1, 9, minutes));

describe('Last activity: homepage block and /last-activity (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let a: TenantRef;
  let b: TenantRef;
  const get = (t: TenantRef, path: string, locale = 'en') =>
    request(app.getHttpServer())
      .get(path)
      .set('Host', `${t.slug}.plaza.test`)
      .set('Cookie', `plaza_locale=${locale}`)
      .expect(200);
  const inA = <T>(work: (em: EntityManager) => Promise<T>) =>
    platform.get(TenantDb).runFor(a, work);

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Alpha', locales: ['en', 'fr'] });
    b = await platform.createTenant({ name: 'Beta', locales: ['en'] });
    const ada = await createUser(platform.ctx, a, { name: 'Ada Author' });
    const gone = await createUser(platform.ctx, a, { name: 'Gina Gone' });
    const blocked = await createUser(platform.ctx, a, { name: 'Boris Blocked' });
    await inA(async (em) => {
      await em.update(UserEntity, { id: gone.id }, { deletedAt: at(0) });
      await em.update(UserEntity, { id: blocked.id }, { blockedAt: at(0) });
      const space = (fields: Partial<SpaceEntity>) =>
        em.save(em.create(SpaceEntity, { kind: 'process', title: { en: 'S' }, ...fields }));
      const open = await space({ slug: 'open', publishedAt: at(0) });
      const privateSpace = await space({
        slug: 'secret',
        publishedAt: at(0),
        visibility: 'private',
      });
      const draftSpace = await space({ slug: 'draft' });
      const component = (spaceId: string, published: boolean) =>
        em.save(
          em.create(ComponentEntity, {
            spaceId,
            manifest: 'proposals',
            name: { en: 'Ideas' },
            publishedAt: published ? at(0) : null,
          }),
        );
      const ideas = await component(open.id, true);
      const unpublished = await component(open.id, false);
      const inPrivate = await component(privateSpace.id, true);
      const inDraft = await component(draftSpace.id, true);
      const proposal = (componentId: string, title: string, minute: number, extra = {}) =>
        em.save(
          em.create(ProposalEntity, {
            componentId,
            authorId: ada.id,
            title,
            body: 'Body',
            publishedAt: at(minute),
            ...extra,
          }),
        );
      const benches = await proposal(ideas.id, 'More benches in the park', 1, {
        state: 'accepted',
        answer: { en: 'Yes' },
        answeredAt: at(5),
        statePublishedAt: at(6),
      });
      await proposal(ideas.id, 'Answer not published yet', 2, {
        state: 'rejected',
        answeredAt: at(7),
      });
      await proposal(ideas.id, 'Withdrawn idea', 3, { withdrawnAt: at(4) });
      const hidden = await proposal(ideas.id, 'Hidden by moderation', 4);
      await proposal(ideas.id, 'Never published', 0, { publishedAt: null });
      await proposal(unpublished.id, 'In an unpublished component', 5);
      await proposal(inPrivate.id, 'In a private space', 5);
      await proposal(inDraft.id, 'In an unpublished space', 5);
      await em.save(
        em.create(ModerationEntity, {
          resourceType: 'proposal',
          resourceId: hidden.id,
          spaceId: open.id,
          title: 'Hidden by moderation',
          reportCount: 3,
          hiddenAt: at(8),
        }),
      );
      const comment = (authorId: string, body: string, minute: number, extra = {}) =>
        em.save(
          em.create(CommentEntity, {
            resourceType: 'proposal',
            resourceId: benches.id,
            authorId,
            body,
            createdAt: at(minute),
            ...extra,
          }),
        );
      await comment(ada.id, 'Near the fountain, please.', 10);
      await comment(gone.id, 'I left the site since.', 11);
      await comment(blocked.id, 'Spam from a blocked account.', 12);
      await comment(ada.id, 'Deleted by its author.', 13, { deletedAt: at(14) });
      const reported = await comment(ada.id, 'Reported and hidden.', 15);
      await em.save(
        em.create(ModerationEntity, {
          resourceType: 'comment',
          resourceId: reported.id,
          spaceId: open.id,
          title: 'Reported',
          reportCount: 3,
          hiddenAt: at(16),
        }),
      );
    });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lists public proposals, published answers and comments, newest first', async () => {
    const page = await get(a, '/last-activity');
    const text = page.text;
    const order = [
      'Spam from a blocked account.',
      'I left the site since.',
      'Near the fountain, please.',
      'Proposal answered: Accepted',
      'New proposal',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).toContain('More benches in the park');
    expect(text).toContain('href="/processes/open/f/');
    expect(text).toMatch(/\/proposals\/[0-9a-f-]{36}#comment-[0-9a-f-]{36}/);
    expect(text).toContain('By Ada Author');
    expect(text).toContain('<time datetime="2027-03-01T09:10:00.000Z">');
  });

  it('shows nothing private, unpublished, withdrawn, hidden or deleted', async () => {
    const { text } = await get(a, '/last-activity');
    for (const secret of [
      // Its proposal is public: only the answer is not.
      'Proposal answered: Rejected',
      'Withdrawn idea',
      'Hidden by moderation',
      'Never published',
      'In an unpublished component',
      'In a private space',
      'In an unpublished space',
      'Deleted by its author.',
      'Reported and hidden.',
    ])
      expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
  });

  it('never names deleted or blocked authors', async () => {
    const { text } = await get(a, '/last-activity');
    expect(text).not.toContain('Gina Gone');
    expect(text).not.toContain('Boris Blocked');
    expect(text).toContain('Deleted participant: I left the site since.');
    expect(text).toContain('Blocked participant: Spam from a blocked account.');
  });

  it('feeds the homepage block (limited, with a link to the page) in the visitor’s language', async () => {
    await inA((em) =>
      em.update(ContentBlockEntity, { kind: 'last_activity' }, { settings: { limit: 2 } }),
    );
    const home = await get(a, '/');
    expect(home.text).toContain('Last activity');
    expect(home.text).toContain('href="/last-activity"');
    expect(home.text).toContain('Spam from a blocked account.');
    expect(home.text).toContain('I left the site since.');
    expect(home.text).not.toContain('Near the fountain, please.');
    const fr = await get(a, '/', 'fr');
    expect(fr.text).toContain('Dernière activité');
    expect(fr.text).toContain('Nouveau commentaire');
  });

  it("shows none of A's activity on B, and no empty block", async () => {
    const home = await get(b, '/');
    expect(home.text).not.toContain('Last activity');
    expect(home.text).not.toContain('More benches');
    const page = await get(b, '/last-activity');
    expect(page.text).not.toContain('More benches');
    expect(page.text).toContain('Nothing has happened here yet.');
  });

  it('pages through older activity, and refuses a malformed cursor in the visitor’s language', async () => {
    const oldest = await inA((em) =>
      em.query(`select resource_id, author_id from comments order by created_at limit 1`),
    );
    const [{ resource_id: resourceId, author_id: authorId }] = oldest as {
      resource_id: string;
      author_id: string;
    }[];
    await inA((em) =>
      em.save(
        Array.from({ length: 50 }, (_, i) =>
          em.create(CommentEntity, {
            resourceType: 'proposal',
            resourceId,
            authorId,
            body: `Paged comment ${i}`,
            createdAt: at(20 + i),
          }),
        ),
      ),
    );
    const first = await get(a, '/last-activity');
    expect(first.text.match(/<li>/g)?.length).toBeGreaterThanOrEqual(50);
    expect(first.text).toContain('Paged comment 49');
    expect(first.text).toContain('Paged comment 0<');
    expect(first.text).not.toContain('Spam from a blocked account.');
    const older = /href="(\/last-activity\?before=[^"]+)"/.exec(first.text)?.[1];
    const cursor = decodeURIComponent(older!.split('before=')[1]);
    expect(cursor).toMatch(new RegExp(`^${at(20).toISOString()}~comment:[0-9a-f-]{36}$`));
    const second = await get(a, older!.replace(/&amp;/g, '&'));
    expect(second.text).not.toContain('Paged comment');
    expect(second.text).toContain('Spam from a blocked account.');
    expect(second.text).toContain('New proposal');
    expect(second.text).not.toContain('?before=');

    const bad = await request(app.getHttpServer())
      .get('/last-activity?before=yesterday')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', 'plaza_locale=fr')
      .expect(400);
    expect(bad.text).toContain('Cette adresse ne correspond à aucune page d’activité.');
  });

  it('pages through entries of one instant without skipping or repeating any', async () => {
    const [{ resource_id: resourceId, author_id: authorId }] = (await inA((em) =>
      em.query(`select resource_id, author_id from comments where deleted_at is null limit 1`),
    )) as { resource_id: string; author_id: string }[];
    // 60 comments in one millisecond (some a few microseconds apart): newer than the rest.
    await inA((em) =>
      em.query(
        `insert into comments (resource_type, resource_id, author_id, body, created_at)
         select 'proposal', $1, $2, 'Same instant ' || i || '.',
                '2027-03-01T11:00:00.123Z'::timestamptz + (i % 3) * interval '1 microsecond'
           from generate_series(1, 60) i`,
        [resourceId, authorId],
      ),
    );
    const seen: string[] = [];
    let path: string | undefined = '/last-activity';
    for (let pages = 0; path && pages < 5; pages += 1) {
      const { text } = await get(a, path);
      seen.push(...[...text.matchAll(/Same instant (\d+)\./g)].map((m) => m[1]));
      path = /href="(\/last-activity\?before=[^"]+)"/.exec(text)?.[1];
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);

    const bad = await request(app.getHttpServer())
      .get(`/last-activity?before=${encodeURIComponent('2027-03-01T11:00:00.123Z~no key!')}`)
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', 'plaza_locale=fr')
      .expect(400);
    expect(bad.text).toContain('Cette adresse ne correspond à aucune page d’activité.');
  });

  it('renders nothing for upcoming meetings: no meetings feature feeds that block', async () => {
    const blocks = await inA((em) => em.countBy(ContentBlockEntity, { kind: 'upcoming_meetings' }));
    expect(blocks).toBe(1);
    const home = await get(a, '/');
    expect(home.text).not.toContain('Upcoming meetings');
    expect(home.text).not.toContain('/meetings');
  });
});
