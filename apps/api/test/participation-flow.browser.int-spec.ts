import { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { Browser, BrowserContext, chromium } from 'playwright-core';

import { TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

/**
 * In Chromium, through the forms only: an admin creates a process with a phase and a
 * proposals component; a participant proposes; another supports and comments; the
 * author finds the notification.
 */
describe('Participation flow in a browser', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let browser: Browser;
  let tenant: TenantRef;
  let origin: string;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    tenant = await platform.createTenant({ locales: ['en'] });
    origin = `http://${tenant.slug}.plaza.test:${port}`;
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
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  async function as(roles: ('admin' | 'user_manager')[], name: string): Promise<BrowserContext> {
    const user = await createUser(platform.ctx, tenant, { roles, name });
    const session = await signInAs(app, tenant, user.id);
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'plaza_session', value: session.cookie.split('=')[1], url: origin },
    ]);
    return context;
  }

  it('admin sets up, participants propose, support, comment and get notified', async () => {
    const admin = await (await as(['admin'], 'Ann Admin')).newPage();
    await admin.goto(`${origin}/admin/spaces/new?kind=process`);
    await admin.getByLabel('Title (English)').first().fill('Green city');
    await admin.getByLabel('Address (slug)').fill('green-city');
    await admin.getByLabel('Published', { exact: true }).check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.waitForURL(/\/admin\/spaces\/[0-9a-f-]{36}$/);

    await admin.locator('#phase_title_en').fill('Ideas phase');
    await admin.getByRole('button', { name: 'Add a phase' }).click();
    await admin.locator('#name_en').fill('Ideas');
    await admin.getByRole('button', { name: 'Add a component' }).click();
    await admin.waitForURL(/\/components\/[0-9a-f-]{36}$/);
    const phase = admin.locator('fieldset', { hasText: 'Settings during “Ideas phase”' });
    await phase.getByLabel('Participants can create proposals').check();
    await phase.getByLabel('Supports enabled').check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('link', { name: 'Green city' }).click();
    await admin.getByRole('button', { name: 'Publish' }).click();

    const author = await (await as([], 'Ada Author')).newPage();
    await author.goto(`${origin}/processes/green-city`);
    await author.getByRole('link', { name: 'Ideas' }).click();
    await author.getByRole('link', { name: 'New proposal' }).click();
    await author.getByLabel('Title').fill('A garden on every roof');
    await author.getByLabel('Text').fill('Roof gardens cool buildings in summer.');
    await author.getByRole('button', { name: 'Publish proposal' }).click();
    await author.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    const proposalUrl = author.url();

    const supporter = await (await as([], 'Sam Supporter')).newPage();
    await supporter.goto(proposalUrl);
    await supporter.getByRole('button', { name: 'Support', exact: true }).click();
    await supporter.waitForURL(proposalUrl);
    expect(await supporter.textContent('main')).toContain('1 supports');
    await supporter.locator('#new-comment-body').fill('Yes, and on schools first.');
    await supporter.getByRole('button', { name: 'Publish comment' }).click();
    await supporter.waitForURL(/#comment-/);
    expect(await supporter.textContent('#comments')).toContain('Yes, and on schools first.');

    await author.goto(`${origin}/notifications`);
    expect(await author.textContent('main')).toContain('New comment on “A garden on every roof”');
  }, 120_000);
});
