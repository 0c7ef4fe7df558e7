import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import type { TenantTemplate } from './provisioning.service';
import type { TenantJobData } from './tenant-job';

export const PROVISIONING_QUEUE = 'provisioning';

export interface ProvisionJobData extends TenantJobData {
  template: TenantTemplate;
}

/** Enqueues provisioning; the worker runs it. One job per tenant (deterministic id). */
@Injectable()
export class ProvisioningQueue implements OnModuleDestroy {
  readonly queue: Queue<ProvisionJobData>;
  private readonly connection: Redis;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.connection = createRedis(config.redisUrl, 'plaza-provisioning-queue');
    this.queue = new Queue<ProvisionJobData>(PROVISIONING_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  async enqueue(tenantId: string, template: TenantTemplate = 'empty'): Promise<void> {
    await this.queue.add(
      'provision-tenant',
      { tenantId, template },
      { jobId: `provision-${tenantId}` },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    // BullMQ leaves connections it was given open.
    await this.connection.quit();
  }
}
