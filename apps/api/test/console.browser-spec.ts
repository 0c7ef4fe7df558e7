import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { AxeResults } from 'axe-core';
import { Browser, chromium, Page } from 'playwright-core';

import { ConsoleRole, ConsoleUsersService, PlansService } from '@plaza/console';
import { ProvisionTenantJob } from '@plaza/tenancy';
import { testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CHROMIUM = '/usr/bin/chromium';
// A real browser on a shared machine: minutes, not the default five seconds.
jest.setTimeout(240_000);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The provider's job in a real browser: a console user signs in, creates an
 * organization, watches it become active (the provisioning worker runs in this
 * process), opens its site, suspends it and sees the 503 page. Then every
 * console page template passes axe-core.
 */
describe('Console in a browser (chromium)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let browser: Browser;
  let port: number;
  const consoleUrl = (path: string) => `http://console.plaza.test:${port}${path}`;

  beforeAll(async () => {
    port = await freePort();
    // Links the console prints (the new site's address) carry this port.
    platform = await TestPlatform.start({ PUBLIC_PORT: String(port) }, [ProvisionTenantJob]);
    app = await createApiApp(platform.config, testLogger());
    await app.listen(port, '127.0.0.1');
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
  });

  async function signIn(page: Page, role: ConsoleRole): Promise<void> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform
      .get(ConsoleUsersService)
      .create({ email, password: PASSWORD, role, name: `Browser ${role}` });
    await page.goto(consoleUrl('/login'));
    await page.fill('#field-email', email);
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL('**/tenants'), page.click('main button[type=submit]')]);
  }

  /** axe-core is evaluated through the DevTools protocol, so the page's strict CSP stays on. */
  async function violations(page: Page): Promise<string[]> {
    await page.evaluate(AXE_SOURCE);
    const results = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    )) as AxeResults;
    expect(results.passes.length).toBeGreaterThan(10);
    return results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }

  it('signs in, creates an organization, watches it become active, opens it, suspends it', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    await signIn(page, 'operator');

    await page.click('a[href="/tenants/new"]');
    await page.waitForURL('**/tenants/new');
    const slug = uniqueSlug('b');
    await page.fill('#field-name', 'Ville du Navigateur');
    await page.fill('#field-slug', slug);
    await page.check('#locale-fr');
    await page.selectOption('#field-defaultLocale', 'fr');
    await page.fill('#field-adminEmail', 'mairie@example.org');
    await page.fill('#field-adminName', 'Camille Maire');
    await Promise.all([
      page.waitForURL(/\/tenants\/[a-z0-9]+$/),
      page.click('main form button[type=submit]'),
    ]);
    // Provisioning, then active: the page follows by itself and links to the site.
    const open = page.locator('a', { hasText: 'Open the site' });
    await open.waitFor({ timeout: 120_000 });
    expect(await page.textContent('main')).toContain('Active');
    const siteUrl = await open.getAttribute('href');
    expect(siteUrl).toBe(`http://${slug}.plaza.test:${port}/`);

    const site = await context.newPage();
    const home = await site.goto(siteUrl as string);
    expect(home?.status()).toBe(200);
    expect(await site.title()).toContain('Ville du Navigateur');
    // The browser asks for English, which the new site offers beside French.
    expect(await site.getAttribute('html', 'lang')).toBe('en');

    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Suspend")')]);
    expect(await page.textContent('main')).toContain('Suspended');
    const unavailable = await site.goto(siteUrl as string);
    expect(unavailable?.status()).toBe(503);
    expect(await site.textContent('body')).toContain(
      'This participation site is temporarily unavailable.',
    );
    await context.close();
  });

  it('every console page template passes axe-core (WCAG 2.1 AA), with and without errors', async () => {
    const code = `a11y-${randomBytes(3).toString('hex')}`;
    await platform.get(PlansService).create({
      code,
      name: 'Accessible',
      monthlyPriceCents: 2500,
      limits: { spaces: 3 },
      features: { customCss: true },
    });
    const tenant = await platform.createTenant({ name: 'Checked', planCode: code });
    const found: Record<string, string[]> = {};
    for (const locale of ['en', 'fr']) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const check = async (name: string) => {
        const problems = await violations(page);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        if (problems.length) found[`${locale} ${name}`] = problems;
      };
      await page.goto(consoleUrl('/login'));
      await check('login');
      await signIn(page, 'owner');
      for (const path of [
        '/tenants',
        '/tenants/new',
        `/tenants/${tenant.id}`,
        `/tenants/${tenant.id}/overrides`,
        '/plans',
        `/plans/${code}`,
        '/audit',
        '/tokens',
        '/me',
        '/users',
      ]) {
        const response = await page.goto(consoleUrl(path));
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await check(path);
      }
      // Forms showing their errors are templates too.
      await page.goto(consoleUrl('/plans'));
      await page.fill('#field-code', 'Not A Code');
      await page.fill('#field-price', 'free');
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      expect(await page.locator('[role=alert]').count()).toBe(1);
      await check('plan form with errors');
      await page.goto(consoleUrl(`/tenants/${tenant.id}/overrides`));
      await page.check('#limit_spaces_custom');
      await page.fill('#field-value_spaces', 'many');
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      expect(await page.locator('[role=alert]').count()).toBe(1);
      await check('overrides with errors');
      await page.goto(consoleUrl('/tenants/new'));
      await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
      expect(await page.locator('[role=alert]').count()).toBe(1);
      await check('new organization with errors');
      await context.close();
    }
    expect(found).toEqual({});
  });
});
