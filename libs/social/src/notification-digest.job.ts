import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig, publicUrl } from '@plaza/core';
import { MailQueue } from '@plaza/mail';
import {
  TenantDb,
  TenantJobData,
  tenantProcessor,
  TenantRef,
  TenantRegistry,
} from '@plaza/tenancy';

import { ACCOUNT_EVENTS } from './social.entities';
import { socialT } from './social.messages';

export const DIGESTS_QUEUE = 'notification-digests';
const SCAN = 'scan-digests';
const SEND = 'send-digests';
const BATCH = 500;
const DAY = 24 * 3600 * 1000;

export interface DigestData extends TenantJobData {
  frequency: 'daily' | 'weekly';
  /** Notifications created in [since, until) go into this digest. */
  since: string;
  until: string;
}

interface Row {
  user_id: string;
  email: string;
  locale: string | null;
  title: string;
  event: string;
  url: string;
}

/**
 * Daily and weekly digest emails. A scan (daily, 06:00 UTC; weekly on Mondays)
 * enqueues one job per tenant and period; each job walks the recipients in
 * keyset-paginated batches of 500 and adds their mails in bulk with ids per
 * person and period, so a rerun or retry never sends a digest twice and a large
 * audience never floods the queue at once.
 */
@Injectable()
export class NotificationDigestJob implements OnModuleInit, OnModuleDestroy {
  private queue?: Queue;
  private worker?: Worker;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    private readonly registry: TenantRegistry,
    private readonly tenantDb: TenantDb,
    private readonly mail: MailQueue,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = createRedis(this.config.redisUrl, 'plaza-digests');
    const options = { connection: this.connection, prefix: this.config.queuePrefix };
    this.queue = new Queue(DIGESTS_QUEUE, {
      ...options,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 30000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    });
    await this.queue.upsertJobScheduler(SCAN, { pattern: '0 6 * * *', tz: 'UTC' }, { name: SCAN });
    const send = tenantProcessor<DigestData, number>(this.registry, (job, tenant) =>
      this.send(job.data, tenant),
    );
    this.worker = new Worker(
      DIGESTS_QUEUE,
      (job: Job) => (job.name === SCAN ? this.scan() : send(job as Job<DigestData, number>)),
      { ...options, concurrency: 1 },
    );
    this.worker.on('failed', (job, err) =>
      this.logger.error(
        { tenantId: job?.data?.tenantId, jobId: job?.id, err },
        'digest job failed',
      ),
    );
  }

  /** Enqueues the day's digests (and the week's on Mondays) for every active tenant. */
  async scan(now = new Date()): Promise<number> {
    const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const periods: { frequency: DigestData['frequency']; since: Date }[] = [
      { frequency: 'daily', since: new Date(until.getTime() - DAY) },
    ];
    if (until.getUTCDay() === 1)
      periods.push({ frequency: 'weekly', since: new Date(until.getTime() - 7 * DAY) });
    const tenants = (await this.registry.list()).filter((t) => t.status === 'active');
    const day = until.toISOString().slice(0, 10);
    await this.queue!.addBulk(
      tenants.flatMap((t) =>
        periods.map((p) => ({
          name: SEND,
          data: {
            tenantId: t.id,
            frequency: p.frequency,
            since: p.since.toISOString(),
            until: until.toISOString(),
          } satisfies DigestData,
          opts: { jobId: `digest-${p.frequency}-${t.id}-${day}` },
        })),
      ),
    );
    return tenants.length * periods.length;
  }

  /** Sends one tenant's digests for a period; returns how many emails were enqueued. */
  async send(data: DigestData, tenant: TenantRef): Promise<number> {
    const host = `${tenant.slug}.${this.config.baseDomain}`;
    let after = '00000000-0000-0000-0000-000000000000';
    let sent = 0;
    for (;;) {
      const rows: Row[] = await this.tenantDb.run((em) =>
        em.query(
          `with recipients as (
             select u.id, u.email, u.locale from users u
             join notification_preferences p on p.user_id = u.id
             where p.email_frequency = $1 and u.deleted_at is null and u.id > $2
               and exists (select 1 from notifications n where n.user_id = u.id
                           and n.created_at >= $3 and n.created_at < $4
                           and n.event <> all($6::varchar[]))
             order by u.id limit $5
           )
           select r.id as user_id, r.email, r.locale, n.title, n.event, n.url
           from recipients r join notifications n on n.user_id = r.id
             and n.created_at >= $3 and n.created_at < $4 and n.event <> all($6::varchar[])
           order by r.id, n.created_at`,
          [data.frequency, after, data.since, data.until, BATCH, ACCOUNT_EVENTS],
        ),
      );
      if (rows.length === 0) return sent;
      const byUser = new Map<string, Row[]>();
      for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
      const period = data.until.slice(0, 10);
      await this.mail.queue.addBulk(
        [...byUser.values()].map((items) => {
          const locale = items[0].locale ?? tenant.defaultLocale;
          const lines = items.map(
            (i) =>
              `- ${socialT(locale, `event.${i.event}` as 'event.comment_created', { title: i.title })}: ${publicUrl(this.config, host, i.url)}`,
          );
          return {
            name: 'send-mail',
            data: {
              tenantId: tenant.id,
              message: {
                to: items[0].email,
                subject: socialT(locale, 'digest.subject', {
                  site: tenant.name,
                  count: items.length,
                }),
                text: `${socialT(locale, 'emailIntro')}\n\n${lines.join('\n')}\n`,
              },
            },
            opts: { jobId: `mail-digest-${data.frequency}-${items[0].user_id}-${period}` },
          };
        }),
      );
      sent += byUser.size;
      after = [...byUser.keys()].sort().at(-1)!;
      if (byUser.size < BATCH) return sent;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.connection?.quit();
  }
}
