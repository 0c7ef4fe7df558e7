import { randomBytes } from 'node:crypto';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import request from 'supertest';

import { BillingService, DunningService } from '@plaza/billing';
import { AuditEventEntity, ConsoleRole, ConsoleUsersService, PlansService } from '@plaza/console';
import { PlatformDb, TenantRef } from '@plaza/tenancy';
import {
  createUser,
  FakeStripe,
  signInAs,
  testLogger,
  TestPlatform,
  uniqueSlug,
} from '@plaza/testing';

import { createApiApp } from '../src/api.app';

const CONSOLE = 'console.plaza.test';
const PASSWORD = 'correct horse battery staple';

interface Login {
  email: string;
  cookie: string;
  csrfToken: string;
}

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

describe('Billing from the console (real Stripe SDK against a local Stripe server)', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const logins = {} as Record<ConsoleRole, Login>;
  const plan = uniqueSlug('plan');
  const bigPlan = uniqueSlug('big');
  const http = () => request(app.getHttpServer());

  const as = (login: Login) => ({
    get: (path: string) => http().get(path).set('Host', CONSOLE).set('Cookie', login.cookie),
    send: (method: 'post' | 'put' | 'patch', path: string, body: object = {}) =>
      http()
        [method](path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .set('x-csrf-token', login.csrfToken)
        .send(body),
    form: (path: string, body: Record<string, string>) =>
      http()
        .post(path)
        .set('Host', CONSOLE)
        .set('Cookie', login.cookie)
        .type('form')
        .send({ _csrf: login.csrfToken, ...body }),
  });

  async function login(role: ConsoleRole): Promise<Login> {
    const email = `${role}-${randomBytes(4).toString('hex')}@plaza.example`;
    await platform.get(ConsoleUsersService).create({ email, password: PASSWORD, role });
    const res = await http()
      .post('/api/console/v1/session')
      .set('Host', CONSOLE)
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .find((c) => c.startsWith('plaza_console_session='));
    return { email, cookie: cookie ?? '', csrfToken: res.body.csrfToken };
  }

  const priceId = (code: string, period: 'm' | 'y') => `price_${code.replace(/-/g, '_')}_${period}`;

  const auditOf = (tenantId: string) =>
    platform.get(PlatformDb).manager.find(AuditEventEntity, {
      where: { tenantId },
      order: { createdAt: 'ASC' },
    });

  beforeAll(async () => {
    fake = await FakeStripe.start();
    platform = await TestPlatform.start(fake.env());
    app = await createApiApp(platform.config, testLogger());
    for (const role of ['owner', 'operator', 'viewer'] as const) logins[role] = await login(role);
    const plans = platform.get(PlansService);
    await plans.create({
      code: plan,
      name: 'Standard',
      monthlyPriceCents: 9900,
      limits: { participants: 500, spaces: 3, admins: 2 },
      features: {},
    });
    await plans.create({
      code: bigPlan,
      name: 'Big',
      monthlyPriceCents: 29900,
      limits: {},
      features: {},
    });
    fake.addPrice(`price_${plan.replace(/-/g, '_')}_m`, 'month');
    fake.addPrice(`price_${plan.replace(/-/g, '_')}_y`, 'year');
    fake.addPrice(`price_${bigPlan.replace(/-/g, '_')}_y`, 'year');
    fake.addPrice('price_archived', 'month', { active: false });
    // Each test stands alone: the mapping the first test makes through the API, set beforehand.
    const billing = app.get(BillingService);
    await billing.setPrice(plan, 'month', priceId(plan, 'm'));
    await billing.setPrice(plan, 'year', priceId(plan, 'y'));
    await billing.setPrice(bigPlan, 'year', priceId(bigPlan, 'y'));
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await fake?.close();
  });

  it('maps plans to Stripe prices: owners only, each price checked with Stripe', async () => {
    const path = `/api/console/v1/billing/prices/${plan}`;
    await as(logins.operator)
      .send('put', path, { monthly: priceId(plan, 'm') })
      .expect(403);
    await as(logins.viewer)
      .send('put', path, { monthly: priceId(plan, 'm') })
      .expect(403);
    await http()
      .put(path)
      .set('Host', CONSOLE)
      .set('Cookie', logins.owner.cookie)
      .send({ monthly: priceId(plan, 'm') })
      .expect(403);

    const owner = as(logins.owner);
    const missing = await owner.send('put', path, { monthly: 'price_nothing_here' }).expect(400);
    expect(missing.body.fields.monthly).toEqual(['Stripe has no price “price_nothing_here”.']);
    const archived = await owner.send('put', path, { monthly: 'price_archived' }).expect(400);
    expect(archived.body.fields.monthly[0]).toMatch(/archived/);
    const wrongPeriod = await owner.send('put', path, { monthly: priceId(plan, 'y') }).expect(400);
    expect(wrongPeriod.body.fields.monthly[0]).toMatch(/billing period \(Monthly\)/);
    const malformed = await owner.send('put', path, { yearly: 'prod_123', extra: 1 }).expect(400);
    expect(Object.keys(malformed.body.fields).sort()).toEqual(['extra', 'yearly']);
    await owner.send('put', '/api/console/v1/billing/prices/no-such-plan', {}).expect(404);

    const saved = await owner
      .send('put', path, { monthly: priceId(plan, 'm'), yearly: priceId(plan, 'y') })
      .expect(200);
    expect(saved.body.data).toEqual({ monthly: priceId(plan, 'm'), yearly: priceId(plan, 'y') });
    await owner
      .send('put', `/api/console/v1/billing/prices/${bigPlan}`, { yearly: priceId(bigPlan, 'y') })
      .expect(200);
    const list = await as(logins.viewer).get('/api/console/v1/billing/prices').expect(200);
    expect(list.body.data).toEqual(
      expect.arrayContaining([
        { plan, name: 'Standard', monthly: priceId(plan, 'm'), yearly: priceId(plan, 'y') },
      ]),
    );
    const audit = await platform.get(PlatformDb).manager.findOneByOrFail(AuditEventEntity, {
      action: 'billing.prices.update',
      actorEmail: logins.owner.email,
    });
    expect(audit.after).toMatchObject({ plan, monthly: priceId(plan, 'm') });
  });

  it('runs the lifecycle by role: viewers read, operators act, all in the audit log', async () => {
    const tenant = await platform.createTenant({ name: 'Ville de Test' });
    const base = `/api/console/v1/tenants/${tenant.id}/billing`;
    const viewer = as(logins.viewer);
    const operator = as(logins.operator);
    await http().get(base).set('Host', CONSOLE).expect(401);
    const empty = await viewer.get(base).expect(200);
    expect(empty.body.data).toMatchObject({ enabled: true, customer: null, subscription: null });

    const customer = {
      name: 'Ville de Test',
      billingEmail: 'Finances@Ville.example',
      line1: '1 place de la Mairie',
      postalCode: '59000',
      city: 'Lille',
      country: 'fr',
      taxId: 'FR40303265045',
    };
    await viewer.send('put', `${base}/customer`, customer).expect(403);
    await viewer.send('post', `${base}/subscription`, {}).expect(403);
    await viewer.send('post', `${base}/subscription/cancel`).expect(403);
    // The subscription needs the customer first.
    const early = await operator
      .send('post', `${base}/subscription`, {
        plan,
        interval: 'month',
        payment: 'invoice',
        daysUntilDue: 30,
      })
      .expect(409);
    expect(early.body.message).toBe('Create the Stripe customer of this organization first.');

    const saved = await operator.send('put', `${base}/customer`, customer).expect(200);
    expect(saved.body.data).toMatchObject({
      billingEmail: 'finances@ville.example',
      country: 'FR',
      taxId: 'FR40303265045',
    });
    const stripeCustomer = fake.customers.get(saved.body.data.stripeCustomerId);
    expect(stripeCustomer).toMatchObject({
      email: 'finances@ville.example',
      address: {
        line1: '1 place de la Mairie',
        postal_code: '59000',
        city: 'Lille',
        country: 'FR',
      },
      tax_id_data: [{ type: 'eu_vat', value: 'FR40303265045' }],
    });
    const taxIds = () => (stripeCustomer?.tax_ids as { value: string }[]).map((t) => t.value);
    expect(taxIds()).toEqual(['FR40303265045']);
    await operator
      .send('put', `${base}/customer`, { ...customer, taxId: 'FR83404833048' })
      .expect(200);
    expect(taxIds()).toEqual(['FR83404833048']);
    await operator
      .send('put', `${base}/customer`, { ...customer, taxId: 'FR40303265045' })
      .expect(200);
    expect(taxIds()).toEqual(['FR40303265045']);

    const started = await operator
      .send('post', `${base}/subscription`, {
        plan,
        interval: 'year',
        payment: 'invoice',
        daysUntilDue: 45,
        trialEnd: '2099-01-31',
      })
      .expect(201);
    expect(started.body.data.checkoutUrl).toBeNull();
    expect(started.body.data.subscription).toMatchObject({
      plan,
      interval: 'year',
      status: 'trialing',
      collectionMethod: 'send_invoice',
      trialEnd: '2099-01-31T00:00:00.000Z',
    });
    const stripeSub = fake.subscriptions.get(started.body.data.subscription.stripeSubscriptionId);
    expect(stripeSub).toMatchObject({ days_until_due: 45, collection_method: 'send_invoice' });

    const changed = await operator
      .send('patch', `${base}/subscription`, { plan: bigPlan, interval: 'year' })
      .expect(200);
    expect(changed.body.data).toMatchObject({ plan: bigPlan, interval: 'year' });
    const cancelled = await operator.send('post', `${base}/subscription/cancel`).expect(200);
    expect(cancelled.body.data.cancelAtPeriodEnd).toBe(true);
    const resumed = await as(logins.owner).send('post', `${base}/subscription/resume`).expect(200);
    expect(resumed.body.data.cancelAtPeriodEnd).toBe(false);

    fake.addInvoice(started.body.data.subscription.stripeSubscriptionId, 'open');
    const view = await viewer.get(base).expect(200);
    expect(view.body.data.invoices).toHaveLength(1);
    expect(view.body.data.subscription).toMatchObject({ plan: bigPlan, status: 'trialing' });

    const audit = await auditOf(tenant.id);
    expect(audit.map((e) => e.action)).toEqual([
      'billing.customer.save',
      'billing.customer.save',
      'billing.customer.save',
      'billing.subscription.start',
      'billing.subscription.plan',
      'billing.subscription.cancel',
      'billing.subscription.resume',
    ]);
    expect(audit[0].actorEmail).toBe(logins.operator.email);
    expect(audit[1]).toMatchObject({
      before: { taxId: 'FR40303265045' },
      after: { taxId: 'FR83404833048' },
    });
    expect(audit[4]).toMatchObject({
      before: { plan, interval: 'year' },
      after: { plan: bigPlan, interval: 'year' },
    });
    expect(audit[6].actorEmail).toBe(logins.owner.email);
    const listed = await viewer.get(`/api/console/v1/audit-events?tenantId=${tenant.id}`);
    expect(listed.body.data).toHaveLength(7);
  });

  it('answers bad input with 400 and field errors, and a card subscription with a Checkout link', async () => {
    const tenant = await platform.createTenant();
    const base = `/api/console/v1/tenants/${tenant.id}/billing`;
    const operator = as(logins.operator);
    const badCustomer = await operator
      .send('put', `${base}/customer`, { name: '', billingEmail: 'nope', country: 'France' })
      .expect(400);
    expect(Object.keys(badCustomer.body.fields).sort()).toEqual([
      'billingEmail',
      'country',
      'name',
    ]);
    await operator
      .send('put', `${base}/customer`, { name: 'Coop', billingEmail: 'coop@example.org' })
      .expect(200);
    const noDays = await operator
      .send('post', `${base}/subscription`, { plan, interval: 'month', payment: 'invoice' })
      .expect(400);
    expect(noDays.body.fields).toHaveProperty('daysUntilDue');
    const badChoices = await operator
      .send('post', `${base}/subscription`, { plan, interval: 'weekly', payment: 'cash' })
      .expect(400);
    expect(Object.keys(badChoices.body.fields).sort()).toEqual(['interval', 'payment']);
    const past = await operator
      .send('post', `${base}/subscription`, {
        plan,
        interval: 'month',
        payment: 'card',
        trialEnd: '2001-01-01',
      })
      .expect(400);
    expect(past.body.fields.trialEnd).toEqual(['Enter a date in the future, such as 2026-12-31.']);
    const unknown = await operator
      .send('post', `${base}/subscription`, { plan: 'nope', interval: 'month', payment: 'card' })
      .expect(400);
    expect(unknown.body.fields.plan).toEqual(['There is no plan “nope”.']);
    const unpriced = await operator
      .send('post', `${base}/subscription`, { plan: bigPlan, interval: 'month', payment: 'card' })
      .expect(400);
    expect(unpriced.body.fields.plan[0]).toMatch(/no Stripe price/);
    await operator.send('patch', `${base}/subscription`, { plan, interval: 'month' }).expect(409);
    await as(logins.viewer).get('/api/console/v1/tenants/zzzz9999/billing').expect(404);

    const card = await operator
      .send('post', `${base}/subscription`, { plan, interval: 'month', payment: 'card' })
      .expect(201);
    expect(card.body.data).toMatchObject({
      subscription: null,
      checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\//),
    });
    const session = [...fake.checkoutSessions.values()].at(-1) as Record<string, unknown>;
    expect(session).toMatchObject({
      mode: 'subscription',
      line_items: [{ price: priceId(plan, 'm'), quantity: '1' }],
      success_url: `http://${tenant.slug}.plaza.test/admin/billing`,
    });
    expect((await auditOf(tenant.id)).map((e) => e.action)).toEqual([
      'billing.customer.save',
      'billing.checkout.create',
    ]);
  });

  it('has pages: viewers see the state, operators use the forms, errors in the reader’s language', async () => {
    const tenant = await platform.createTenant({ name: 'Commune Page' });
    const path = `/tenants/${tenant.id}/billing`;
    const viewerPage = await as(logins.viewer).get(path).expect(200);
    expect(viewerPage.text).toContain('<h1>Billing of Commune Page</h1>');
    expect(viewerPage.text).not.toContain(`action="${path}/customer"`);
    await as(logins.viewer)
      .form(`${path}/customer`, { name: 'X', billingEmail: 'x@example.org' })
      .expect(403);
    const detail = await as(logins.viewer).get(`/tenants/${tenant.id}`).expect(200);
    expect(detail.text).toContain(`href="${path}"`);

    const operator = as(logins.operator);
    const page = await operator.get(path).set('Accept-Language', 'fr').expect(200);
    const csrf = csrfOf(page.text);
    expect(page.text).toContain(`action="${path}/customer"`);
    const bad = await http()
      .post(`${path}/customer`)
      .set('Host', CONSOLE)
      .set('Cookie', logins.operator.cookie)
      .set('Accept-Language', 'fr')
      .type('form')
      .send({ _csrf: csrf, name: 'Commune', billingEmail: 'pas-un-email', city: 'Lyon' })
      .expect(400);
    expect(bad.text).toContain('Saisissez une adresse email comme finances@example.org.');
    expect(bad.text).toContain('href="#field-billingEmail"');
    expect(bad.text).toContain('aria-describedby="field-billingEmail-error"');
    expect(bad.text).toContain('value="pas-un-email"');
    expect(bad.text).toContain('value="Lyon"');
    await operator
      .form(`${path}/customer`, { name: 'Commune', billingEmail: 'compta@commune.example' })
      .expect(303)
      .expect('location', path);
    const noDays = await operator
      .form(`${path}/subscription`, {
        plan,
        interval: 'month',
        payment: 'invoice',
        daysUntilDue: '',
      })
      .expect(400);
    expect(noDays.text).toContain('Enter a number of days from 1 to 120.');
    await operator
      .form(`${path}/subscription`, {
        plan,
        interval: 'month',
        payment: 'invoice',
        daysUntilDue: '30',
        trialEnd: '',
      })
      .expect(303);
    const running = await operator.get(path).expect(200);
    expect(running.text).toContain('<dt>Status</dt><dd>Active</dd>');
    expect(running.text).toContain(`action="${path}/plan"`);
    expect(running.text).toContain(`action="${path}/cancel"`);
    await operator.form(`${path}/cancel`, {}).expect(303);
    expect((await operator.get(path)).text).toContain(`action="${path}/resume"`);
    const again = await operator
      .form(`${path}/subscription`, { plan, interval: 'month', payment: 'card' })
      .expect(409);
    expect(again.text).toContain('already has a subscription');
    await http()
      .post(`${path}/cancel`)
      .set('Host', CONSOLE)
      .set('Cookie', logins.operator.cookie)
      .type('form')
      .send({})
      .expect(403);
    expect((await auditOf(tenant.id)).map((e) => e.action)).toEqual([
      'billing.customer.save',
      'billing.subscription.start',
      'billing.subscription.cancel',
    ]);

    const byCard = await platform.createTenant();
    await app
      .get(BillingService)
      .ensureCustomer(byCard.id, { name: 'Card', billingEmail: 'card@example.org' });
    const checkout = await operator
      .form(`/tenants/${byCard.id}/billing/subscription`, {
        plan,
        interval: 'month',
        payment: 'card',
        trialEnd: '2099-06-30',
      })
      .expect(200);
    expect(checkout.text).toContain('Send this Checkout link to the organization');
    expect(checkout.text).toMatch(/href="https:\/\/checkout\.stripe\.test\/c_[0-9a-f]+"/);
    const session = [...fake.checkoutSessions.values()].at(-1) as Record<string, unknown>;
    expect(session.subscription_data).toMatchObject({
      trial_end: String(Date.parse('2099-06-30T00:00:00Z') / 1000),
    });

    const prices = await as(logins.owner).get('/billing/prices').expect(200);
    expect(prices.text).toContain(`name="monthly-${plan}"`);
    const badPrice = await as(logins.owner)
      .form('/billing/prices', { [`monthly-${plan}`]: 'price_nothing_here' })
      .set('Accept-Language', 'es')
      .expect(400);
    expect(badPrice.text).toContain('Stripe no tiene el precio «price_nothing_here».');
    expect(badPrice.text).toContain('value="price_nothing_here"');
    const okPrice = await as(logins.owner)
      .form('/billing/prices', {
        [`monthly-${plan}`]: priceId(plan, 'm'),
        [`yearly-${plan}`]: priceId(plan, 'y'),
        [`yearly-${bigPlan}`]: '',
      })
      .expect(200);
    expect(okPrice.text).toContain('The prices are saved.');
    const billing = app.get(BillingService);
    expect((await billing.pricesByPlan()).get(bigPlan)).toBeUndefined();
    expect((await billing.pricesByPlan()).get(plan)).toEqual({
      monthly: priceId(plan, 'm'),
      yearly: priceId(plan, 'y'),
    });
    await billing.setPrice(bigPlan, 'year', priceId(bigPlan, 'y'));
    const viewerPrices = await as(logins.viewer).get('/billing/prices').expect(200);
    expect(viewerPrices.text).not.toContain('<form method="post" action="/billing/prices"');
    await as(logins.operator).form('/billing/prices', {}).expect(403);
  });

  it('shows each organization only its own billing, and the payment banner on every admin page', async () => {
    const a = await platform.createTenant({ name: 'Alpha' });
    const b = await platform.createTenant({ name: 'Beta' });
    await platform
      .get(PlatformDb)
      .query('update platform.tenants set plan_code = $1 where id = $2', [plan, a.id]);
    const billing = app.get(BillingService);
    await billing.ensureCustomer(a.id, { name: 'Alpha', billingEmail: 'a@example.org' });
    const sub = await billing.startSubscription(a.id, {
      planCode: plan,
      interval: 'month',
      collectionMethod: 'send_invoice',
      daysUntilDue: 30,
    });
    const invoice = fake.addInvoice(sub.stripeSubscriptionId, 'open');
    await app.get(DunningService).paymentFailed(a.id, invoice.id as string, null);

    const adminA = await createUser(platform.ctx, a, { roles: ['admin'] });
    const adminB = await createUser(platform.ctx, b, { roles: ['admin'] });
    const participant = await createUser(platform.ctx, a);
    const get = async (tenant: TenantRef, cookie: string, path: string) =>
      (
        await http()
          .get(path)
          .set('Host', `${tenant.slug}.plaza.test`)
          .set('Cookie', cookie)
          .expect(200)
      ).text;
    const cookieA = (await signInAs(app, a, adminA.id)).cookie;
    const cookieB = (await signInAs(app, b, adminB.id)).cookie;
    for (const path of ['/admin', '/admin/appearance', '/admin/billing', '/admin/spaces']) {
      expect(await get(a, cookieA, path)).toContain('A payment failed. Please settle the invoice');
      expect(await get(b, cookieB, path)).not.toContain('A payment failed');
    }
    const participantPage = await get(a, (await signInAs(app, a, participant.id)).cookie, '/');
    expect(participantPage).not.toContain('A payment failed');
    expect(await get(a, cookieA, '/')).not.toContain('A payment failed');

    const pageA = await get(a, cookieA, '/admin/billing');
    expect(pageA).toContain(String(invoice.number));
    expect(pageA).toMatch(
      /<th scope="row">Participants<\/th><td>Not measured yet<\/td><td>500<\/td>/,
    );
    expect(pageA).toMatch(/<th scope="row">Administrators<\/th><td>1<\/td><td>2<\/td>/);
    expect(pageA).toContain('href="/admin/billing" aria-current="page"');
    const pageB = await get(b, cookieB, '/admin/billing');
    expect(pageB).not.toContain(String(invoice.number));
    expect(pageB).toMatch(
      /<th scope="row">Participants<\/th><td>Not measured yet<\/td><td>No limit<\/td>/,
    );

    const french = await http()
      .get('/admin/people')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', `${cookieA}; plaza_locale=fr`)
      .expect(200);
    expect(french.text).toContain('Un paiement a échoué.');
    const frenchBilling = await http()
      .get('/admin/billing')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', `${cookieA}; plaza_locale=fr`)
      .expect(200);
    expect(frenchBilling.text).toContain('<td>À payer</td>');
    expect(frenchBilling.text).toContain('<dd>Actif</dd>');
  });
});

