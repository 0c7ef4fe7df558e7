import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';
import { TenantJobData, tenantProcessor, TenantRegistry } from '@plaza/tenancy';

import { PhasesService } from './phases.service';

export const PHASES_QUEUE = 'space-phases';
const SCAN = 'scan-all-tenants';
const ADVANCE = 'advance-phases';

interface AdvanceData extends TenantJobData {
  /** The day (YYYY-MM-DD, UTC) whose phases become active. */
  day: string;
}

/**
 * Moves processes' active phase by date. A repeatable scan (hourly) enqueues
 * one job per active tenant, so one tenant's failure or slowness stays its own;
 * the per-tenant job id includes the day and hour so a rerun does not duplicate.
 */
@Injectable()
export class PhaseScheduleJob implements OnModuleInit, OnModuleDestroy {
  private queue?: Queue;
  private worker?: Worker;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    private readonly registry: TenantRegistry,
    private readonly phases: PhasesService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = createRedis(this.config.redisUrl, 'plaza-phases');
    const options = { connection: this.connection, prefix: this.config.queuePrefix };
    this.queue = new Queue(PHASES_QUEUE, {
      ...options,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 10000 },
        removeOnComplete: { age: 24 * 3600, count: 5000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    await this.queue.upsertJobScheduler(SCAN, { pattern: '1 * * * *', tz: 'UTC' }, { name: SCAN });
    const advance = tenantProcessor<AdvanceData, number>(this.registry, (job) =>
      this.phases.advanceByDate(job.data.day),
    );
    this.worker = new Worker(
      PHASES_QUEUE,
      (job: Job) => (job.name === SCAN ? this.scan() : advance(job as Job<AdvanceData, number>)),
      { ...options, concurrency: 2 },
    );
    this.worker.on('failed', (job, err) =>
      this.logger.error({ tenantId: job?.data?.tenantId, jobId: job?.id, err }, 'phase job failed'),
    );
  }

  /** Enqueues the per-tenant jobs for now; returns how many. */
  async scan(now = new Date()): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const hour = now.toISOString().slice(0, 13);
    const tenants = (await this.registry.list()).filter((t) => t.status === 'active');
    await this.queue!.addBulk(
      tenants.map((t) => ({
        name: ADVANCE,
        data: { tenantId: t.id, day } satisfies AdvanceData,
        opts: { jobId: `${ADVANCE}-${t.id}-${hour}` },
      })),
    );
    return tenants.length;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.connection?.quit();
  }
}
