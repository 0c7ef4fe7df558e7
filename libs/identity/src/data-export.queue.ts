import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import type { TenantJobData } from '@plaza/tenancy';

export const DATA_EXPORT_QUEUE = 'data-export';
/** How long an archive and its link live. */
export const DATA_EXPORT_LIFETIME_SECONDS = 7 * 24 * 3600;

export interface DataExportJobData extends TenantJobData {
  exportId: string;
  userId: string;
  /** Where the mailed link points, and in which language the mail is written. */
  host: string;
  siteName: string;
  locale: string;
}

/** "Download my data" requests; the worker builds the archive (one job per export id). */
@Injectable()
export class DataExportQueue implements OnModuleDestroy {
  readonly queue: Queue<DataExportJobData>;
  private readonly connection: Redis;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.connection = createRedis(config.redisUrl, 'plaza-data-export-queue');
    this.queue = new Queue<DataExportJobData>(DATA_EXPORT_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  async enqueue(data: DataExportJobData): Promise<void> {
    await this.queue.add('data-export', data, { jobId: `data-export-${data.exportId}` });
  }

  /** Deletes the archive once its link has expired. */
  async scheduleExpiry(data: DataExportJobData): Promise<void> {
    await this.queue.add('data-export-expire', data, {
      jobId: `data-export-expire-${data.exportId}`,
      delay: DATA_EXPORT_LIFETIME_SECONDS * 1000,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
