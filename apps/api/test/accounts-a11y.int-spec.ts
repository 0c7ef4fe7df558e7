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

  it('picture, newsletter, public profile and notification settings, used with the keyboard', async () => {
    const person = await createUser(platform.ctx, tenant, {
      name: 'Keyboard Person',
      nickname: 'keyboard',
      passwordHash: await hashPassword(PASSWORD),
    });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/users/sign_in`);
    await page.fill('#field-email', person.email);
    await page.fill('#field-password', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.press('#field-password', 'Enter')]);
    const problems: Record<string, string[]> = {};
    await page.goto(`${base}/account`);
    problems['/account with initials'] = await violations(page);

    // A refused file: the error summary links to the field.
    await page.setInputFiles('#field-avatar', {
      name: 'me.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await page.focus('#field-avatar');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Upload the picture',
    );
    await Promise.all([page.waitForSelector('.error-summary'), page.keyboard.press('Enter')]);
    problems['/account avatar refused'] = await violations(page);

    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.setInputFiles('#field-avatar', {
      name: 'me.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await page.focus('#field-avatar');
    await page.keyboard.press('Tab');
    await Promise.all([
      page.waitForSelector('text=Your picture has been updated.'),
      page.keyboard.press('Enter'),
    ]);
    problems['/account with a picture'] = await violations(page);

    await page.focus('#field-newsletter');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await Promise.all([
      page.waitForSelector('text=Your newsletter choice has been saved.'),
      page.keyboard.press('Enter'),
    ]);
    problems['/account newsletter saved'] = await violations(page);

    await page.goto(`${base}/profiles/keyboard`);
    problems['/profiles/:nickname'] = await violations(page);

    await page.goto(`${base}/account/notifications`);
    problems['/account/notifications'] = await violations(page);
    await page.focus('#freq-real_time');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#freq-daily')).toBe(true);
    await page.focus('#event-mentioned');
    await page.keyboard.press('Space');
    await page.focus('button[type=submit].primary');
    await Promise.all([
      page.waitForSelector('text=Your notification settings have been saved.'),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.isChecked('#freq-daily')).toBe(true);
    expect(await page.isChecked('#event-mentioned')).toBe(false);
    problems['/account/notifications saved'] = await violations(page);
    await page.goto(`${base}/account/notifications`);
    await page.evaluate(() => {
      document
        .querySelectorAll<HTMLInputElement>('[name=email_frequency]')
        .forEach((radio) => (radio.value = 'hourly'));
    });
    await Promise.all([
      page.waitForSelector('.error-summary'),
      page.click('button[type=submit].primary'),
    ]);
    problems['/account/notifications with an error'] = await violations(page);
    await context.close();
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
  });
});
