import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, TestingModule } from '@nestjs/testing';

import Stripe from 'stripe';
import request from 'supertest';

import { AuditEventEntity } from '@plaza/console';
import { PlatformDb, TenantRef, TenantRegistry } from '@plaza/tenancy';
import {
  createUser,
  eventually,
  FakeStripe,
  signInAs,
  testLogger,
  TestPlatform,
  TestSmtp,
} from '@plaza/testing';

import { createApiApp } from '../../../apps/api/src/api.app';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import {
  BillingActivityEntity,
  BillingEventEntity,
  BillingSubscriptionEntity,
} from './billing.entities';
import { BillingService } from './billing.service';
import { DunningService } from './dunning.service';
import { BILLING_CLOCK } from './stripe.client';

const DAY = 24 * 3600 * 1000;

describe('Billing with Stripe (real SDK against a local Stripe server)', () => {
  let fake: FakeStripe;
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let api: NestFastifyApplication;
  let worker: TestingModule;
  let clock = new Date('2026-03-01T09:00:00Z');
  const stripe = new Stripe('sk_test_signing_only');

  beforeAll(async () => {
    fake = await FakeStripe.start();
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({ ...fake.env(), SMTP_URL: smtp.url });
    api = await createApiApp(platform.config, testLogger());
    worker = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(platform.config, testLogger())],
    })
      .overrideProvider(BILLING_CLOCK)
      .useValue(() => clock)
      .compile();
    await worker.init();
    const billing = worker.get(BillingService);
    await billing.setPrice('standard', 'month', 'price_standard_month');
    await billing.setPrice('premium', 'year', 'price_premium_year');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await platform?.close();
    await smtp?.close();
    await fake?.close();
  });

  const webhook = (event: Record<string, unknown>, secret = 'whsec_plazafake') => {
    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    return request(api.getHttpServer())
      .post('/webhooks/stripe')
      .set('Host', 'console.plaza.test')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload);
  };
  let seq = 0;
  const event = (type: string, object: Record<string, unknown>) => ({
    id: `evt_${Date.now()}_${++seq}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    api_version: '2026-10-28.endive',
  });
  const processed = (eventId: string) =>
    eventually(
      async () =>
        (await platform.get(PlatformDb).manager.findOneBy(BillingEventEntity, { id: eventId }))
          ?.processedAt,
    );

  async function subscribedTenant(): Promise<{ tenant: TenantRef; subscriptionId: string }> {
    const tenant = await platform.createTenant({ name: 'Billed City' });
    const billing = worker.get(BillingService);
    await billing.ensureCustomer(tenant.id, {
      name: 'Ville de Test',
      billingEmail: `finance-${tenant.slug}@example.org`,
      taxId: 'FR123',
    });
    const subscription = await billing.startSubscription(tenant.id, {
      planCode: 'standard',
      interval: 'month',
      collectionMethod: 'send_invoice',
      daysUntilDue: 30,
    });
    return { tenant, subscriptionId: subscription.stripeSubscriptionId };
  }

  it('creates one customer and one subscription even when the calls are retried', async () => {
    const tenant = await platform.createTenant();
    const billing = worker.get(BillingService);
    const input = { name: 'Coop', billingEmail: 'billing@coop.example' };
    await Promise.all(
      [billing.ensureCustomer(tenant.id, input), billing.ensureCustomer(tenant.id, input)].map(
        (p) => p.catch(() => null),
      ),
    );
    await billing.ensureCustomer(tenant.id, input);
    const customers = [...fake.customers.values()].filter(
      (c) => (c.metadata as Record<string, string>)?.plaza_tenant_id === tenant.id,
    );
    expect(customers).toHaveLength(1);
    const keys = fake.requests
      .filter((r) => r.path === '/v1/customers' && r.idempotencyKey)
      .map((r) => r.idempotencyKey);
    expect(keys).toContain(`plaza-customer-${tenant.id}`);

    const sub = await billing.startSubscription(tenant.id, {
      planCode: 'standard',
      interval: 'month',
      collectionMethod: 'charge_automatically',
    });
    expect(sub.status).toBe('active');
    await expect(
      billing.startSubscription(tenant.id, {
        planCode: 'standard',
        interval: 'month',
        collectionMethod: 'charge_automatically',
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(
      [...fake.subscriptions.values()].filter((s) => s.customer === customers[0].id),
    ).toHaveLength(1);
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.planCode).toBe('standard');
  });

  it('changes plan with proration, cancels at period end and resumes; trials carry their end date', async () => {
    const { tenant } = await subscribedTenant();
    const billing = worker.get(BillingService);
    const changed = await billing.changePlan(tenant.id, 'premium', 'year');
    expect(changed).toMatchObject({ planCode: 'premium', interval: 'year' });
    expect((await billing.cancelAtPeriodEnd(tenant.id)).cancelAtPeriodEnd).toBe(true);
    expect((await billing.resume(tenant.id)).cancelAtPeriodEnd).toBe(false);
    await expect(billing.changePlan(tenant.id, 'gold', 'month')).rejects.toMatchObject({
      status: 400,
    });

    const trialTenant = await platform.createTenant();
    await billing.ensureCustomer(trialTenant.id, { name: 'Trial', billingEmail: 't@example.org' });
    const trialEnd = new Date('2026-04-01T00:00:00Z');
    const trial = await billing.startSubscription(trialTenant.id, {
      planCode: 'standard',
      interval: 'month',
      collectionMethod: 'charge_automatically',
      trialEnd,
    });
    expect(trial).toMatchObject({ status: 'trialing', trialEnd });
  });

  it('refuses a bad signature with 400 and stores nothing', async () => {
    const evt = event('invoice.paid', { id: 'in_forged', object: 'invoice' });
    const res = await webhook(evt, 'whsec_wrong').expect(400);
    expect(res.body.message).toMatch(/signature/);
    expect(
      await platform.get(PlatformDb).manager.findOneBy(BillingEventEntity, { id: evt.id }),
    ).toBeNull();
    await request(api.getHttpServer())
      .post('/webhooks/stripe')
      .set('Host', 'console.plaza.test')
      .send({})
      .expect(400);
  });

  it('stores a replayed event once and processes it once', async () => {
    const { subscriptionId } = await subscribedTenant();
    const evt = event('customer.subscription.updated', {
      id: subscriptionId,
      object: 'subscription',
    });
    const first = await webhook(evt).expect(200);
    const second = await webhook(evt).expect(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(second.body).toEqual({ received: true, duplicate: true });
    await processed(evt.id);
    expect(await platform.get(PlatformDb).manager.countBy(BillingEventEntity, { id: evt.id })).toBe(
      1,
    );
  });

  it('ignores order: a late payment_failed for an invoice already paid starts no dunning', async () => {
    const { tenant, subscriptionId } = await subscribedTenant();
    const invoice = fake.addInvoice(subscriptionId, 'paid');
    const paid = event('invoice.paid', { id: invoice.id, object: 'invoice' });
    const failed = event('invoice.payment_failed', { id: invoice.id, object: 'invoice' });
    await webhook(paid).expect(200);
    await processed(paid.id);
    await webhook(failed).expect(200);
    await processed(failed.id);
    const sub = await platform
      .get(PlatformDb)
      .manager.findOneBy(BillingSubscriptionEntity, { tenantId: tenant.id });
    expect(sub?.paymentFailedAt).toBeNull();
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.status).toBe('active');
  });

  it('runs the grace period, suspends the unpaid tenant, and resumes it when paid', async () => {
    const { tenant, subscriptionId } = await subscribedTenant();
    const email = `finance-${tenant.slug}@example.org`;
    const invoice = fake.addInvoice(subscriptionId, 'open');
    const failed = event('invoice.payment_failed', { id: invoice.id, object: 'invoice' });
    await webhook(failed).expect(200);
    await processed(failed.id);
    await webhook(event('invoice.payment_failed', { id: invoice.id, object: 'invoice' })).expect(
      200,
    );

    const dunning = worker.get(DunningService);
    const banner = await dunning.bannerFor(tenant.id);
    expect(banner?.graceEndsAt.toISOString()).toBe(
      new Date(clock.getTime() + 14 * DAY).toISOString(),
    );
    await eventually(async () =>
      smtp.to(email).some((m) => m.subject.startsWith('Payment failed')),
    );

    clock = new Date(clock.getTime() + 12 * DAY);
    expect((await dunning.enforce()).reminded).toContain(tenant.id);
    await eventually(async () => smtp.to(email).some((m) => m.subject.startsWith('Reminder')));
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.status).toBe('active');

    clock = new Date(clock.getTime() + 3 * DAY);
    expect((await dunning.enforce()).suspended).toContain(tenant.id);
    expect((await dunning.enforce()).suspended).not.toContain(tenant.id);
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.status).toBe('suspended');
    await eventually(
      async () =>
        (await request(api.getHttpServer()).get('/').set('Host', `${tenant.slug}.plaza.test`))
          .status === 503,
    );

    fake.setInvoiceStatus(invoice.id as string, 'paid');
    const paid = event('invoice.paid', { id: invoice.id, object: 'invoice' });
    await webhook(paid).expect(200);
    await processed(paid.id);
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.status).toBe('active');
    expect(await dunning.bannerFor(tenant.id)).toBeNull();

    const steps = await platform.get(PlatformDb).manager.find(BillingActivityEntity, {
      where: { tenantId: tenant.id },
      order: { at: 'ASC' },
    });
    expect(steps.map((s) => s.action)).toEqual([
      'customer.created',
      'subscription.started',
      'dunning.started',
      'dunning.reminded',
      'tenant.suspended_for_nonpayment',
      'dunning.recovered',
      'tenant.resumed_after_payment',
    ]);
    expect(smtp.to(email).filter((m) => m.subject.startsWith('Payment failed'))).toHaveLength(1);

    const audit = await platform.get(PlatformDb).manager.find(AuditEventEntity, {
      where: { tenantId: tenant.id },
      order: { createdAt: 'ASC' },
    });
    expect(audit.map((e) => [e.action, e.actorEmail])).toEqual([
      ['billing.dunning.start', null],
      ['billing.dunning.remind', null],
      ['billing.dunning.suspend', null],
      ['billing.dunning.recover', null],
      ['billing.dunning.resume', null],
    ]);
    expect(audit[0].after).toMatchObject({ invoice: invoice.id });
  });

  it('keeps a manually suspended tenant suspended when its invoice is paid', async () => {
    const { tenant, subscriptionId } = await subscribedTenant();
    await platform.get(TenantRegistry).setStatus(tenant.id, 'suspended');
    const invoice = fake.addInvoice(subscriptionId, 'paid');
    const paid = event('invoice.paid', { id: invoice.id, object: 'invoice' });
    await webhook(paid).expect(200);
    await processed(paid.id);
    expect((await platform.get(TenantRegistry).findById(tenant.id))?.status).toBe('suspended');
  });

  it('gives Checkout and customer portal links and lists invoices', async () => {
    const { tenant, subscriptionId } = await subscribedTenant();
    fake.addInvoice(subscriptionId, 'open');
    const billing = worker.get(BillingService);
    await expect(
      billing.checkoutUrl(tenant.id, 'standard', 'month', 'https://x.test/back'),
    ).rejects.toMatchObject({ status: 409 });
    const newcomer = await platform.createTenant();
    await billing.ensureCustomer(newcomer.id, { name: 'New', billingEmail: 'n@example.org' });
    expect(
      await billing.checkoutUrl(newcomer.id, 'standard', 'month', 'https://x.test/back'),
    ).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    expect(await billing.portalUrl(tenant.id, 'https://x.test/back')).toMatch(
      /^https:\/\/billing\.stripe\.test\//,
    );
    const invoices = await billing.invoices(tenant.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      status: 'open',
      hostedInvoiceUrl: expect.stringMatching(/^https:/),
    });
  });
});

describe('Billing pages and switch', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    platform = await TestPlatform.start(fake.env());
    api = await createApiApp(platform.config, testLogger());
  });
  afterAll(async () => {
    await api?.close();
    await platform?.close();
    await fake?.close();
  });

  it("shows an admin its plan and invoices, refuses others, and never shows another tenant's bills", async () => {
    const a = await platform.createTenant({ name: 'Alpha' });
    const b = await platform.createTenant({ name: 'Beta' });
    const billing = api.get(BillingService);
    await billing.setPrice('standard', 'month', 'price_standard_month');
    await billing.ensureCustomer(a.id, { name: 'Alpha', billingEmail: 'a@example.org' });
    const sub = await billing.startSubscription(a.id, {
      planCode: 'standard',
      interval: 'month',
      collectionMethod: 'charge_automatically',
    });
    const invoice = fake.addInvoice(sub.stripeSubscriptionId, 'open');
    const adminA = await createUser(platform.ctx, a, { roles: ['admin'] });
    const adminB = await createUser(platform.ctx, b, { roles: ['admin'] });
    const participant = await createUser(platform.ctx, a);

    const sessionA = await signInAs(api, a, adminA.id);
    const page = await request(api.getHttpServer())
      .get('/admin/billing')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', sessionA.cookie)
      .expect(200);
    expect(page.text).toContain(String(invoice.number));

    const sessionB = await signInAs(api, b, adminB.id);
    const pageB = await request(api.getHttpServer())
      .get('/admin/billing')
      .set('Host', `${b.slug}.plaza.test`)
      .set('Cookie', sessionB.cookie)
      .expect(200);
    expect(pageB.text).not.toContain(String(invoice.number));

    const plain = await signInAs(api, a, participant.id);
    await request(api.getHttpServer())
      .get('/admin/billing')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', plain.cookie)
      .expect(403);
    await request(api.getHttpServer())
      .get('/admin/billing')
      .set('Host', `${a.slug}.plaza.test`)
      .expect(303);

    const portal = await request(api.getHttpServer())
      .post('/admin/billing/portal')
      .set('Host', `${a.slug}.plaza.test`)
      .set('Cookie', sessionA.cookie)
      .type('form')
      .send({ _csrf: sessionA.csrfToken })
      .expect(303);
    expect(portal.headers.location).toMatch(/^https:\/\/billing\.stripe\.test\//);
  });
});

describe('Billing off', () => {
  it('answers 503 on the webhook and says plans are assigned by hand', async () => {
    const platform = await TestPlatform.start();
    const api = await createApiApp(platform.config, testLogger());
    try {
      expect(api.get(BillingService).enabled).toBe(false);
      const res = await request(api.getHttpServer())
        .post('/webhooks/stripe')
        .set('Host', 'console.plaza.test')
        .send({})
        .expect(503);
      expect(res.body.message).toMatch(/Billing is off/);
      await expect(
        api.get(BillingService).ensureCustomer('x', { name: 'x', billingEmail: 'x@example.org' }),
      ).rejects.toMatchObject({
        status: 503,
      });
    } finally {
      await api.close();
      await platform.close();
    }
  });
});
