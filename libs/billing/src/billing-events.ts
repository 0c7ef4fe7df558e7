import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { Queue } from 'bullmq';
import Redis from 'ioredis';
import Stripe from 'stripe';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { PlatformDb } from '@plaza/tenancy';

import { BillingEventEntity } from './billing.entities';

export const BILLING_QUEUE = 'billing';

export type BillingJobData = { kind: 'event'; eventId: string } | { kind: 'enforce-dunning' };

/** Stores each verified Stripe event once and hands it to the worker. */
@Injectable()
export class BillingEvents implements OnModuleDestroy {
  readonly queue: Queue<BillingJobData>;
  private readonly connection: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) config: PlazaConfig,
    private readonly platformDb: PlatformDb,
  ) {
    this.connection = createRedis(config.redisUrl, 'plaza-billing-queue');
    this.queue = new Queue<BillingJobData>(BILLING_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 10,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  /** True when the event is new; a replayed event is stored and queued only once. */
  async accept(event: Stripe.Event): Promise<boolean> {
    const object = event.data.object as { id?: string };
    const inserted = await this.platformDb.query<{ id: string }>(
      `insert into platform.billing_events (id, type, object_id, stripe_created_at)
       values ($1, $2, $3, to_timestamp($4)) on conflict (id) do nothing returning id`,
      [event.id, event.type, object.id ?? null, event.created],
    );
    if (inserted.length === 0) return false;
    await this.queue.add(
      'billing-event',
      { kind: 'event', eventId: event.id },
      { jobId: `event-${event.id}` },
    );
    return true;
  }

  async markProcessed(eventId: string): Promise<void> {
    await this.platformDb.manager.update(
      BillingEventEntity,
      { id: eventId },
      { processedAt: new Date() },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
