import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import {
  AuditEventEntity,
  ConsoleRole,
  ConsoleUsersService,
  PlanEntity,
  PlansService,
} from '@plaza/console';
import { PlatformDb } from '@plaza/tenancy';
import { testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

function cookieOf(res: request.Response): string {
  return [res.headers['set-cookie']]
    .flat()
    .filter(Boolean)
    .map((c) => String(c).split(';')[0])
    .find((c) => c.startsWith('plaza_console_session=')) as string;
}

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('Console pages: plans and per-organization exceptions', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  type Login = { cookie: string; csrf: string };

  async function signIn(role: ConsoleRole): Promise<Login> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform
      .get(ConsoleUsersService)
      .create({ email, password: PASSWORD, role, name: `A ${role}` });
    const form = await http().get('/login').set('Host', CONSOLE).expect(200);
    const res = await http()
      .post('/login')
      .set('Host', CONSOLE)
      .set('Cookie', cookieOf(form))
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password: PASSWORD, back: '/plans' })
      .expect(303);
    const cookie = cookieOf(res);
    const page = await http().get('/plans').set('Host', CONSOLE).set('Cookie', cookie).expect(200);
    return { cookie, csrf: csrfOf(page.text) };
  }
  const get = (who: Login, path: string) =>
    http().get(path).set('Host', CONSOLE).set('Cookie', who.cookie);
  const post = (who: Login, path: string, body: Record<string, string>) =>
    http()
      .post(path)
      .set('Host', CONSOLE)
      .set('Cookie', who.cookie)
      .type('form')
      .send({ _csrf: who.csrf, ...body });
  const lastAudit = (action: string) =>
    platform
      .get(PlatformDb)
      .manager.findOne(AuditEventEntity, { where: { action }, order: { createdAt: 'DESC' } });

  beforeAll(async () => {
    platform = await TestPlatform.start();
    app = await createApiApp(platform.config, testLogger());
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('lets owners create, edit and delete plans, with translated field errors and audit events', async () => {
    const owner = await signIn('owner');
    const list = await get(owner, '/plans').expect(200);
    expect(list.text).toContain('href="/plans" aria-current="page"');
    expect(list.text).toContain('<label for="field-code">Code</label>');

    const bad = await post(owner, '/plans', {
      code: 'Bad Code',
      name: '',
      price: '12,345',
      currency: 'euro',
      limit_spaces: '-1',
      limit_participants: '500',
    })
      .set('Accept-Language', 'fr')
      .expect(422);
    expect(bad.text).toContain('role="alert"');
    expect(bad.text).toContain('href="#field-code"');
    expect(bad.text).toContain('Saisissez un prix comme 49 ou 49,90.');
    expect(bad.text).toContain('Saisissez un nombre entier à partir de 0');
    expect(bad.text).toContain('aria-invalid="true"');
    // Nothing typed is lost.
    expect(bad.text).toContain('value="Bad Code"');
    expect(bad.text).toContain('value="500"');

    const code = `p-${randomBytes(3).toString('hex')}`;
    await post(owner, '/plans', {
      code,
      name: 'Town',
      price: '49,90',
      currency: 'eur',
      limit_spaces: '5',
      limit_participants: '',
      limit_storageMb: '1024',
      limit_admins: '2',
      feature_customCss: 'on',
    })
      .expect(303)
      .expect('location', `/plans/${code}?saved=1`);
    const created = await platform.get(PlansService).get(code);
    expect(created).toMatchObject({
      name: 'Town',
      monthlyPriceCents: 4990,
      currency: 'EUR',
      limits: { spaces: 5, participants: null, storageMb: 1024, admins: 2 },
      features: { customCss: true, customDomain: false, newsletter: false, apiAccess: false },
    });
    expect((await lastAudit('plan.create'))?.after).toMatchObject({
      code,
      monthlyPriceCents: 4990,
    });
    const taken = await post(owner, '/plans', { code, name: 'Again', price: '1', currency: 'EUR' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('Another plan already uses this code.');

    const page = await get(owner, `/plans/${code}?saved=1`).expect(200);
    expect(page.text).toContain('The plan was saved.');
    expect(page.text).toContain('value="49.90"');
    await post(owner, `/plans/${code}`, {
      name: 'Town+',
      price: '59',
      currency: 'EUR',
      limit_spaces: '',
      limit_participants: '800',
      limit_storageMb: '1024',
      limit_admins: '2',
      feature_newsletter: 'on',
    }).expect(303);
    const updated = await platform.get(PlansService).get(code);
    expect(updated).toMatchObject({
      name: 'Town+',
      monthlyPriceCents: 5900,
      limits: { spaces: null, participants: 800 },
      features: { customCss: false, newsletter: true },
    });
    const audit = await lastAudit('plan.update');
    expect(audit?.before).toMatchObject({ name: 'Town', limits: { spaces: 5 } });
    expect(audit?.after).toMatchObject({ name: 'Town+', limits: { spaces: null } });
    const badEdit = await post(owner, `/plans/${code}`, {
      name: 'Town+',
      price: 'free',
      currency: 'EUR',
    }).expect(422);
    expect(badEdit.text).toContain('Enter a price such as 49 or 49.90.');

    // In use: refused with the reason; unused: deleted.
    const tenant = await platform.createTenant({ planCode: code });
    const inUse = await post(owner, `/plans/${code}/delete`, {}).expect(409);
    expect(inUse.text).toContain('This plan is used by 1 organization(s)');
    await platform
      .get(PlatformDb)
      .manager.query('update platform.tenants set plan_code = null where id = $1', [tenant.id]);
    await post(owner, `/plans/${code}/delete`, {}).expect(303).expect('location', '/plans');
    expect(await platform.get(PlatformDb).manager.existsBy(PlanEntity, { code })).toBe(false);
    expect((await lastAudit('plan.delete'))?.before).toMatchObject({ code });
  });

  it('shows plans read-only to operators and viewers and refuses their writes', async () => {
    const code = `r-${randomBytes(3).toString('hex')}`;
    await platform.get(PlansService).create({
      code,
      name: 'Readable',
      monthlyPriceCents: 1000,
      limits: { spaces: 3 },
      features: { customDomain: true },
    });
    for (const role of ['viewer', 'operator'] as const) {
      const who = await signIn(role);
      const list = await get(who, '/plans').expect(200);
      expect(list.text).toContain('Readable');
      expect(list.text).toContain('Only owners create and change plans.');
      expect(list.text).not.toContain('action="/plans"');
      const page = await get(who, `/plans/${code}`).expect(200);
      expect(page.text).toContain('<dt>Participatory spaces</dt><dd>3</dd>');
      expect(page.text).not.toContain('<form method="post" action="/plans/');
      await post(who, '/plans', { code: `x-${role}`, name: 'X', price: '0' }).expect(403);
      await post(who, `/plans/${code}`, { name: 'Hacked', price: '0', currency: 'EUR' }).expect(
        403,
      );
      await post(who, `/plans/${code}/delete`, {}).expect(403);
    }
    expect((await platform.get(PlansService).get(code)).name).toBe('Readable');
  });

  it('lets owners set exceptions for one organization from its page; others see them', async () => {
    const code = `o-${randomBytes(3).toString('hex')}`;
    await platform.get(PlansService).create({
      code,
      name: 'Hamlet',
      monthlyPriceCents: 0,
      limits: { spaces: 2, participants: 100 },
      features: { customDomain: false },
    });
    const tenant = await platform.createTenant({ name: 'Excepted', planCode: code });
    const other = await platform.createTenant({ name: 'Untouched', planCode: code });
    const owner = await signIn('owner');
    const detail = await get(owner, `/tenants/${tenant.id}`).expect(200);
    expect(detail.text).toContain('Plan allowance');
    expect(detail.text).toContain(`href="/tenants/${tenant.id}/overrides"`);

    const form = await get(owner, `/tenants/${tenant.id}/overrides`).expect(200);
    expect(form.text).toContain('As the plan (2)');
    const bad = await post(owner, `/tenants/${tenant.id}/overrides`, {
      limit_spaces: 'custom',
      value_spaces: 'ten',
    }).expect(422);
    expect(bad.text).toContain('href="#field-value_spaces"');
    expect(bad.text).toContain('Enter a whole number from 0 for the other value.');
    expect(bad.text).toContain('value="ten"');

    await post(owner, `/tenants/${tenant.id}/overrides`, {
      limit_spaces: 'custom',
      value_spaces: '10',
      limit_participants: 'unlimited',
      limit_storageMb: 'plan',
      limit_admins: 'plan',
      feature_customDomain: 'on',
      feature_customCss: 'plan',
    })
      .expect(303)
      .expect('location', `/tenants/${tenant.id}#plan-allowance`);
    const effective = await platform.get(PlansService).effective(tenant.id);
    expect(effective.limits).toMatchObject({ spaces: 10, participants: null });
    expect(effective.features.customDomain).toBe(true);
    expect((await platform.get(PlansService).effective(other.id)).limits.spaces).toBe(2);
    const audit = await lastAudit('tenant.overrides');
    expect(audit).toMatchObject({
      tenantId: tenant.id,
      after: { limits: { spaces: 10, participants: null }, features: { customDomain: true } },
    });

    const operator = await signIn('operator');
    const seen = await get(operator, `/tenants/${tenant.id}`).expect(200);
    expect(seen.text).toContain('Participatory spaces: 10 (exception)');
    expect(seen.text).not.toContain(`href="/tenants/${tenant.id}/overrides"`);
    await get(operator, `/tenants/${tenant.id}/overrides`).expect(403);
    await post(operator, `/tenants/${tenant.id}/overrides`, { limit_spaces: 'unlimited' }).expect(
      403,
    );
    expect((await platform.get(PlansService).effective(tenant.id)).limits.spaces).toBe(10);
  });
});
