import { Inject, Injectable, NotFoundException } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { AuditLog, ConsolePrincipal, PlansService } from '@plaza/console';
import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { TenantEntity, TenantRegistry } from '@plaza/tenancy';

import { BillingCustomerEntity, BillingSubscriptionEntity } from './billing.entities';
import { BillingService, InvoiceSummary, PlanPrices } from './billing.service';
import { BillingProblem } from './billing-problem';
import {
  BillingCustomerDto,
  ChangePlanDto,
  PlanPricesDto,
  StartSubscriptionDto,
} from './dto/billing-console.dto';
import { BILLING_CLOCK, Clock } from './stripe.client';

export interface ConsoleActor {
  principal: ConsolePrincipal | null;
  request: FastifyRequest;
}

export interface BillingCustomerView {
  stripeCustomerId: string;
  name: string;
  billingEmail: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
  taxId: string | null;
}

export interface BillingSubscriptionView {
  stripeSubscriptionId: string;
  plan: string | null;
  interval: string | null;
  status: string;
  collectionMethod: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  dunning: { graceEndsAt: string | null; suspendedForNonpayment: boolean } | null;
}

export interface TenantBillingView {
  enabled: boolean;
  tenant: { id: string; name: string; slug: string; plan: string | null };
  customer: BillingCustomerView | null;
  subscription: BillingSubscriptionView | null;
  invoices: (Omit<InvoiceSummary, 'created'> & { created: string })[];
}

export interface PlanPricesView extends PlanPrices {
  plan: string;
  name: string;
}

