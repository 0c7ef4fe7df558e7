import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { Browser, chromium } from 'playwright-core';
import request from 'supertest';

import { ProposalEntity, ProposalNoteEntity } from '@plaza/proposals';
import { CommentEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';
import { initialsOf } from '@plaza/web';

import { createApiApp } from '../src/api.app';

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DELETED = { deleted: true, name: null, nickname: null, profilePath: null };

/** A deleted account's proposal, comment and note, on every surface that names an author. */
describe('Contributions of a deleted account read "Deleted participant"', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let tenant: TenantRef;
  let admin: TestSession;
  let origin: string;
  let list: string;
  let page: string;
  let answer: string;
  let api: string;
  let proposalId: string;

  const http = () => request(app.getHttpServer());
  const host = () => `${tenant.slug}.plaza.test`;
  const html = async (path: string, locale = 'en', cookie = '') => {
    const res = await http()
      .get(path)
      .set('Host', host())
      .set('Accept-Language', locale)
      .set('Cookie', cookie);
    expect([path, res.status]).toEqual([path, 200]);
    return res.text;
  };

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    await app.listen(0, '127.0.0.1');
    origin = `http://PLACEHOLDER:${(app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await platform.createTenant({ locales: ['en', 'fr', 'es', 'ca'] });
    origin = origin.replace('PLACEHOLDER', host());
    const adminUser = await createUser(platform.ctx, tenant, {
      roles: ['admin'],
      name: 'Ann Admin',
    });
    admin = await signInAs(app, tenant, adminUser.id);
    const leaving = await createUser(platform.ctx, tenant, {
      name: 'Dana Zorblat',
      nickname: 'danazorblat',
    });
    const staying = await createUser(platform.ctx, tenant, {
      name: 'Sam Staying',
      nickname: 'samstaying',
    });
    const ids = await platform.get(TenantDb).runFor(tenant, async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'river',
          title: { en: 'River' },
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
      const proposal = await em.save(
        em.create(ProposalEntity, {
          componentId: component.id,
          authorId: leaving.id,
          title: 'More trees',
          body: 'Plant trees along the river',
          publishedAt: new Date(),
        }),
      );
      await em.save(
        em.create(CommentEntity, {
          resourceType: 'proposal',
          resourceId: proposal.id,
          authorId: leaving.id,
          body: 'A fair point',
        }),
      );
      await em.save(
        em.create(CommentEntity, {
          resourceType: 'proposal',
          resourceId: proposal.id,
          authorId: staying.id,
          body: 'I agree',
        }),
      );
      await em.insert(ProposalNoteEntity, {
        proposalId: proposal.id,
        authorId: leaving.id,
        body: 'Feasible',
      });
      return { spaceId: space.id, componentId: component.id, proposalId: proposal.id };
    });
    proposalId = ids.proposalId;
    list = `/processes/river/f/${ids.componentId}/proposals`;
    page = `${list}/${ids.proposalId}`;
    answer = `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/proposals/${ids.proposalId}/answer`;
    api = `/api/v1/spaces/${ids.spaceId}/components/${ids.componentId}/proposals`;

    const session = await signInAs(app, tenant, leaving.id);
    const deletion = await http()
      .post('/account/delete')
      .set('Host', host())
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrfToken, confirm: '1' });
    expect(deletion.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it.each([
    ['en', 'By Deleted participant'],
    ['fr', 'Par Participant supprimé'],
    ['es', 'Por Participante eliminado'],
    ['ca', 'Per Participant eliminat'],
  ])(
    'proposal list and page name the author in %s, with initials, and no profile link',
    async (locale, by) => {
      const name = by.replace(/^\S+ /, '');
      for (const text of [await html(list, locale), await html(page, locale)]) {
        expect(text).toContain(`<span>${by}</span>`);
        expect(text).toContain(`aria-hidden="true">${initialsOf(name)}</span>`);
        expect(text).not.toContain('Zorblat');
        expect(text).not.toContain('/profiles/deleted_');
        expect(text).not.toMatch(/>By\s*<\/span>|aria-label=""/);
      }
      const text = await html(page, locale);
      expect(text).toContain(`<article aria-label="${name}">`);
      expect(text).toContain(`<strong>${name}</strong>`);
      // A person who still has an account keeps the link to their profile.
      expect(text).toContain('<strong><a href="/profiles/samstaying">Sam Staying</a></strong>');
    },
  );

  it('the JSON API gives a stable deleted author, documented in OpenAPI', async () => {
    const proposals = await http().get(api).set('Host', host());
    expect(proposals.status).toBe(200);
    const listed = (proposals.body as { items: Record<string, unknown>[] }).items;
    expect(listed[0]).toMatchObject({ authorName: null, author: DELETED });
    const one = await http().get(`${api}/${proposalId}`).set('Host', host());
    expect(one.body).toMatchObject({ authorName: null, author: DELETED });

    const comments = await http()
      .get('/api/v1/comments')
      .query({ resource_type: 'proposal', resource_id: proposalId })
      .set('Host', host());
    expect(comments.status).toBe(200);
    expect(comments.body).toEqual([
      expect.objectContaining({ authorName: null, author: DELETED, body: 'A fair point' }),
      expect.objectContaining({
        authorName: 'Sam Staying',
        author: {
          deleted: false,
          name: 'Sam Staying',
          nickname: 'samstaying',
          profilePath: '/profiles/samstaying',
        },
      }),
    ]);
    expect(JSON.stringify(comments.body)).not.toContain('deleted_');

    const doc = await http().get('/api/v1/openapi.json').set('Host', host());
    const schemas = (doc.body as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    expect(schemas.PublicAuthorDto).toMatchObject({
      required: expect.arrayContaining(['deleted', 'name', 'nickname', 'profilePath']),
    });
    expect(JSON.stringify(schemas.ProposalDto)).toContain('PublicAuthorDto');
    expect(JSON.stringify(schemas.CommentDto)).toContain('PublicAuthorDto');
  });

  it("the admin's valuation notes name the deleted author", async () => {
    const text = await html(answer, 'en', admin.cookie);
    expect(text).toContain('<strong>Deleted participant</strong>: Feasible');
    expect(text).not.toContain('Zorblat');
  });

  it('has no profile page any more', async () => {
    const res = await http().get('/profiles/danazorblat').set('Host', host());
    expect(res.status).toBe(404);
  });

  it('stays axe-clean on the list, the proposal page and the admin page', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--host-resolver-rules=MAP *.plaza.test 127.0.0.1',
        ],
      });
      const context = await browser.newContext({ bypassCSP: true });
      await context.addCookies([
        { name: 'plaza_session', value: admin.cookie.split('=')[1], url: origin },
      ]);
      const tab = await context.newPage();
      const found: string[] = [];
      for (const path of [list, page, answer]) {
        const response = await tab.goto(`${origin}${path}`);
        expect(response?.status()).toBe(200);
        await tab.addScriptTag({ content: AXE });
        const result = await tab.evaluate(
          () =>
            (window as unknown as { axe: { run: (o: unknown) => Promise<AxeResult> } }).axe.run({
              runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            }) as Promise<AxeResult>,
        );
        found.push(
          ...result.violations.map(
            (v) => `${path}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
          ),
        );
      }
      expect(found).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 120_000);
});
