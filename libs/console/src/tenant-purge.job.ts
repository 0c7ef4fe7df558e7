import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { LessThanOrEqual } from 'typeorm';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';
import { FILE_STORAGE, FileStorage, tenantPrefix } from '@plaza/storage';
import {
  PlatformDb,
  ProvisioningService,
  TenantJobData,
  tenantProcessor,
  TenantRef,
  TenantRegistry,
} from '@plaza/tenancy';

import { AuditLog } from './audit.service';
import { TenantArchiveService } from './tenant-archive.service';
import { TenantDeletionEntity } from './tenant-deletion.entity';

export const CONSOLE_MAINTENANCE_QUEUE = 'console-maintenance';
const SWEEP = 'purge-due-tenants';
const PURGE = 'purge-tenant';
export const EXPORT_BEFORE_DELETE = 'export-before-delete';
/** How often the worker looks for deletions whose retention period is over. */
const SWEEP_EVERY_MS = 15 * 60 * 1000;

type MaintenanceJob = Job<Partial<TenantJobData>>;

/**
 * Retires tenants whose deletion was requested: an export archive is made
 * first (enqueued at the request, and made at the latest by the purge); a
 * repeatable sweep finds deletions that are due and enqueues one purge job per
 * tenant (deterministic id, so a sweep that runs twice purges once). A purge
 * removes the tenant's files, then its schema, role and domains; the tenant
 * row stays as a tombstone (410).
 */
@Injectable()
export class TenantPurgeJob implements OnModuleInit, OnModuleDestroy {
  readonly queue: Queue<Partial<TenantJobData>>;
  private worker?: Worker<Partial<TenantJobData>>;
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly platformDb: PlatformDb,
    private readonly provisioning: ProvisioningService,
    private readonly registry: TenantRegistry,
    private readonly audit: AuditLog,
    private readonly archive: TenantArchiveService,
  ) {
    this.queue = new Queue(CONSOLE_MAINTENANCE_QUEUE, {
      connection: this.connection('plaza-console-maintenance-queue'),
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  async onModuleInit(): Promise<void> {
    const purge = tenantProcessor(this.registry, (job: Job<TenantJobData>, tenant) =>
      job.name === EXPORT_BEFORE_DELETE ? this.exportFirst(tenant) : this.purge(tenant),
    );
    this.worker = new Worker(
      CONSOLE_MAINTENANCE_QUEUE,
      (job: MaintenanceJob) =>
        // The wrapper checks the payload's tenantId at run time.
        job.name === SWEEP ? this.sweep() : purge(job as Job<TenantJobData>),
      {
        connection: this.connection('plaza-console-maintenance-worker'),
        prefix: this.config.queuePrefix,
        // One purge at a time: other tenants' work keeps the rest of the capacity.
        concurrency: 1,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        { tenantId: job?.data.tenantId, jobId: job?.id, err: error },
        'purge failed',
      ),
    );
    await this.queue.upsertJobScheduler(SWEEP, { every: SWEEP_EVERY_MS }, { name: SWEEP });
  }

  /** Enqueues a purge for every tenant whose retention period is over; returns their ids. */
  async sweep(now = new Date()): Promise<string[]> {
    const due = await this.platformDb.manager.find(TenantDeletionEntity, {
      where: { purgeAfter: LessThanOrEqual(now) },
    });
    for (const deletion of due) {
      await this.queue.add(
        PURGE,
        { tenantId: deletion.tenantId },
        { jobId: `purge-${deletion.tenantId}` },
      );
    }
    return due.map((d) => d.tenantId);
  }

  private async purge(tenant: TenantRef): Promise<{ files: number }> {
    const deletion = await this.platformDb.manager.findOneBy(TenantDeletionEntity, {
      tenantId: tenant.id,
    });
    // Cancelled (or already purged) between the sweep and now: nothing to do.
    if (!deletion || tenant.status !== 'deleting') return { files: 0 };
    // Never delete what has not been exported first.
    if (!deletion.exportPath) await this.exportFirst(tenant);
    const files = await this.storage.deletePrefix(tenantPrefix());
    await this.provisioning.deprovision(tenant.id);
    await this.platformDb.manager.delete(TenantDeletionEntity, { tenantId: tenant.id });
    await this.audit.record(null, {
      action: 'tenant.purge',
      tenantId: tenant.id,
      before: { slug: tenant.slug, name: tenant.name, status: tenant.status },
      after: { status: 'deleted', files },
    });
    this.logger.info({ tenant: tenant.slug, files }, 'tenant purged');
    return { files };
  }

  /** Writes the tenant's export archive and records where (idempotent). */
  private async exportFirst(tenant: TenantRef): Promise<{ exportPath: string | null }> {
    const deletion = await this.platformDb.manager.findOneBy(TenantDeletionEntity, {
      tenantId: tenant.id,
    });
    if (!deletion || tenant.status !== 'deleting') return { exportPath: null };
    if (deletion.exportPath) return { exportPath: deletion.exportPath };
    await mkdir(this.config.exportDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const exportPath = resolve(
      this.config.exportDir,
      `${tenant.slug}-${tenant.id}-${stamp}.tar.gz`,
    );
    const manifest = await this.archive.export(tenant, exportPath);
    await this.platformDb.manager.update(
      TenantDeletionEntity,
      { tenantId: tenant.id },
      { exportPath },
    );
    await this.audit.record(null, {
      action: 'tenant.export',
      tenantId: tenant.id,
      after: { exportPath, tables: manifest.tables, files: manifest.files },
    });
    return { exportPath };
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
