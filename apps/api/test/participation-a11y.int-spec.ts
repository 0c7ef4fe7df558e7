import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { Browser, chromium, Page } from 'playwright-core';

import { ProposalsService } from '@plaza/proposals';
import { CommentsService } from '@plaza/social';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantContext, TenantDb, TenantRef } from '@plaza/tenancy';
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
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'a11y',
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
          settings: { geocoding_enabled: true },
          stepSettings: {
            [phase.id]: { creation_enabled: true, votes_enabled: true, endorsements_enabled: true },
          },
        }),
      );
      return {
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
      notifications: '/notifications',
      moderations: '/admin/moderations',
      apiDocs: '/api/v1/docs',
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
});
