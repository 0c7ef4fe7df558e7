import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import type { TenantJobData } from '@plaza/tenancy';

import { CONSOLE_MAINTENANCE_QUEUE, EXPORT_BEFORE_DELETE } from './tenant-purge.job';

/** The API's side of the console's background work: asks the worker for exports. */
@Injectable()
export class ConsoleMaintenanceQueue implements OnModuleDestroy {
  private readonly connection: Redis;
  readonly queue: Queue<TenantJobData>;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.connection = createRedis(config.redisUrl, 'plaza-console-maintenance-producer');
    this.queue = new Queue(CONSOLE_MAINTENANCE_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  /** One export per deletion request (the id names the request). */
  async exportBeforeDelete(tenantId: string, requestedAt: Date): Promise<void> {
    await this.queue.add(
      EXPORT_BEFORE_DELETE,
      { tenantId },
      { jobId: `export-${tenantId}-${requestedAt.getTime()}` },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
