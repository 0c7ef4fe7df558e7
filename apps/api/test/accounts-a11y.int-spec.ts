import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { Browser, chromium, Page } from 'playwright-core';

import { hashPassword } from '@plaza/core';
import { TenantRef } from '@plaza/tenancy';
import { createUser, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const PASSWORD = 'correct horse battery staple';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A and AA rules of axe-core, in Debian's chromium. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[]; passes: unknown[] };
    return { violations: result.violations, checked: result.passes.length };
  });
  // An empty page would pass too: make sure axe had something to check.
  expect(found.checked).toBeGreaterThan(10);
  return found.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('Account and admin pages pass axe-core (WCAG 2.1 AA)', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let browser: Browser;
  let tenant: TenantRef;
  let base: string;

  beforeAll(async () => {
    platform = await TestPlatform.start({ BASE_DOMAIN: 'localhost' });
    app = await createApiApp(platform.config, testLogger());
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    tenant = await platform.createTenant({ name: 'Alpha' });
    base = `http://${tenant.slug}.localhost:${port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  it('visitor pages, with and without errors', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const problems: Record<string, string[]> = {};
    for (const path of ['/users/sign_in', '/users/sign_up', '/users/password/new']) {
      await page.goto(base + path);
      problems[path] = await violations(page);
    }
    await page.goto(`${base}/users/sign_up`);
    await page.click('button[type=submit].primary');
    await page.waitForSelector('.error-summary');
    problems['sign_up with errors'] = await violations(page);
    await page.goto(`${base}/users/sign_in`);
    await page.fill('#field-email', 'nobody@example.org');
    await page.fill('#field-password', 'wrong password');
    await page.click('button[type=submit].primary');
    await page.waitForSelector('.error-summary');
    problems['sign_in with errors'] = await violations(page);
    await context.close();
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
  });

  it('signed-in and admin pages', async () => {
    const admin = await createUser(platform.ctx, tenant, {
      name: 'Admin',
      roles: ['admin'],
      passwordHash: await hashPassword(PASSWORD),
    });
    await createUser(platform.ctx, tenant, { name: 'Someone' });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/users/sign_in`);
    await page.fill('#field-email', admin.email);
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit].primary')]);
    const problems: Record<string, string[]> = {};
    for (const path of [
      '/account',
      '/account/two_factor',
      '/account/tokens',
      '/users/terms',
      '/admin/people',
      '/admin/people/invite',
      `/admin/people/${admin.id}`,
      '/admin/logs',
      '/admin/security',
    ]) {
      await page.goto(base + path);
      problems[path] = await violations(page);
    }
    // The API tokens page with a new token shown once, with a listed token, and with errors.
    await page.goto(`${base}/account/tokens`);
    await page.fill('#field-name', 'My script');
    await page.click('form[action="/account/tokens"] button[type=submit]');
    await page.waitForSelector('#new-token');
    problems['tokens created'] = await violations(page);
    await page.fill('#field-name', '');
    await page.click('form[action="/account/tokens"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    problems['tokens with errors'] = await violations(page);
    await context.close();
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
  });
});
