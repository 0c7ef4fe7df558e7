import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import type { MailMessage } from './mailer.service';

export const MAIL_QUEUE = 'mail';

export interface MailJobData {
  /** Present for a tenant's mail: the worker enters its context (and its SMTP settings). */
  tenantId?: string;
  message: MailMessage;
}

/** Mail leaves through the worker so a slow SMTP server never slows a request. */
@Injectable()
export class MailQueue implements OnModuleDestroy {
  readonly queue: Queue<MailJobData>;
  private readonly connection: Redis;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.connection = createRedis(config.redisUrl, 'plaza-mail-queue');
    this.queue = new Queue<MailJobData>(MAIL_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 24 * 3600, count: 10000 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    });
  }

  /** `dedupeId` makes a retried caller enqueue the same mail once. */
  async enqueue(data: MailJobData, dedupeId?: string): Promise<void> {
    await this.queue.add('send-mail', data, dedupeId ? { jobId: `mail-${dedupeId}` } : {});
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
