import { Inject, Injectable } from '@nestjs/common';

import { IsNull, LessThanOrEqual, Not } from 'typeorm';

import { AuditLog } from '@plaza/console';
import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { MailQueue } from '@plaza/mail';
import { PlatformDb, TenantRegistry } from '@plaza/tenancy';

import { BillingCustomerEntity, BillingSubscriptionEntity } from './billing.entities';
import { BillingService } from './billing.service';
import { BILLING_CLOCK, Clock } from './stripe.client';

const DAY = 24 * 3600 * 1000;

/** Dunning steps: billing's own trail, and the console's audit log (letters and dots only). */
const STEPS = {
  'dunning.started': 'billing.dunning.start',
  'dunning.reminded': 'billing.dunning.remind',
  'tenant.suspended_for_nonpayment': 'billing.dunning.suspend',
  'dunning.recovered': 'billing.dunning.recover',
  'tenant.resumed_after_payment': 'billing.dunning.resume',
} as const;

/**
 * Unpaid invoices: a failed payment opens a grace period with notices to the
 * billing email and a banner in the tenant's admin; still unpaid at its end,
 * the tenant is suspended; a recovered payment resumes it. Every step is logged.
 */
@Injectable()
export class DunningService {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(BILLING_CLOCK) private readonly clock: Clock,
    private readonly platformDb: PlatformDb,
    private readonly billing: BillingService,
    private readonly registry: TenantRegistry,
    private readonly mail: MailQueue,
    private readonly audit: AuditLog,
  ) {}

  /** Opens the grace period once per failed invoice. */
  async paymentFailed(
    tenantId: string,
    invoiceId: string,
    hostedInvoiceUrl: string | null,
  ): Promise<void> {
    const subscription = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    if (!subscription || subscription.paymentFailedAt) return;
    const now = this.clock();
    subscription.paymentFailedAt = now;
    subscription.graceEndsAt = new Date(now.getTime() + this.config.billing.graceDays * DAY);
    subscription.failedInvoiceId = invoiceId;
    subscription.reminderSent = false;
    await this.platformDb.manager.save(subscription);
    await this.step(tenantId, 'dunning.started', {
      invoice: invoiceId,
      graceEndsAt: subscription.graceEndsAt,
    });
    await this.notify(tenantId, 'start', subscription.graceEndsAt, hostedInvoiceUrl, invoiceId);
  }

  /** Payment recovered: close the grace period and resume a tenant we suspended. */
  async paymentRecovered(tenantId: string, invoiceId: string): Promise<void> {
    const subscription = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    if (!subscription || (!subscription.paymentFailedAt && !subscription.suspendedForNonpayment))
      return;
    const wasSuspended = subscription.suspendedForNonpayment;
    subscription.paymentFailedAt = null;
    subscription.graceEndsAt = null;
    subscription.failedInvoiceId = null;
    subscription.reminderSent = false;
    subscription.suspendedForNonpayment = false;
    await this.platformDb.manager.save(subscription);
    await this.step(tenantId, 'dunning.recovered', { invoice: invoiceId });
    if (wasSuspended) {
      const tenant = await this.registry.findById(tenantId);
      if (tenant?.status === 'suspended') {
        await this.registry.setStatus(tenantId, 'active');
        await this.step(tenantId, 'tenant.resumed_after_payment', { invoice: invoiceId });
      }
    }
  }

  /** Scheduled: reminders near the end, suspension past it. Safe to run any number of times. */
  async enforce(): Promise<{ suspended: string[]; reminded: string[] }> {
    const now = this.clock();
    const suspended: string[] = [];
    const reminded: string[] = [];
    const overdue = await this.platformDb.manager.find(BillingSubscriptionEntity, {
      where: {
        graceEndsAt: LessThanOrEqual(now),
        suspendedForNonpayment: false,
        paymentFailedAt: Not(IsNull()),
      },
    });
    for (const subscription of overdue) {
      subscription.suspendedForNonpayment = true;
      await this.platformDb.manager.save(subscription);
      const tenant = await this.registry.findById(subscription.tenantId);
      if (tenant && tenant.status === 'active')
        await this.registry.setStatus(subscription.tenantId, 'suspended');
      await this.step(subscription.tenantId, 'tenant.suspended_for_nonpayment', {
        invoice: subscription.failedInvoiceId,
      });
      await this.notify(
        subscription.tenantId,
        'suspended',
        null,
        null,
        subscription.failedInvoiceId ?? 'unknown',
      );
      suspended.push(subscription.tenantId);
    }
    const soon = await this.platformDb.manager.find(BillingSubscriptionEntity, {
      where: {
        graceEndsAt: LessThanOrEqual(new Date(now.getTime() + 3 * DAY)),
        reminderSent: false,
        suspendedForNonpayment: false,
      },
    });
    for (const subscription of soon) {
      if (
        !subscription.paymentFailedAt ||
        !subscription.graceEndsAt ||
        subscription.graceEndsAt <= now
      )
        continue;
      subscription.reminderSent = true;
      await this.platformDb.manager.save(subscription);
      await this.step(subscription.tenantId, 'dunning.reminded', {
        graceEndsAt: subscription.graceEndsAt,
      });
      await this.notify(
        subscription.tenantId,
        'reminder',
        subscription.graceEndsAt,
        null,
        subscription.failedInvoiceId ?? 'unknown',
      );
      reminded.push(subscription.tenantId);
    }
    return { suspended, reminded };
  }

  /** What the tenant's admin banner shows, or null. */
  async bannerFor(tenantId: string): Promise<{ graceEndsAt: Date; suspended: boolean } | null> {
    const subscription = await this.platformDb.manager.findOneBy(BillingSubscriptionEntity, {
      tenantId,
    });
    if (!subscription?.paymentFailedAt || !subscription.graceEndsAt) return null;
    return {
      graceEndsAt: subscription.graceEndsAt,
      suspended: subscription.suspendedForNonpayment,
    };
  }

  /** Records a step in billing's trail and in the console's audit log, with the tenant. */
  private async step(
    tenantId: string,
    step: keyof typeof STEPS,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.billing.log(tenantId, step, details);
    await this.audit.record(null, { action: STEPS[step], tenantId, after: details });
  }

  private async notify(
    tenantId: string,
    kind: 'start' | 'reminder' | 'suspended',
    graceEndsAt: Date | null,
    invoiceUrl: string | null,
    invoiceId: string,
  ): Promise<void> {
    const customer = await this.platformDb.manager.findOneBy(BillingCustomerEntity, { tenantId });
    if (!customer) return;
    const date = graceEndsAt ? graceEndsAt.toISOString().slice(0, 10) : '';
    const texts = {
      start: {
        subject: 'Payment failed: please settle your Plaza invoice',
        text: `We could not collect the payment of your invoice ${invoiceId}. Please pay it before ${date}; after that date your participation site will be suspended (its data is kept).${invoiceUrl ? `\n\nPay online: ${invoiceUrl}` : ''}`,
      },
      reminder: {
        subject: 'Reminder: your Plaza invoice is still unpaid',
        text: `Your invoice ${invoiceId} is still unpaid. Your participation site will be suspended on ${date} unless it is paid.`,
      },
      suspended: {
        subject: 'Your participation site is suspended',
        text: `Your invoice ${invoiceId} was not paid in time, so your participation site is suspended. Its data is kept, and the site comes back as soon as the invoice is paid.`,
      },
    }[kind];
    await this.mail.enqueue(
      { message: { to: customer.billingEmail, ...texts } },
      `dunning-${kind}-${tenantId}-${invoiceId}`,
    );
  }
}
