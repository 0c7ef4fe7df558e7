import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { In } from 'typeorm';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';
import {
  PlatformDb,
  TenantEntity,
  TenantJobData,
  tenantProcessor,
  TenantRegistry,
} from '@plaza/tenancy';

import { UsageService } from './usage.service';

export const USAGE_QUEUE = 'console-usage';
const REFRESH = 'refresh-usage';
const MEASURE = 'measure-usage';
const REFRESH_EVERY_MS = 60 * 60 * 1000;

/**
 * Refreshes usage figures: an hourly repeatable job enqueues one measuring job
 * per live tenant, so one large tenant does not hold up the others.
 */
@Injectable()
export class UsageJob implements OnModuleInit, OnModuleDestroy {
  readonly queue: Queue<Partial<TenantJobData>>;
  private worker?: Worker<Partial<TenantJobData>>;
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    private readonly platformDb: PlatformDb,
    private readonly registry: TenantRegistry,
    private readonly usage: UsageService,
  ) {
    this.queue = new Queue(USAGE_QUEUE, {
      connection: this.connection('plaza-usage-queue'),
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async onModuleInit(): Promise<void> {
    const measure = tenantProcessor(this.registry, (_job: Job<TenantJobData>, tenant) =>
      this.usage.measure(tenant),
    );
    this.worker = new Worker(
      USAGE_QUEUE,
      (job: Job<Partial<TenantJobData>>) =>
        // The wrapper checks the payload's tenantId at run time.
        job.name === REFRESH ? this.refresh() : measure(job as Job<TenantJobData>),
      {
        connection: this.connection('plaza-usage-worker'),
        prefix: this.config.queuePrefix,
        concurrency: 2,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        { tenantId: job?.data.tenantId, jobId: job?.id, err: error },
        'usage measure failed',
      ),
    );
    await this.queue.upsertJobScheduler(REFRESH, { every: REFRESH_EVERY_MS }, { name: REFRESH });
  }

  /** Enqueues a measure of every live tenant; returns how many. */
  async refresh(now = new Date()): Promise<number> {
    const tenants = await this.platformDb.manager.find(TenantEntity, {
      where: { status: In(['active', 'suspended', 'archived']) },
      select: ['id'],
    });
    const slot = Math.floor(now.getTime() / REFRESH_EVERY_MS);
    await this.queue.addBulk(
      tenants.map((t) => ({
        name: MEASURE,
        data: { tenantId: t.id },
        opts: { jobId: `usage-${t.id}-${slot}` },
      })),
    );
    return tenants.length;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled(this.connections.map((c) => c.quit()));
  }

  private connection(name: string): Redis {
    const connection = createRedis(this.config.redisUrl, name);
    this.connections.push(connection);
    return connection;
  }
}
