import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';

import { PROVISIONING_QUEUE, ProvisionJobData } from './provisioning.queue';
import { ProvisioningService } from './provisioning.service';
import { TenantRef } from './tenant-context';
import { tenantProcessor } from './tenant-job';
import { TenantProvisionedHooks } from './tenant-provisioned-hooks';
import { TenantRegistry } from './tenant-registry.service';

/** Worker side of provisioning: runs the job inside the tenant's context, reports progress. */
@Injectable()
export class ProvisionTenantJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<ProvisionJobData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    private readonly provisioning: ProvisioningService,
    private readonly registry: TenantRegistry,
    private readonly hooks: TenantProvisionedHooks,
  ) {}

  onModuleInit(): void {
    this.worker = new Worker<ProvisionJobData>(
      PROVISIONING_QUEUE,
      tenantProcessor(this.registry, this.handle),
      {
        connection: (this.connection = createRedis(
          this.config.redisUrl,
          'plaza-provisioning-worker',
        )),
        prefix: this.config.queuePrefix,
        concurrency: 2,
      },
    );
    this.worker.on('failed', (job, error) => {
      const tenantId = job?.data.tenantId;
      this.logger.error({ tenantId, jobId: job?.id, err: error }, 'provisioning failed');
      const attempts = job?.opts.attempts ?? 1;
      if (job && tenantId && job.attemptsMade >= attempts) {
        void this.provisioning.markFailed(tenantId, error.message).catch(() => undefined);
      }
    });
  }

  private readonly handle = async (
    job: Job<ProvisionJobData>,
    tenant: TenantRef,
  ): Promise<{ status: string }> => {
    const ref = await this.provisioning.provision(tenant.id, {
      template: job.data.template,
      onProgress: (_step, progress) => job.updateProgress(progress),
    });
    await this.hooks.runAll(ref);
    this.logger.info({ tenant: ref.slug, jobId: job.id }, 'tenant provisioned');
    return { status: ref.status };
  };

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }
}
