import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import sharp from 'sharp';
import request from 'supertest';
import type { EntityManager } from 'typeorm';

import { PlansService } from '@plaza/console';
import { PlatformDb, TenantDb, TenantEntity, TenantEvents, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  signInAs,
  testLogger,
  TestPlatform,
  TestSession,
} from '@plaza/testing';
import {
  AppearanceEntity,
  ContentBlockEntity,
  ContentBlockProviders,
  StaticPageEntity,
} from '@plaza/theming';

import { createApiApp } from '../src/api.app';

describe('Tenant site: appearance, homepage blocks, static pages, languages (two tenants)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let storageDir: string;
  let a: TenantRef;
  let b: TenantRef;
  let adminA: TestSession;
  let adminB: TestSession;
  let userA: TestSession;
  const host = (t: TenantRef) => `${t.slug}.plaza.test`;
  const http = () => request(app.getHttpServer());
  const get = (t: TenantRef, path: string, session?: TestSession) => {
    const req = http().get(path).set('Host', host(t));
    return session ? req.set('Cookie', session.cookie) : req;
  };
  const post = (
    t: TenantRef,
    path: string,
    session: TestSession,
    form: Record<string, string | string[]>,
  ) =>
    http()
      .post(path)
      .set('Host', host(t))
      .set('Cookie', session.cookie)
      .type('form')
      .send({ _csrf: session.csrfToken, ...form });
  const db = <T>(t: TenantRef, work: (em: EntityManager) => Promise<T>): Promise<T> =>
    platform.get(TenantDb).runFor(t, work);
  const colors = { primaryColor: '#1a5fb4', secondaryColor: '#5e3c99', tertiaryColor: '#26734d' };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-site-'));
    platform = await TestPlatform.start({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    app = await createApiApp(platform.config, testLogger());
    a = await platform.createTenant({ name: 'Site A', locales: ['en', 'fr'] });
    b = await platform.createTenant({ name: 'Site B', locales: ['en', 'fr'] });
    adminA = await signInAs(app, a, (await createUser(platform.ctx, a, { roles: ['admin'] })).id);
    adminB = await signInAs(app, b, (await createUser(platform.ctx, b, { roles: ['admin'] })).id);
    userA = await signInAs(app, a, (await createUser(platform.ctx, a)).id);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  describe('appearance', () => {
    it('emits the theme as CSS custom properties on every page', async () => {
      const home = await get(a, '/').expect(200);
      expect(home.text).toContain('--plaza-primary:#1a5fb4');
      expect(home.text).toContain('--plaza-secondary:#5e3c99');
      expect(home.text).toContain('--plaza-tertiary:#26734d');
      const page = await get(a, '/pages/terms').expect(200);
      expect(page.text).toContain('--plaza-primary:#1a5fb4');
    });

    it('is for admins only', async () => {
      await get(a, '/admin/appearance').expect(303);
      await get(a, '/admin/appearance', userA).expect(403);
      // A's admin session means nothing on B's site.
      const onB = await get(b, '/admin/appearance', adminA).expect(303);
      expect(onB.headers.location).toContain('/users/sign_in');
      await get(a, '/admin/appearance', adminA).expect(200);
    });

    it('refuses a colour below 4.5:1 with the ratio and an accessible shade, next to the field', async () => {
      const res = await post(a, '/admin/appearance', adminA, {
        ...colors,
        primaryColor: '#ffcc00',
      }).expect(422);
      expect(res.text).toContain('role="alert"');
      expect(res.text).toMatch(/contrast of 1\.\d\d:1 with white/);
      expect(res.text).toMatch(/nearest accessible shade is #[0-9a-f]{6}/);
      expect(res.text).toContain('id="field-primaryColor-error"');
      expect((await get(a, '/').expect(200)).text).toContain('--plaza-primary:#1a5fb4');
    });

    it('refuses an invalid colour, a bad link and a bad handle with sentences', async () => {
      const res = await post(a, '/admin/appearance', adminA, {
        ...colors,
        secondaryColor: 'red;}body{',
        officialUrl: 'javascript:alert(1)',
        'social.mastodon': '<script>',
      }).expect(422);
      expect(res.text).toContain('Enter a colour as # followed by six hexadecimal digits');
      expect(res.text).toContain('Enter a full address starting with https:// or http://.');
      expect(res.text).toContain('Enter a handle');
    });

    it('saves colours, font, links and social handles; B is untouched', async () => {
      await post(a, '/admin/appearance', adminA, {
        ...colors,
        primaryColor: '#0b5394',
        font: 'atkinson-hyperlegible',
        officialUrl: 'https://www.example.org',
        'social.mastodon': '@plaza@mastodon.example',
      })
        .expect(303)
        .expect('location', '/admin/appearance?saved=1');
      const home = await get(a, '/').expect(200);
      expect(home.text).toContain('--plaza-primary:#0b5394');
      expect(home.text).toContain('/theme/fonts/atkinson-hyperlegible/400.woff2');
      expect(home.text).toContain('href="https://mastodon.example/@plaza"');
      expect(home.text).toContain('href="https://www.example.org"');
      expect((await get(b, '/').expect(200)).text).toContain('--plaza-primary:#1a5fb4');
      const font = await get(a, '/theme/fonts/atkinson-hyperlegible/400.woff2').expect(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      await get(a, '/theme/fonts/../../package.json').expect(404);
      await get(a, '/theme/fonts/inter/900.woff2').expect(404);
    });

    it('uploads a logo (multipart, re-encoded) and refuses a file that is not an image', async () => {
      const png = await sharp({
        create: { width: 40, height: 20, channels: 3, background: '#336699' },
      })
        .png()
        .toBuffer();
      await http()
        .post('/admin/appearance')
        .set('Host', host(a))
        .set('Cookie', adminA.cookie)
        .field('_csrf', adminA.csrfToken)
        .field('primaryColor', '#0b5394')
        .field('secondaryColor', colors.secondaryColor)
        .field('tertiaryColor', colors.tertiaryColor)
        .attach('logo', png, 'logo.png')
        .expect(303);
      const home = await get(a, '/').expect(200);
      const logo = /<img class="logo" src="([^"]+)"/.exec(home.text)?.[1];
      expect(logo).toBeDefined();
      await get(a, (logo as string).replace(/&amp;/g, '&'))
        .expect(200)
        .expect('content-type', 'image/png');

      const refused = await http()
        .post('/admin/appearance')
        .set('Host', host(a))
        .set('Cookie', adminA.cookie)
        .field('_csrf', adminA.csrfToken)
        .field('primaryColor', '#0b5394')
        .field('secondaryColor', colors.secondaryColor)
        .field('tertiaryColor', colors.tertiaryColor)
        .attach('favicon', Buffer.from('<svg onload="alert(1)"/>'), 'icon.png')
        .expect(422);
      expect(refused.text).toContain('This file is not a PNG, JPEG, GIF or WebP image.');

      // Removing the logo forgets the image and its file.
      await post(a, '/admin/appearance', adminA, {
        ...colors,
        primaryColor: '#0b5394',
        'remove.logo': '1',
      }).expect(303);
      expect((await get(a, '/').expect(200)).text).not.toContain('class="logo"');
      await get(a, (logo as string).replace(/&amp;/g, '&')).expect(404);
    });

    it('refuses an image over 5 MB with a sentence, not a 500 or a 413 page', async () => {
      const res = await http()
        .post('/admin/appearance')
        .set('Host', host(a))
        .set('Cookie', adminA.cookie)
        .field('_csrf', adminA.csrfToken)
        .field('primaryColor', '#0b5394')
        .field('secondaryColor', colors.secondaryColor)
        .field('tertiaryColor', colors.tertiaryColor)
        .attach('heroImage', Buffer.alloc(6 * 1024 * 1024, 1), 'huge.png')
        .expect(422);
      expect(res.text).toContain('The file is larger than the 5 MB allowed.');
      const huge = await http()
        .post('/admin/appearance')
        .set('Host', host(a))
        .set('Cookie', adminA.cookie)
        .field('_csrf', adminA.csrfToken)
        .field('primaryColor', '#0b5394')
        .field('secondaryColor', colors.secondaryColor)
        .field('tertiaryColor', colors.tertiaryColor)
        .attach('heroImage', Buffer.alloc(11 * 1024 * 1024, 1), 'huger.png')
        .expect(422);
      expect(huge.text).toContain('The file is larger than the 5 MB allowed.');
    });

    it('refuses a multipart form without the CSRF token', async () => {
      await http()
        .post('/admin/appearance')
        .set('Host', host(a))
        .set('Cookie', adminA.cookie)
        .field('primaryColor', '#000000')
        .expect(403);
    });

    it("offers custom CSS only when the organization's plan includes it, and refuses dangerous CSS", async () => {
      // The app's own service: its cache forgets at once (other processes when Redis says so).
      const plans = app.get(PlansService);
      const code = `nocss-${randomBytes(3).toString('hex')}`;
      await plans.create({
        code,
        name: 'Plain',
        monthlyPriceCents: 0,
        limits: {},
        features: { customCss: false },
      });
      await platform.get(PlatformDb).manager.update(TenantEntity, { id: a.id }, { planCode: code });
      // As the console does after changing a tenant.
      await app.get(TenantEvents).publishChange(a.id);
      const page = await get(a, '/admin/appearance', adminA).expect(200);
      expect(page.text).not.toContain('name="customCss"');
      expect(page.text).toContain('The Plain plan does not include custom CSS.');
      // Ignored while not allowed.
      await post(a, '/admin/appearance', adminA, { ...colors, customCss: 'p{color:red}' }).expect(
        303,
      );
      expect((await get(a, '/').expect(200)).text).not.toContain('p{color:red}');

      // The provider grants it to this organization only.
      await plans.setOverrides(a.id, { features: { customCss: true } });
      expect((await get(a, '/admin/appearance', adminA).expect(200)).text).toContain(
        'name="customCss"',
      );
      const refused = await post(a, '/admin/appearance', adminA, {
        ...colors,
        customCss: '@import url(https://evil.example/x.css); p{}</style><script>alert(1)</script>',
      }).expect(422);
      expect(refused.text).toContain('may not import other style sheets');
      expect(refused.text).toContain('may not contain the character &lt;');
      await post(a, '/admin/appearance', adminA, {
        ...colors,
        customCss: '.hero h1{letter-spacing:.02em}',
      }).expect(303);
      expect((await get(a, '/').expect(200)).text).toContain('.hero h1{letter-spacing:.02em}');
      expect((await get(b, '/').expect(200)).text).not.toContain('letter-spacing:.02em');

      // Back to the plan: the CSS stays saved but is no longer applied.
      await plans.setOverrides(a.id, {});
      expect((await get(a, '/').expect(200)).text).not.toContain('letter-spacing:.02em');
      const saved = await db(a, (em) => em.findOneByOrFail(AppearanceEntity, { id: 1 }));
      expect(saved.customCss).toBe('.hero h1{letter-spacing:.02em}');
    });
  });

  describe('homepage blocks', () => {
    const blocksOf = (t: TenantRef) =>
      db(t, (em) => em.find(ContentBlockEntity, { order: { position: 'ASC' } }));

    it('starts with the default blocks; those of unbuilt features render nothing', async () => {
      const home = await get(b, '/').expect(200);
      expect(home.text).toContain('<h1 id="block-');
      expect(home.text).toContain('How to participate');
      expect(home.text).not.toContain('Highlighted processes');
      expect(home.text).not.toContain('Upcoming meetings');
    });

    it('renders what a feature provides through the registry', async () => {
      const providers = app.get(ContentBlockProviders);
      providers.provideItems('upcoming_meetings', async ({ em, limit }) => {
        const [{ now }] = (await em.query('select 1 as now')) as { now: number }[];
        return Array.from({ length: limit }, (_, i) => ({
          title: `Meeting ${i + now}`,
          href: `/meetings/${i}`,
          meta: 'Town hall',
        }));
      });
      providers.provideStatistics(async () => [{ label: 'participants', value: 1234 }]);
      const home = await get(b, '/').expect(200);
      expect(home.text).toContain('Upcoming meetings');
      expect(home.text).toContain('Meeting 6');
      expect(home.text).not.toContain('Meeting 7');
      expect(home.text).toContain('1,234');
    });

    it('adds, configures (sanitised HTML, translated), reorders and removes blocks without JavaScript', async () => {
      const added = await post(a, '/admin/homepage', adminA, { kind: 'html' }).expect(303);
      const id = String(added.headers.location).split('/').pop() as string;
      await get(a, `/admin/homepage/${id}`, adminA).expect(200);
      await post(a, `/admin/homepage/${id}`, adminA, {
        'title.en': 'Welcome note',
        'body.en':
          '<p>Hello <strong>all</strong></p><script>alert(1)</script><img src=x onerror=alert(1)>',
        'body.fr': '<p>Bonjour</p>',
      }).expect(303);
      let home = await get(a, '/').expect(200);
      expect(home.text).toContain('<p>Hello <strong>all</strong></p>');
      expect(home.text).not.toContain('alert(1)');
      const fr = await get(a, '/').set('Cookie', 'plaza_locale=fr').expect(200);
      expect(fr.text).toContain('<p>Bonjour</p>');

      let blocks = await blocksOf(a);
      expect(blocks[blocks.length - 1].id).toBe(id);
      await post(a, `/admin/homepage/${id}/move`, adminA, { direction: 'up' }).expect(303);
      blocks = await blocksOf(a);
      expect(blocks[blocks.length - 2].id).toBe(id);
      await post(a, `/admin/homepage/${id}/move`, adminA, { direction: 'down' }).expect(303);
      blocks = await blocksOf(a);
      expect(blocks[blocks.length - 1].id).toBe(id);

      // B's admin cannot see, move or remove A's block.
      await get(b, `/admin/homepage/${id}`, adminB).expect(404);
      await post(b, `/admin/homepage/${id}/move`, adminB, { direction: 'up' }).expect(404);
      await post(b, `/admin/homepage/${id}/delete`, adminB, {}).expect(404);

      await post(a, `/admin/homepage/${id}/delete`, adminA, {}).expect(303);
      home = await get(a, '/').expect(200);
      expect(home.text).not.toContain('Hello');
    });

    it('configures the hero: translated title and subtitle, call to action, image', async () => {
      const hero = (await blocksOf(b)).find((x) => x.kind === 'hero') as ContentBlockEntity;
      const jpeg = await sharp({
        create: { width: 64, height: 32, channels: 3, background: '#884422' },
      })
        .jpeg()
        .toBuffer();
      await http()
        .post(`/admin/homepage/${hero.id}`)
        .set('Host', host(b))
        .set('Cookie', adminB.cookie)
        .field('_csrf', adminB.csrfToken)
        .field('title.en', 'Decide together')
        .field('title.fr', 'Décidons ensemble')
        .field('subtitle.en', 'Your city, your say')
        .field('ctaLabel.en', 'Take part')
        .field('ctaUrl', '/processes')
        .attach('image', jpeg, 'hero.jpg')
        .expect(303);
      const home = await get(b, '/').expect(200);
      expect(home.text).toMatch(/<h1 id="block-[^"]+">Decide together<\/h1>/);
      expect(home.text).toContain('Your city, your say');
      expect(home.text).toContain('<a class="button" href="/processes">Take part</a>');
      expect(home.text).toMatch(/<img class="hero-image" src="[^"]+" alt(="")?\/>/);
      const fr = await get(b, '/').set('Cookie', 'plaza_locale=fr').expect(200);
      expect(fr.text).toContain('Décidons ensemble');
      // No French subtitle: the default locale's shows.
      expect(fr.text).toContain('Your city, your say');
    });

    it('refuses a bad link and a bad limit with sentences', async () => {
      const [hero] = await blocksOf(a);
      const res = await post(a, `/admin/homepage/${hero.id}`, adminA, {
        'title.en': 'Hi',
        ctaUrl: 'javascript:alert(1)',
      }).expect(422);
      expect(res.text).toContain('Enter an address starting with /, https:// or http://.');
      const list = (await blocksOf(a)).find(
        (x) => x.kind === 'upcoming_meetings',
      ) as ContentBlockEntity;
      const bad = await post(a, `/admin/homepage/${list.id}`, adminA, { limit: '500' }).expect(422);
      expect(bad.text).toContain('Enter a whole number from 1 to 24.');
    });
  });

  describe('static pages and topics', () => {
    it('creates a topic and a page, shows them, and keeps B out', async () => {
      await post(a, '/admin/topics', adminA, { 'title.en': 'Help', weight: '1' }).expect(303);
      const topics = await get(a, '/admin/topics', adminA).expect(200);
      const topicId = /\/admin\/topics\/([0-9a-f-]{36})"/.exec(topics.text)?.[1] as string;
      await post(a, '/admin/pages', adminA, {
        slug: 'faq',
        'title.en': 'Questions',
        'title.fr': 'Questions fréquentes',
        'content.en': '<p>Ask <a href="javascript:x()">us</a></p><script>x()</script>',
        topicId,
        weight: '2',
      }).expect(303);
      const page = await get(a, '/pages/faq').expect(200);
      expect(page.text).toContain('<h1>Questions</h1>');
      expect(page.text).not.toContain('javascript:');
      expect(page.text).not.toContain('<script>x()');
      const fr = await get(a, '/pages/faq').set('Cookie', 'plaza_locale=fr').expect(200);
      expect(fr.text).toContain('Questions fréquentes');
      // No French content: falls back to the default locale.
      expect(fr.text).toContain('Ask');
      const index = await get(a, '/pages').expect(200);
      expect(index.text).toContain('Help');
      expect(index.text).toContain('href="/pages/faq"');
      await get(b, '/pages/faq').expect(404);
      const pageId = (await db(a, (em) => em.findOneByOrFail(StaticPageEntity, { slug: 'faq' })))
        .id;
      await get(b, `/admin/pages/${pageId}`, adminB).expect(404);
      await post(b, `/admin/pages/${pageId}/delete`, adminB, {}).expect(404);
      await get(b, `/admin/topics/${topicId}`, adminB).expect(404);
    });

    it('refuses a taken or malformed address and a missing title', async () => {
      const res = await post(a, '/admin/pages', adminA, { slug: 'terms', 'title.en': 'x' }).expect(
        422,
      );
      expect(res.text).toContain('Another page already uses this address.');
      const bad = await post(a, '/admin/pages', adminA, {
        slug: 'Not OK!',
        'title.fr': 'x',
      }).expect(422);
      expect(bad.text).toContain('Use 1 to 80 lower-case letters');
      expect(bad.text).toContain('Enter a title in English.');
    });

    it('never deletes the terms page, and bumps its version when edited', async () => {
      const terms = await db(a, (em) => em.findOneByOrFail(StaticPageEntity, { slug: 'terms' }));
      expect(terms.version).toBe(1);
      await post(a, `/admin/pages/${terms.id}/delete`, adminA, {}).expect(409);
      await post(a, `/admin/pages/${terms.id}`, adminA, {
        'title.en': 'Terms of service',
        'content.en': '<p>New terms.</p>',
        weight: '0',
      }).expect(303);
      const after = await db(a, (em) => em.findOneByOrFail(StaticPageEntity, { id: terms.id }));
      expect(after.version).toBe(2);
      expect(after.slug).toBe('terms');
      expect((await get(a, '/pages/terms').expect(200)).text).toContain('Version 2');
      const other = await db(b, (em) => em.findOneByOrFail(StaticPageEntity, { slug: 'terms' }));
      expect(other.version).toBe(1);
    });
  });

  describe('languages', () => {
    it('changes the available languages at once; content falls back to the default', async () => {
      const bad = await post(a, '/admin/languages', adminA, { defaultLocale: 'en' }).expect(422);
      expect(bad.text).toContain('Choose at least one language.');
      await post(a, '/admin/languages', adminA, {
        locales: ['en', 'fr', 'es'],
        defaultLocale: 'en',
      }).expect(303);
      await eventually(async () => (await get(a, '/').expect(200)).text.includes('Español'));
      const es = await get(a, '/pages/faq').set('Cookie', 'plaza_locale=es').expect(200);
      expect(es.text).toContain('lang="es"');
      expect(es.text).toContain('<h1>Questions</h1>');
      expect((await get(b, '/').expect(200)).text).not.toContain('Español');
    });
  });
});
