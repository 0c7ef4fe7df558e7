import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { Browser, chromium, Page } from 'playwright-core';
import sharp from 'sharp';

import { VerificationEntity } from '@plaza/identity';
import { ProposalAttachmentEntity, ProposalsService } from '@plaza/proposals';
import { CommentsService, ModerationEntity } from '@plaza/social';
import {
  ComponentEntity,
  ScopeEntity,
  ScopeTypeEntity,
  SpaceEntity,
  SpacePhaseEntity,
  SpaceRoleEntity,
} from '@plaza/spaces';
import { FILE_TYPES, IMAGE_TYPES, UploadsService } from '@plaza/storage';
import { OrganizationEntity, TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
import { createUser, signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';
import type { CurrentUser } from '@plaza/web';

import { createApiApp } from '../src/api.app';

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Every participation page template, checked with axe-core in Chromium (WCAG 2.1 A and AA). */
describe('Participation pages are axe-clean in a real browser', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let browser: Browser;
  let tenant: TenantRef;
  let admin: TestSession;
  let origin: string;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    tenant = await platform.createTenant({ locales: ['en', 'fr', 'es', 'ca'] });
    origin = `http://${tenant.slug}.plaza.test:${port}`;
    const adminUser = await createUser(platform.ctx, tenant, {
      roles: ['admin'],
      name: 'Ann Admin',
    });
    admin = await signInAs(app, tenant, adminUser.id);
    const author = await createUser(platform.ctx, tenant, { name: 'Ada Author' });
    const ids = await platform.get(TenantDb).runFor(tenant, async (em) => {
      const districtType = await em.save(
        em.create(ScopeTypeEntity, { name: { en: 'District' }, plural: { en: 'Districts' } }),
      );
      const district = await em.save(
        em.create(ScopeEntity, { name: { en: 'North district' }, scopeTypeId: districtType.id }),
      );
      await em.save(em.create(ScopeEntity, { name: { en: 'Harbour' }, parentId: district.id }));
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'a11y',
          scopeId: district.id,
          title: { en: 'Accessible process' },
          subtitle: { en: 'For everyone' },
          metadata: { target: { en: 'Residents' } },
          startDate: '2027-01-01',
          endDate: '2027-12-31',
          publishedAt: new Date(),
        }),
      );
      const assembly = await em.save(
        em.create(SpaceEntity, {
          kind: 'assembly',
          slug: 'council',
          title: { en: 'Council' },
          visibility: 'transparent',
          publishedAt: new Date(),
        }),
      );
      const phase = await em.save(
        em.create(SpacePhaseEntity, {
          spaceId: space.id,
          title: { en: 'Proposals' },
          active: true,
        }),
      );
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
          publishedAt: new Date(),
          settings: { geocoding_enabled: true, attachments_allowed: true },
          stepSettings: {
            [phase.id]: { creation_enabled: true, votes_enabled: true, endorsements_enabled: true },
          },
        }),
      );
      return {
        scopeId: district.id,
        spaceId: space.id,
        assemblyId: assembly.id,
        componentId: component.id,
        phaseId: phase.id,
      };
    });
    const asUser = (u: {
      id: string;
      name: string;
      email: string;
      roles: string[];
    }): CurrentUser => ({
      id: u.id,
      name: u.name,
      nickname: 'n',
      email: u.email,
      locale: null,
      roles: u.roles,
      confirmed: true,
    });
    const proposal = await TenantContext.run(tenant, () =>
      app.get(ProposalsService).create(ids.componentId, asUser(author), {
        title: 'Shade on the square for summer',
        body: 'Plant trees and add benches.',
      }),
    );
    await TenantContext.run(tenant, () =>
      app.get(CommentsService).add('proposal', proposal.id, asUser(adminUser), {
        body: 'Thank you for this idea.',
        alignment: 1,
        parentId: null,
      }),
    );
    // A hero image with its text alternative, and a file attached to the proposal.
    const uploads = app.get(UploadsService);
    const image = await TenantContext.run(tenant, async () =>
      uploads.upload({
        body: await sharp({
          create: { width: 600, height: 200, channels: 3, background: { r: 30, g: 90, b: 160 } },
        })
          .png()
          .toBuffer(),
        originalName: 'hero.png',
        maxBytes: 5_000_000,
        accept: IMAGE_TYPES,
      }),
    );
    const pdf = await TenantContext.run(tenant, () =>
      uploads.upload({
        body: Buffer.from('%PDF-1.4\n%%EOF\n'),
        originalName: 'plan.pdf',
        maxBytes: 5_000_000,
        accept: [FILE_TYPES.pdf],
      }),
    );
    await platform.get(TenantDb).runFor(tenant, async (em) => {
      await em.update(
        SpaceEntity,
        { id: ids.spaceId },
        { heroImageId: image.id, heroImageAlt: { en: 'The town square at dusk' } },
      );
      await em.insert(ProposalAttachmentEntity, {
        proposalId: proposal.id,
        fileId: pdf.id,
        title: 'Site plan',
      });
    });
    // Verifications offered, one request waiting and one granted, and a component requiring it.
    await platform.get(TenantDb).runFor(tenant, async (em) => {
      await em.update(OrganizationEntity, { id: 1 }, { verificationMethods: ['id_documents'] });
      await em.update(
        ComponentEntity,
        { id: ids.componentId },
        { permissions: { comment: { verification: 'id_documents' } } },
      );
      await em.insert(VerificationEntity, [
        {
          userId: author.id,
          method: 'id_documents',
          status: 'pending',
          documentType: 'passport',
          documentNumber: 'X1234567',
          uniqueHash: 'a'.repeat(64),
          numberHint: '567',
        },
        {
          userId: adminUser.id,
          method: 'id_documents',
          status: 'granted',
          documentType: 'national_id',
          documentNumber: null,
          uniqueHash: 'b'.repeat(64),
          numberHint: '89Z',
          decidedAt: new Date(),
        },
      ]);
    });
    // A reported proposal, so the moderation queue shows its table and block form.
    await platform.get(TenantDb).runFor(tenant, (em) =>
      em.insert(ModerationEntity, {
        resourceType: 'proposal',
        resourceId: proposal.id,
        spaceId: ids.spaceId,
        title: proposal.title,
        reportCount: 1,
      }),
    );
    const list = `/processes/a11y/f/${ids.componentId}/proposals`;
    Object.assign(paths, {
      home: '/',
      lastActivity: '/last-activity',
      processes: '/processes',
      process: '/processes/a11y',
      assembly: '/assemblies/council',
      proposals: list,
      proposal: `${list}/${proposal.id}`,
      newProposal: `${list}/new`,
      adminSpaces: '/admin/spaces',
      adminSpace: `/admin/spaces/${ids.spaceId}`,
      adminAssembly: `/admin/spaces/${ids.assemblyId}`,
      adminNewProcess: '/admin/spaces/new?kind=process',
      adminComponent: `/admin/spaces/${ids.spaceId}/components/${ids.componentId}`,
      adminPhase: `/admin/spaces/${ids.spaceId}/phases/${ids.phaseId}`,
      adminProposals: `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/proposals`,
      adminAnswer: `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/proposals/${proposal.id}/answer`,
      adminScopes: '/admin/scopes',
      adminScope: `/admin/scopes/${ids.scopeId}`,
      notifications: '/notifications',
      moderations: '/admin/moderations',
      apiDocs: '/api/v1/docs',
      verifications: '/account/verifications',
      verificationForm: '/account/verifications/id_documents',
      adminVerifications: '/admin/verifications',
      participationSettings: '/admin/participation',
      componentPermissions: `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/permissions`,
    });
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

  async function violations(page: Page, path: string): Promise<string[]> {
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status()).toBe(200);
    return violationsHere(page, path);
  }

  async function violationsHere(page: Page, path: string): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(
      () =>
        (window as unknown as { axe: { run: (o: unknown) => Promise<AxeResult> } }).axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        }) as Promise<AxeResult>,
    );
    return result.violations.map(
      (v) => `${path}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  }

  it('has no WCAG 2.1 AA violations on public, participant and admin pages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'plaza_session', value: admin.cookie.split('=')[1], url: origin },
    ]);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of Object.values(paths)) found.push(...(await violations(page, path)));
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);

  it('has no violations on the proposal form that refused an attached file', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'plaza_session', value: admin.cookie.split('=')[1], url: origin },
    ]);
    const page = await context.newPage();
    await page.goto(`${origin}${paths.newProposal}`);
    await page.fill('#title', 'Shade trees along the avenue');
    await page.fill('#body', 'Plant plane trees along the whole avenue.');
    await page.setInputFiles('#attachment', {
      name: 'map.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ this is a program'),
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('form[enctype="multipart/form-data"] button[type="submit"]'),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState();
    expect(await page.inputValue('#title')).toBe('Shade trees along the avenue');
    expect(await page.getAttribute('#attachment', 'aria-invalid')).toBe('true');
    const found = await violationsHere(page, `${paths.newProposal} (refused file)`);
    await context.close();
    expect(found).toEqual([]);
  }, 60_000);

  it('shares a page: the copy button works from the keyboard and announces the result', async () => {
    // Without bypassCSP: the share script runs under the page's own nonce.
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of [paths.proposal, paths.process]) {
      await page.goto(`${origin}${path}`);
      const copy = page.locator('[data-share-copy]');
      await copy.waitFor({ state: 'visible' });
      await copy.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => !!document.querySelector('[data-share-status]')?.textContent,
      );
      expect(await page.locator('[data-share-status]').textContent()).toMatch(
        /^(Link copied\.|The link could not be copied: .*)$/,
      );
      const field = await page.locator('#share-url').inputValue();
      expect(field).toBe(`http://${tenant.slug}.plaza.test${path}`);
      // The copied text is the selected field (the fallback) or the clipboard's content.
      const selected = await page.evaluate(() => {
        const input = document.getElementById('share-url') as HTMLInputElement;
        return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
      });
      expect(selected).toBe(field);
      expect(await page.locator('a', { hasText: 'Share on Telegram' }).getAttribute('href')).toBe(
        `https://t.me/share/url?url=${encodeURIComponent(field)}&text=${encodeURIComponent(
          path === paths.process ? 'Accessible process' : 'Shade on the square for summer',
        )}`,
      );
    }
    await context.close();
  });

  it('has no violations on the pages of a person with a space role', async () => {
    const valuator = await createUser(platform.ctx, tenant, { name: 'Val Valuator' });
    await platform.get(TenantDb).runFor(tenant, async (em) => {
      const space = await em.findOneByOrFail(SpaceEntity, { slug: 'a11y' });
      await em.insert(SpaceRoleEntity, [
        { spaceId: space.id, userId: valuator.id, role: 'valuator' },
        { spaceId: space.id, userId: valuator.id, role: 'moderator' },
      ]);
    });
    const session = await signInAs(app, tenant, valuator.id);
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([
      { name: 'plaza_session', value: session.cookie.split('=')[1], url: origin },
    ]);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of ['/admin/spaces', '/processes', paths.adminProposals])
      found.push(...(await violations(page, path)));
    await context.close();
    expect(found).toEqual([]);
  }, 60_000);
});
