import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';

import Stripe from 'stripe';

import { PlansService } from '@plaza/console';
import { PlatformDb, TenantRegistry } from '@plaza/tenancy';

import {
  BillingActivityEntity,
  BillingCustomerEntity,
  BillingPriceEntity,
  BillingSubscriptionEntity,
} from './billing.entities';
import { billingConsoleT } from './billing-console.messages';
import { BillingProblem } from './billing-problem';
import { customerIdOf, STRIPE } from './stripe.client';

export type BillingInterval = 'month' | 'year';

/** A plan's Stripe prices (null: not sold for that period). */
export interface PlanPrices {
  monthly: string | null;
  yearly: string | null;
}

export interface CustomerInput {
  name: string;
  billingEmail: string;
  address?: Record<string, string>;
  taxId?: string | null;
}

export interface SubscriptionInput {
  planCode: string;
  interval: 'month' | 'year';
  /** Public bodies often pay by invoice; others pay by card through Checkout. */
  collectionMethod: 'charge_automatically' | 'send_invoice';
  daysUntilDue?: number;
  trialEnd?: Date;
}

export interface InvoiceSummary {
  id: string;
  number: string | null;
  status: string | null;
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  created: Date;
}

/**
 * Stripe customers and subscriptions of tenants. Calls that create things
 * carry idempotency keys derived from our own ids, so a retried job never
 * creates a second customer or subscription.
 */
