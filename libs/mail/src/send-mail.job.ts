import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';

import { Job, Worker } from 'bullmq';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { TenantContext, TenantRegistry } from '@plaza/tenancy';

import { MAIL_QUEUE, MailJobData } from './mail.queue';
import { Mailer, TENANT_SMTP, TenantSmtpResolver } from './mailer.service';

/** Worker side of mail. Tenant mail runs inside the tenant's context. */
@Injectable()
export class SendMailJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<MailJobData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly mailer: Mailer,
    private readonly registry: TenantRegistry,
    @Optional() @Inject(TENANT_SMTP) private readonly tenantSmtp?: TenantSmtpResolver,
  ) {}

  onModuleInit(): void {
    this.connection = createRedis(this.config.redisUrl, 'plaza-mail-worker');
    this.worker = new Worker<MailJobData>(MAIL_QUEUE, (job) => this.handle(job), {
      connection: this.connection,
      prefix: this.config.queuePrefix,
      concurrency: 4,
    });
  }

  private async handle(job: Job<MailJobData>): Promise<void> {
    const { tenantId, message } = job.data;
    if (!tenantId) return this.mailer.send(message);
    const tenant = await this.registry.refById(tenantId);
    if (!tenant) return; // tenant deleted meanwhile: nothing to send
    const smtp = await this.tenantSmtp?.smtpFor(tenant.id);
    return TenantContext.run(tenant, () => this.mailer.send(message, smtp));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }
}