describe('Billing off in the console', () => {
  it('says so on the pages and in the API, and refuses billing actions', async () => {
    const platform = await TestPlatform.start();
    const app = await createApiApp(platform.config, testLogger());
    try {
      const email = `op-${randomBytes(4).toString('hex')}@plaza.example`;
      await platform.get(ConsoleUsersService).create({ email, password: PASSWORD, role: 'owner' });
      const res = await request(app.getHttpServer())
        .post('/api/console/v1/session')
        .set('Host', CONSOLE)
        .send({ email, password: PASSWORD })
        .expect(200);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const tenant = await platform.createTenant();
      const api = await request(app.getHttpServer())
        .get(`/api/console/v1/tenants/${tenant.id}/billing`)
        .set('Host', CONSOLE)
        .set('Cookie', cookie)
        .expect(200);
      expect(api.body.data).toMatchObject({ enabled: false, customer: null, invoices: [] });
      const refused = await request(app.getHttpServer())
        .put(`/api/console/v1/tenants/${tenant.id}/billing/customer`)
        .set('Host', CONSOLE)
        .set('Cookie', cookie)
        .set('x-csrf-token', res.body.csrfToken)
        .send({ name: 'X', billingEmail: 'x@example.org' })
        .expect(503);
      expect(refused.body.message).toMatch(/Billing is off/);
      const page = await request(app.getHttpServer())
        .get(`/tenants/${tenant.id}/billing`)
        .set('Host', CONSOLE)
        .set('Cookie', cookie)
        .expect(200);
      expect(page.text).toContain('Billing is off on this platform');
      expect(page.text).not.toContain('/billing/customer"');
      const prices = await request(app.getHttpServer())
        .get('/billing/prices')
        .set('Host', CONSOLE)
        .set('Cookie', cookie)
        .expect(200);
      expect(prices.text).toContain('Billing is off on this platform');
    } finally {
      await app.close();
      await platform.close();
    }
  });
});