@Injectable()
export class BillingService {
  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly platformDb: PlatformDb,
    private readonly registry: TenantRegistry,
    private readonly plans: PlansService,
  ) {}

  get enabled(): boolean {
    return this.stripe !== null;
  }

  private client(): Stripe {
    if (!this.stripe) {
      throw new ServiceUnavailableException(
        'Billing is off on this platform: plans are assigned by hand in the console.',
      );
    }
    return this.stripe;
  }

  async setPrice(
    planCode: string,
    interval: 'month' | 'year',
    stripePriceId: string,
  ): Promise<void> {
    await this.platformDb.manager.upsert(
      BillingPriceEntity,
      { planCode, interval, stripePriceId },
      ['planCode', 'interval'],
    );
  }

  /** Every plan's mapped prices, by plan code. */
  async pricesByPlan(): Promise<Map<string, PlanPrices>> {
    const rows = await this.platformDb.manager.find(BillingPriceEntity);
    const byPlan = new Map<string, PlanPrices>();
    for (const row of rows) {
      const prices = byPlan.get(row.planCode) ?? { monthly: null, yearly: null };
      prices[row.interval === 'month' ? 'monthly' : 'yearly'] = row.stripePriceId;
      byPlan.set(row.planCode, prices);
    }
    return byPlan;
  }

  /**
   * Maps a plan to its Stripe prices after checking each with Stripe: it
   * exists, is active, and is billed for that period. Null removes a mapping.
   */
  async setPlanPrices(
    planCode: string,
    prices: { monthly?: string | null; yearly?: string | null },
  ): Promise<{ before: PlanPrices; after: PlanPrices }> {
    const stripe = this.client();
    if (!(await this.plans.exists(planCode)))
      throw BillingProblem.notFound('error.unknownPlan', { plan: planCode });
    const before = (await this.pricesByPlan()).get(planCode) ?? { monthly: null, yearly: null };
    const wanted: [keyof PlanPrices, BillingInterval][] = [
      ['monthly', 'month'],
      ['yearly', 'year'],
    ];
    for (const [field, interval] of wanted) {
      const priceId = prices[field];
      if (priceId) await this.checkPrice(stripe, priceId, interval, field);
    }
    await this.platformDb.manager.transaction(async (em) => {
      for (const [field, interval] of wanted) {
        const priceId = prices[field];
        if (priceId === undefined) continue;
        if (priceId === null || priceId === '') {
          await em.delete(BillingPriceEntity, { planCode, interval });
        } else {
          await em.upsert(BillingPriceEntity, { planCode, interval, stripePriceId: priceId }, [
            'planCode',
            'interval',
          ]);
        }
      }
    });
    const after = (await this.pricesByPlan()).get(planCode) ?? { monthly: null, yearly: null };
    return { before, after };
  }

  private async checkPrice(
    stripe: Stripe,
    priceId: string,
    interval: BillingInterval,
    field: string,
  ): Promise<void> {
    let price: Stripe.Price;
    try {
      price = await stripe.prices.retrieve(priceId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError && error.statusCode === 404)
        throw BillingProblem.field(field, 'error.priceMissing', { price: priceId });
      throw error;
    }
    if (!price.active) throw BillingProblem.field(field, 'error.priceInactive', { price: priceId });
    if (price.recurring?.interval !== interval) {
      throw BillingProblem.field(field, 'error.priceInterval', {
        price: priceId,
        interval: billingConsoleT('en', `interval.${interval}`),
      });
    }
  }

  customerOf(tenantId: string): Promise<BillingCustomerEntity | null> {
    return this.platformDb.manager.findOneBy(BillingCustomerEntity, { tenantId });
  }

  async ensureCustomer(tenantId: string, input: CustomerInput): Promise<BillingCustomerEntity> {
    const stripe = this.client();
    const tenant = await this.registry.findById(tenantId);
    if (!tenant) throw new NotFoundException('No such organization.');
    const existing = await this.platformDb.manager.findOneBy(BillingCustomerEntity, { tenantId });
    const params = {
      name: input.name,
      email: input.billingEmail,
      address: input.address,
      metadata: { plaza_tenant_id: tenantId, plaza_slug: tenant.slug },
    };
    if (existing) {
      await stripe.customers.update(existing.stripeCustomerId, params);
      if ((input.taxId ?? null) !== existing.taxId)
        await this.replaceTaxId(stripe, existing.stripeCustomerId, input.taxId ?? null);
      existing.name = input.name;
      existing.billingEmail = input.billingEmail;
      existing.address = input.address ?? {};
      existing.taxId = input.taxId ?? null;
      return this.platformDb.manager.save(existing);
    }
    const customer = await stripe.customers.create(
      {
        ...params,
        tax_id_data: input.taxId ? [{ type: 'eu_vat', value: input.taxId }] : undefined,
      },
      { idempotencyKey: `plaza-customer-${tenantId}` },
    );
    const row = this.platformDb.manager.create(BillingCustomerEntity, {
      tenantId,
      stripeCustomerId: customer.id,
      name: input.name,
      billingEmail: input.billingEmail,
      address: input.address ?? {},
      taxId: input.taxId ?? null,
    });
    await this.platformDb.manager.save(row);
    await this.log(tenantId, 'customer.created', { customer: customer.id });
    return row;
  }

  /** The customer's VAT number in Stripe: the old one goes, the new one (if any) comes. */
  private async replaceTaxId(stripe: Stripe, customerId: string, taxId: string | null) {
    const current = await stripe.customers.listTaxIds(customerId, { limit: 10 });
    for (const old of current.data) {
      if (old.type === 'eu_vat') await stripe.customers.deleteTaxId(customerId, old.id);
    }
    if (taxId) await stripe.customers.createTaxId(customerId, { type: 'eu_vat', value: taxId });
  }

  async startSubscription(
    tenantId: string,
    input: SubscriptionInput,
  ): Promise<BillingSubscriptionEntity> {
    const stripe = this.client();
    const customer = await this.requireCustomer(tenantId);
    const existing = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    if (existing && !['canceled', 'incomplete_expired'].includes(existing.status)) {
      throw BillingProblem.conflict('error.hasSubscription');
    }
    if (input.collectionMethod === 'send_invoice' && !input.daysUntilDue) {
      throw BillingProblem.field('daysUntilDue', 'error.daysUntilDue');
    }
    const price = await this.priceOf(input.planCode, input.interval);
    // One key per (tenant, attempt): a retried job reuses it; a new subscription after cancellation gets a new one.
    const attempt = existing ? existing.stripeSubscriptionId : 'first';
    const subscription = await stripe.subscriptions.create(
      {
        customer: customer.stripeCustomerId,
        items: [{ price: price.stripePriceId }],
        collection_method: input.collectionMethod,
        days_until_due: input.collectionMethod === 'send_invoice' ? input.daysUntilDue : undefined,
        trial_end: input.trialEnd ? Math.floor(input.trialEnd.getTime() / 1000) : undefined,
        metadata: {
          plaza_tenant_id: tenantId,
          plaza_plan: input.planCode,
          plaza_interval: input.interval,
        },
      },
      { idempotencyKey: `plaza-subscription-${tenantId}-${attempt}` },
    );
    const row = await this.store(tenantId, subscription);
    await this.log(tenantId, 'subscription.started', {
      plan: input.planCode,
      interval: input.interval,
    });
    return row;
  }

  /** Prorated plan change. */
  async changePlan(
    tenantId: string,
    planCode: string,
    interval: 'month' | 'year',
  ): Promise<BillingSubscriptionEntity> {
    const stripe = this.client();
    const current = await this.requireSubscription(tenantId);
    const price = await this.priceOf(planCode, interval);
    const subscription = await stripe.subscriptions.retrieve(current.stripeSubscriptionId);
    const item = subscription.items.data[0];
    const updated = await stripe.subscriptions.update(current.stripeSubscriptionId, {
      items: [{ id: item.id, price: price.stripePriceId }],
      proration_behavior: 'create_prorations',
      metadata: { plaza_tenant_id: tenantId, plaza_plan: planCode, plaza_interval: interval },
    });
    await this.log(tenantId, 'subscription.plan_changed', {
      from: current.planCode,
      to: planCode,
      interval,
    });
    return this.store(tenantId, updated);
  }

  async cancelAtPeriodEnd(tenantId: string): Promise<BillingSubscriptionEntity> {
    return this.setCancel(tenantId, true);
  }

  async resume(tenantId: string): Promise<BillingSubscriptionEntity> {
    return this.setCancel(tenantId, false);
  }

  /** Card payment: a Stripe Checkout session for the plan. */
  async checkoutUrl(
    tenantId: string,
    planCode: string,
    interval: 'month' | 'year',
    returnUrl: string,
    trialEnd?: Date,
  ): Promise<string> {
    const stripe = this.client();
    const customer = await this.requireCustomer(tenantId);
    const existing = await this.subscriptionOf(tenantId);
    if (existing && !['canceled', 'incomplete_expired'].includes(existing.status)) {
      throw BillingProblem.conflict('error.hasSubscription');
    }
    const price = await this.priceOf(planCode, interval);
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.stripeCustomerId,
      line_items: [{ price: price.stripePriceId, quantity: 1 }],
      success_url: returnUrl,
      cancel_url: returnUrl,
      subscription_data: {
        trial_end: trialEnd ? Math.floor(trialEnd.getTime() / 1000) : undefined,
        metadata: { plaza_tenant_id: tenantId, plaza_plan: planCode, plaza_interval: interval },
      },
    });
    if (!session.url)
      throw new ServiceUnavailableException('Stripe did not return a checkout page.');
    return session.url;
  }

  /** The Stripe customer portal, where the organization manages cards and invoices. */
  async portalUrl(tenantId: string, returnUrl: string): Promise<string> {
    const stripe = this.client();
    const customer = await this.requireCustomer(tenantId);
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.stripeCustomerId,
      return_url: returnUrl,
    });
    return session.url;
  }

  async invoices(tenantId: string): Promise<InvoiceSummary[]> {
    const stripe = this.client();
    const customer = await this.platformDb.manager.findOneBy(BillingCustomerEntity, { tenantId });
    if (!customer) return [];
    const list = await stripe.invoices.list({ customer: customer.stripeCustomerId, limit: 24 });
    return list.data.map((i) => ({
      id: i.id ?? '',
      number: i.number,
      status: i.status,
      amountDue: i.amount_due,
      currency: i.currency,
      hostedInvoiceUrl: i.hosted_invoice_url ?? null,
      created: new Date(i.created * 1000),
    }));
  }

  subscriptionOf(tenantId: string): Promise<BillingSubscriptionEntity | null> {
    return this.platformDb.manager.findOneBy(BillingSubscriptionEntity, { tenantId });
  }

  /** Writes Stripe's current subscription object over ours (never trusts event order). */
  async store(
    tenantId: string,
    subscription: Stripe.Subscription,
  ): Promise<BillingSubscriptionEntity> {
    const existing = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    const item = subscription.items?.data?.[0];
    const periodEnd =
      (item as unknown as { current_period_end?: number } | undefined)?.current_period_end ??
      (subscription as unknown as { current_period_end?: number }).current_period_end;
    const row = this.platformDb.manager.create(BillingSubscriptionEntity, {
      ...(existing ?? {}),
      tenantId,
      stripeSubscriptionId: subscription.id,
      planCode: subscription.metadata?.plaza_plan ?? existing?.planCode ?? null,
      interval: item?.price?.recurring?.interval ?? existing?.interval ?? null,
      status: subscription.status,
      collectionMethod: subscription.collection_method,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
      trialEnd: subscription.trial_end ? new Date(subscription.trial_end * 1000) : null,
    });
    const saved = await this.platformDb.manager.save(row);
    if (saved.planCode) {
      const tenant = await this.registry.findById(tenantId);
      if (
        tenant &&
        tenant.planCode !== saved.planCode &&
        ['active', 'trialing'].includes(saved.status)
      ) {
        await this.platformDb.query('update platform.tenants set plan_code = $1 where id = $2', [
          saved.planCode,
          tenantId,
        ]);
      }
    }
    return saved;
  }

  async tenantOfCustomer(
    customer: string | { id: string } | null | undefined,
  ): Promise<string | null> {
    const id = customerIdOf(customer);
    if (!id) return null;
    const row = await this.platformDb.manager.findOneBy(BillingCustomerEntity, {
      stripeCustomerId: id,
    });
    return row?.tenantId ?? null;
  }

  async log(
    tenantId: string,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.platformDb.manager.save(
      this.platformDb.manager.create(BillingActivityEntity, { tenantId, action, details }),
    );
  }

  private async setCancel(tenantId: string, cancel: boolean): Promise<BillingSubscriptionEntity> {
    const stripe = this.client();
    const current = await this.requireSubscription(tenantId);
    const updated = await stripe.subscriptions.update(current.stripeSubscriptionId, {
      cancel_at_period_end: cancel,
    });
    await this.log(tenantId, cancel ? 'subscription.cancel_scheduled' : 'subscription.resumed');
    return this.store(tenantId, updated);
  }

  private async requireCustomer(tenantId: string): Promise<BillingCustomerEntity> {
    const customer = await this.platformDb.manager.findOneBy(BillingCustomerEntity, { tenantId });
    if (!customer) throw BillingProblem.conflict('error.noCustomer');
    return customer;
  }

  private async requireSubscription(tenantId: string): Promise<BillingSubscriptionEntity> {
    const subscription = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    if (!subscription) throw BillingProblem.conflict('error.noSubscription');
    return subscription;
  }

  private async priceOf(planCode: string, interval: 'month' | 'year'): Promise<BillingPriceEntity> {
    const price = await this.platformDb.manager.findOneBy(BillingPriceEntity, {
      planCode,
      interval,
    });
    if (!price) throw BillingProblem.field('plan', 'error.noPrice', { plan: planCode });
    return price;
  }
}
