import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';

import { Job, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig } from '@plaza/core';
import { monthOf, TenantContext, TenantDb, TenantRef, TenantRegistry } from '@plaza/tenancy';

import { MAIL_QUEUE, MailJobData } from './mail.queue';
import { Mailer, TENANT_SMTP, TenantSmtpResolver } from './mailer.service';

/** Worker side of mail. Tenant mail runs inside the tenant's context. */
@Injectable()
export class SendMailJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<MailJobData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    private readonly mailer: Mailer,
    private readonly registry: TenantRegistry,
    private readonly tenantDb: TenantDb,
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
    await TenantContext.run(tenant, () => this.mailer.send(message, smtp));
    await this.countSent(tenant);
  }

  /** One more mail this month. The mail is gone: a failure here is logged, never retried. */
  private async countSent(tenant: TenantRef): Promise<void> {
    try {
      await this.tenantDb.runFor(tenant, (em) =>
        em.query(
          `insert into mail_sent_counts (month, sent) values ($1, 1)
           on conflict (month) do update set sent = mail_sent_counts.sent + 1`,
          [monthOf(new Date())],
        ),
      );
    } catch (error) {
      this.logger.error({ tenantId: tenant.id, err: error }, 'mail count not recorded');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }
}