/** The console's billing actions (API and pages share them), each one in the audit log. */
@Injectable()
export class BillingConsoleService {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(BILLING_CLOCK) private readonly clock: Clock,
    private readonly billing: BillingService,
    private readonly registry: TenantRegistry,
    private readonly plans: PlansService,
    private readonly audit: AuditLog,
  ) {}

  get enabled(): boolean {
    return this.billing.enabled;
  }

  async view(tenantId: string): Promise<TenantBillingView> {
    const tenant = await this.tenant(tenantId);
    const [customer, subscription] = await Promise.all([
      this.billing.customerOf(tenant.id),
      this.billing.subscriptionOf(tenant.id),
    ]);
    const invoices = this.billing.enabled && customer ? await this.billing.invoices(tenant.id) : [];
    return {
      enabled: this.billing.enabled,
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, plan: tenant.planCode },
      customer: customer ? customerView(customer) : null,
      subscription: subscription ? subscriptionView(subscription) : null,
      invoices: invoices.map((i) => ({ ...i, created: i.created.toISOString() })),
    };
  }

  async saveCustomer(
    actor: ConsoleActor,
    tenantId: string,
    input: BillingCustomerDto,
  ): Promise<BillingCustomerView> {
    const tenant = await this.tenant(tenantId);
    const before = await this.billing.customerOf(tenant.id);
    const address = Object.fromEntries(
      Object.entries({
        line1: input.line1,
        line2: input.line2,
        postal_code: input.postalCode,
        city: input.city,
        country: input.country?.toUpperCase(),
      }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''),
    );
    const saved = await this.billing.ensureCustomer(tenant.id, {
      name: input.name.trim(),
      billingEmail: input.billingEmail.trim().toLowerCase(),
      address,
      taxId: input.taxId ? input.taxId.toUpperCase() : null,
    });
    const after = customerView(saved);
    await this.audit.record(actor, {
      action: 'billing.customer.save',
      tenantId: tenant.id,
      before: before ? { ...customerView(before) } : null,
      after: { ...after },
    });
    return after;
  }

  /**
   * By invoice: the subscription is created at once. By card: answers a Stripe
   * Checkout link for the organization; the webhook records the subscription.
   */
  async start(
    actor: ConsoleActor,
    tenantId: string,
    input: StartSubscriptionDto,
  ): Promise<{ subscription: BillingSubscriptionView | null; checkoutUrl: string | null }> {
    const tenant = await this.tenant(tenantId);
    await this.assertPlan(input.plan);
    const trialEnd = this.trialEndOf(input.trialEnd);
    const summary = {
      plan: input.plan,
      interval: input.interval,
      payment: input.payment,
      daysUntilDue: input.payment === 'invoice' ? (input.daysUntilDue ?? null) : null,
      trialEnd: trialEnd?.toISOString() ?? null,
    };
    if (input.payment === 'card') {
      const back = publicUrl(
        this.config,
        `${tenant.slug}.${this.config.baseDomain}`,
        '/admin/billing',
      );
      const checkoutUrl = await this.billing.checkoutUrl(
        tenant.id,
        input.plan,
        input.interval,
        back,
        trialEnd,
      );
      await this.audit.record(actor, {
        action: 'billing.checkout.create',
        tenantId: tenant.id,
        after: summary,
      });
      return { subscription: null, checkoutUrl };
    }
    const subscription = await this.billing.startSubscription(tenant.id, {
      planCode: input.plan,
      interval: input.interval,
      collectionMethod: 'send_invoice',
      daysUntilDue: input.daysUntilDue,
      trialEnd,
    });
    const view = subscriptionView(subscription);
    await this.audit.record(actor, {
      action: 'billing.subscription.start',
      tenantId: tenant.id,
      after: { ...summary, status: view.status },
    });
    return { subscription: view, checkoutUrl: null };
  }

  async changePlan(
    actor: ConsoleActor,
    tenantId: string,
    input: ChangePlanDto,
  ): Promise<BillingSubscriptionView> {
    const tenant = await this.tenant(tenantId);
    await this.assertPlan(input.plan);
    const before = await this.billing.subscriptionOf(tenant.id);
    const after = await this.billing.changePlan(tenant.id, input.plan, input.interval);
    await this.audit.record(actor, {
      action: 'billing.subscription.plan',
      tenantId: tenant.id,
      before: before ? { plan: before.planCode, interval: before.interval } : null,
      after: { plan: after.planCode, interval: after.interval },
    });
    return subscriptionView(after);
  }

  async cancel(actor: ConsoleActor, tenantId: string): Promise<BillingSubscriptionView> {
    const tenant = await this.tenant(tenantId);
    const after = await this.billing.cancelAtPeriodEnd(tenant.id);
    await this.audit.record(actor, {
      action: 'billing.subscription.cancel',
      tenantId: tenant.id,
      after: { cancelAtPeriodEnd: true, endsAt: after.currentPeriodEnd?.toISOString() ?? null },
    });
    return subscriptionView(after);
  }

  async resume(actor: ConsoleActor, tenantId: string): Promise<BillingSubscriptionView> {
    const tenant = await this.tenant(tenantId);
    const after = await this.billing.resume(tenant.id);
    await this.audit.record(actor, {
      action: 'billing.subscription.resume',
      tenantId: tenant.id,
      after: { cancelAtPeriodEnd: false },
    });
    return subscriptionView(after);
  }

  /** Every plan with its Stripe prices. */
  async prices(): Promise<PlanPricesView[]> {
    const [plans, mapped] = await Promise.all([this.plans.list(), this.billing.pricesByPlan()]);
    return plans.map((plan) => ({
      plan: plan.code,
      name: plan.name,
      ...(mapped.get(plan.code) ?? { monthly: null, yearly: null }),
    }));
  }

  async setPrices(
    actor: ConsoleActor,
    planCode: string,
    input: PlanPricesDto,
  ): Promise<PlanPrices> {
    const { before, after } = await this.billing.setPlanPrices(planCode, input);
    await this.audit.record(actor, {
      action: 'billing.prices.update',
      before: { plan: planCode, ...before },
      after: { plan: planCode, ...after },
    });
    return after;
  }

  private async tenant(id: string): Promise<TenantEntity> {
    const tenant = /^[a-z0-9]{1,16}$/.test(id) ? await this.registry.findById(id) : null;
    if (!tenant || tenant.status === 'deleted')
      throw new NotFoundException('There is no such organization.');
    return tenant;
  }

  private async assertPlan(code: string): Promise<void> {
    if (!(await this.plans.exists(code)))
      throw BillingProblem.field('plan', 'error.unknownPlan', { plan: code });
  }

  private trialEndOf(value: string | undefined): Date | undefined {
    if (!value) return undefined;
    const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime()) || date <= this.clock())
      throw BillingProblem.field('trialEnd', 'error.trialEnd');
    return date;
  }
}

function customerView(customer: BillingCustomerEntity): BillingCustomerView {
  const address = customer.address ?? {};
  return {
    stripeCustomerId: customer.stripeCustomerId,
    name: customer.name,
    billingEmail: customer.billingEmail,
    line1: address.line1 ?? '',
    line2: address.line2 ?? '',
    postalCode: address.postal_code ?? '',
    city: address.city ?? '',
    country: address.country ?? '',
    taxId: customer.taxId,
  };
}

function subscriptionView(subscription: BillingSubscriptionEntity): BillingSubscriptionView {
  return {
    stripeSubscriptionId: subscription.stripeSubscriptionId,
    plan: subscription.planCode,
    interval: subscription.interval,
    status: subscription.status,
    collectionMethod: subscription.collectionMethod,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
    trialEnd: subscription.trialEnd?.toISOString() ?? null,
    dunning: subscription.paymentFailedAt
      ? {
          graceEndsAt: subscription.graceEndsAt?.toISOString() ?? null,
          suspendedForNonpayment: subscription.suspendedForNonpayment,
        }
      : null,
  };
}
