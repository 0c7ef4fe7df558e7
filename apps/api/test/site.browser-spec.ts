import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { AxeResults } from 'axe-core';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

import { TenantDb, TenantRef, TenantRegistry } from '@plaza/tenancy';
import { createUser, eventually, signInAs, testLogger, TestPlatform } from '@plaza/testing';
import { ContentBlockEntity, StaticPageEntity, StaticPageTopicEntity } from '@plaza/theming';

import { createApiApp } from '../src/api.app';

const CHROMIUM = '/usr/bin/chromium';
// A real browser on a shared machine: minutes, not the default five seconds.
jest.setTimeout(180_000);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every page template in a real browser, as a visitor and as an admin, in two
 * languages: axe-core finds no serious or critical violation. Then the header
 * and an admin form with the keyboard alone.
 */
describe('Tenant site in a browser (axe-core, keyboard)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let browser: Browser;
  let storageDir: string;
  let tenant: TenantRef;
  let suspended: TenantRef;
  let archived: TenantRef;
  let adminCookie: string;
  let port: number;
  const ids: Record<string, string> = {};
  const origin = (t: TenantRef) => `http://${t.slug}.plaza.test:${port}`;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-browser-'));
    platform = await TestPlatform.start({ STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir });
    app = await createApiApp(platform.config, testLogger());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    tenant = await platform.createTenant({ name: 'Ville Test', locales: ['en', 'fr'] });
    suspended = await platform.createTenant({ name: 'Dormant', locales: ['en', 'fr'] });
    await platform.get(TenantRegistry).setStatus(suspended.id, 'suspended');
    archived = await platform.createTenant({ name: 'Archive', locales: ['en', 'fr'] });
    await platform.get(TenantRegistry).setStatus(archived.id, 'archived');
    const admin = await createUser(platform.ctx, tenant, { name: 'Ada Admin', roles: ['admin'] });
    adminCookie = (await signInAs(app, tenant, admin.id)).cookie;
    await platform.get(TenantDb).runFor(tenant, async (em) => {
      const topic = await em.save(
        em.create(StaticPageTopicEntity, { title: { en: 'Help', fr: 'Aide' } }),
      );
      ids.topic = topic.id;
      await em.save(
        em.create(StaticPageEntity, {
          slug: 'faq',
          title: { en: 'Questions', fr: 'Questions' },
          content: { en: '<p>Answers.</p>', fr: '<p>Réponses.</p>' },
          topicId: topic.id,
          weight: 1,
        }),
      );
      ids.terms = (await em.findOneByOrFail(StaticPageEntity, { slug: 'terms' })).id;
      const blocks = await em.find(ContentBlockEntity, { order: { position: 'ASC' } });
      ids.hero = blocks.find((b) => b.kind === 'hero')?.id as string;
      const html = await em.save(
        em.create(ContentBlockEntity, {
          kind: 'html',
          position: 100,
          settings: { title: { en: 'Note' }, body: { en: '<p>Welcome.</p>' } },
        }),
      );
      ids.html = html.id;
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP *.plaza.test 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await platform?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  async function contextFor(locale: string, asAdmin: boolean): Promise<BrowserContext> {
    const context = await browser.newContext({ locale });
    const domain = `${tenant.slug}.plaza.test`;
    const cookies = [{ name: 'plaza_locale', value: locale, domain, path: '/' }];
    if (asAdmin) {
      const [name, value] = adminCookie.split('=');
      cookies.push({ name, value, domain, path: '/' });
    }
    await context.addCookies(cookies);
    return context;
  }

  /** axe-core is evaluated through the DevTools protocol, so the page's strict CSP stays on. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.evaluate(AXE_SOURCE);
    const results = (await page.evaluate(() =>
      (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run(),
    )) as AxeResults;
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  const visitorPages = () => [
    { url: `${origin(tenant)}/`, status: 200 },
    { url: `${origin(tenant)}/pages`, status: 200 },
    { url: `${origin(tenant)}/pages/faq`, status: 200 },
    { url: `${origin(tenant)}/pages/terms`, status: 200 },
    { url: `${origin(tenant)}/last-activity`, status: 200 },
    { url: `${origin(tenant)}/no-such-page`, status: 404 },
    { url: `${origin(suspended)}/`, status: 503 },
    // Read-only, with the archived notice.
    { url: `${origin(archived)}/`, status: 200 },
  ];
  const adminPages = () => [
    '/admin',
    '/admin/organization',
    '/admin/appearance',
    '/admin/homepage',
    `/admin/homepage/${ids.hero}`,
    `/admin/homepage/${ids.html}`,
    '/admin/pages',
    '/admin/pages/new',
    `/admin/pages/${ids.terms}`,
    '/admin/topics',
    '/admin/topics/new',
    `/admin/topics/${ids.topic}`,
    '/admin/languages',
    '/admin/people',
    '/admin/billing',
  ];

  it.each([
    ['en', false],
    ['fr', false],
    ['en', true],
    ['fr', true],
  ])('every page template has no serious violation (%s, admin: %s)', async (locale, asAdmin) => {
    const context = await contextFor(locale as string, asAdmin as boolean);
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        cspErrors.push(m.text());
    });
    const targets = [
      ...visitorPages(),
      ...(asAdmin ? adminPages().map((p) => ({ url: `${origin(tenant)}${p}`, status: 200 })) : []),
    ];
    const found: Record<string, string[]> = {};
    for (const target of targets) {
      const response = await page.goto(target.url);
      expect({ url: target.url, status: response?.status() }).toEqual({
        url: target.url,
        status: target.status,
      });
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      const violations = await seriousViolations(page);
      if (violations.length) found[target.url] = violations;
    }
    if (asAdmin) {
      // A form showing its errors is a template too.
      await page.goto(`${origin(tenant)}/admin/appearance`);
      await page.fill('#field-primaryColor', '#ffcc00');
      await Promise.all([
        page.waitForNavigation(),
        page.click('form#appearance-form button[type=submit]'),
      ]);
      expect(await page.locator('[role=alert]').count()).toBe(1);
      const violations = await seriousViolations(page);
      if (violations.length) found['appearance with errors'] = violations;
    }
    expect(found).toEqual({});
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('reaches the skip link, navigation, language switcher and account in order with Tab', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    await page.goto(`${origin(tenant)}/`);
    const stops: string[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return `${el?.tagName.toLowerCase()}:${(el?.textContent ?? '').trim()}`;
        }),
      );
    }
    const at = (stop: string) => stops.indexOf(stop);
    expect(stops[0]).toBe('a:Skip to content');
    expect(at('a:Home')).toBeGreaterThan(0);
    expect(at('a:Processes')).toBeGreaterThan(at('a:Home'));
    expect(at('a:Administration')).toBeGreaterThan(at('a:Processes'));
    expect(at('a:Français')).toBeGreaterThan(at('a:Administration'));
    expect(at('button:Sign out')).toBeGreaterThan(at('a:Français'));

    // The skip link takes keyboard focus to the main content.
    await page.goto(`${origin(tenant)}/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      (await page.evaluate(() => document.activeElement?.id)) === 'main' ? true : undefined,
    );
    await context.close();
  });

  it('previews colours live with the small nonce script, and only colours that pass', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    await page.goto(`${origin(tenant)}/admin/appearance`);
    const previewPrimary = () =>
      page.evaluate(() =>
        getComputedStyle(document.getElementById('appearance-preview') as HTMLElement)
          .getPropertyValue('--preview-primaryColor')
          .trim(),
      );
    await page.fill('#field-primaryColor', '#0b5394');
    expect(await page.textContent('#primaryColor-ratio')).toMatch(/^Contrast with white: 7\.83:1$/);
    expect(await previewPrimary()).toBe('#0b5394');
    await page.fill('#field-primaryColor', '#ffcc00');
    expect(await page.textContent('#primaryColor-ratio')).toMatch(
      /^Contrast with white: 1\.\d\d:1$/,
    );
    expect(await previewPrimary()).toBe('#0b5394');
    await context.close();
  });

  it('fills and sends an admin form with the keyboard alone', async () => {
    const context = await contextFor('en', true);
    const page = await context.newPage();
    await page.goto(`${origin(tenant)}/admin/topics/new`);
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
          return;
      }
      throw new Error(`${selector} cannot be reached with Tab`);
    };
    await tabTo('[name="title.en"]');
    await page.keyboard.type('Keyboard topic');
    await tabTo('[name="weight"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await tabTo('button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${origin(tenant)}/admin/topics?saved=1`);
    expect(await page.textContent('main')).toContain('Keyboard topic');
    await context.close();
  });
});
