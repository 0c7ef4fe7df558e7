import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';
import Stripe from 'stripe';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';
import { PlatformDb } from '@plaza/tenancy';

import { BillingEventEntity } from './billing.entities';
import { BillingService } from './billing.service';
import { BILLING_QUEUE, BillingEvents, BillingJobData } from './billing-events';
import { DunningService } from './dunning.service';
import { STRIPE, subscriptionIdOfInvoice } from './stripe.client';

const INVOICE_EVENTS = new Set([
  'invoice.payment_failed',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.marked_uncollectible',
  'invoice.voided',
  'invoice.finalized',
]);

/**
 * Worker side of billing. Each event re-reads the current object from Stripe,
 * so duplicate and out-of-order deliveries converge on the same state.
 */
@Injectable()
export class BillingJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<BillingJobData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly platformDb: PlatformDb,
    private readonly billing: BillingService,
    private readonly dunning: DunningService,
    private readonly events: BillingEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.stripe) return;
    this.connection = createRedis(this.config.redisUrl, 'plaza-billing-worker');
    this.worker = new Worker<BillingJobData>(BILLING_QUEUE, (job) => this.handle(job), {
      connection: this.connection,
      prefix: this.config.queuePrefix,
      concurrency: 2,
    });
    await this.events.queue.upsertJobScheduler(
      'enforce-dunning',
      { every: 3600_000 },
      {
        name: 'enforce-dunning',
        data: { kind: 'enforce-dunning' },
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }

  async handle(job: Job<BillingJobData>): Promise<unknown> {
    if (job.data.kind === 'enforce-dunning') return this.dunning.enforce();
    return this.processEvent(job.data.eventId);
  }

  async processEvent(eventId: string): Promise<string> {
    const stripe = this.stripe;
    const row = await this.platformDb.manager.findOneBy(BillingEventEntity, { id: eventId });
    if (!stripe || !row || row.processedAt) return 'skipped';
    const objectId = row.objectId;
    if (objectId && row.type.startsWith('customer.subscription.')) {
      const subscription = await stripe.subscriptions.retrieve(objectId);
      const tenantId =
        subscription.metadata?.plaza_tenant_id ??
        (await this.billing.tenantOfCustomer(subscription.customer));
      if (tenantId) await this.billing.store(tenantId, subscription);
    } else if (objectId && INVOICE_EVENTS.has(row.type)) {
      const invoice = await stripe.invoices.retrieve(objectId);
      const tenantId = await this.billing.tenantOfCustomer(invoice.customer);
      if (tenantId) {
        const subscriptionId = subscriptionIdOfInvoice(invoice);
        if (subscriptionId)
          await this.billing.store(tenantId, await stripe.subscriptions.retrieve(subscriptionId));
        if (invoice.status === 'paid') {
          await this.dunning.paymentRecovered(tenantId, invoice.id ?? objectId);
        } else if (invoice.status === 'open' && row.type === 'invoice.payment_failed') {
          await this.dunning.paymentFailed(
            tenantId,
            invoice.id ?? objectId,
            invoice.hosted_invoice_url ?? null,
          );
        }
      }
    } else if (objectId && row.type === 'checkout.session.completed') {
      const session = await stripe.checkout.sessions.retrieve(objectId);
      const subscriptionId =
        typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
      const tenantId = await this.billing.tenantOfCustomer(session.customer);
      if (tenantId && subscriptionId)
        await this.billing.store(tenantId, await stripe.subscriptions.retrieve(subscriptionId));
    } else {
      this.logger.debug({ eventId, type: row.type }, 'billing event ignored');
    }
    await this.events.markProcessed(eventId);
    return 'processed';
  }
}
