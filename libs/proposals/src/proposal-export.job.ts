import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { IsNull, Not } from 'typeorm';

import { createRedis, PLAZA_CONFIG, PLAZA_LOGGER, PlazaConfig, publicUrl } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { MailQueue } from '@plaza/mail';
import { FILE_STORAGE, FileStorage, tenantKey } from '@plaza/storage';
import {
  TenantDb,
  TenantJobData,
  tenantProcessor,
  TenantRef,
  TenantRegistry,
} from '@plaza/tenancy';

import { ProposalEntity } from './proposal.entity';
import {
  ExportFormat,
  ExportRow,
  toCsv,
  toExportRow,
  toXlsx,
  XLSX_CONTENT_TYPE,
} from './proposal-export';
import { proposalsT } from './proposals.messages';

export const PROPOSAL_EXPORTS_QUEUE = 'proposal-exports';

export interface ProposalExportData extends TenantJobData {
  componentId: string;
  format: ExportFormat;
  /** Who asked: they receive the link by email. */
  userId: string;
}

const PAGE = 1000;
const LINK_SECONDS = 7 * 24 * 3600;

async function encode(
  format: ExportFormat,
  rows: ExportRow[],
): Promise<{ body: Buffer; contentType: string }> {
  switch (format) {
    case 'csv':
      return { body: Buffer.from(toCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8' };
    case 'xlsx':
      return { body: await toXlsx(rows), contentType: XLSX_CONTENT_TYPE };
    default:
      return {
        body: Buffer.from(JSON.stringify(rows, null, 2), 'utf8'),
        contentType: 'application/json',
      };
  }
}

/** API side: asks the worker for an export. */
@Injectable()
export class ProposalExportQueue implements OnModuleDestroy {
  readonly queue: Queue<ProposalExportData>;
  private readonly connection: Redis;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.connection = createRedis(config.redisUrl, 'plaza-proposal-exports');
    this.queue = new Queue<ProposalExportData>(PROPOSAL_EXPORTS_QUEUE, {
      connection: this.connection,
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 10000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    });
  }

  async enqueue(data: ProposalExportData): Promise<string> {
    const job = await this.queue.add('export-proposals', data);
    return String(job.id);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}

/**
 * Worker side: reads the component's proposals page by page, stores the file
 * under the tenant's storage prefix and emails the requester a link valid 7 days.
 * Concurrency 1 per worker, so one tenant's large export cannot take every slot.
 */
@Injectable()
export class ProposalExportJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<ProposalExportData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(PLAZA_LOGGER) private readonly logger: Logger,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly registry: TenantRegistry,
    private readonly tenantDb: TenantDb,
    private readonly mail: MailQueue,
  ) {}

  onModuleInit(): void {
    this.connection = createRedis(this.config.redisUrl, 'plaza-proposal-exports-worker');
    this.worker = new Worker<ProposalExportData>(
      PROPOSAL_EXPORTS_QUEUE,
      tenantProcessor(this.registry, (job, tenant) => this.run(job, tenant)),
      { connection: this.connection, prefix: this.config.queuePrefix, concurrency: 1 },
    );
    this.worker.on('failed', (job, err) =>
      this.logger.error(
        { tenantId: job?.data.tenantId, jobId: job?.id, err },
        'proposal export failed',
      ),
    );
  }

  async run(job: Job<ProposalExportData>, tenant: TenantRef): Promise<string> {
    const { componentId, format, userId } = job.data;
    const requester = await this.tenantDb.run((em) => em.findOneBy(UserEntity, { id: userId }));
    const locale = requester?.locale ?? tenant.defaultLocale;
    const rows = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.tenantDb.run((em) =>
        em.find(ProposalEntity, {
          where: { componentId, publishedAt: Not(IsNull()) },
          relations: { author: true, category: true, scope: true },
          order: { publishedAt: 'ASC', id: 'ASC' },
          skip: offset,
          take: PAGE,
        }),
      );
      rows.push(...page.map((p) => toExportRow(p, locale)));
      await job.updateProgress(Math.min(90, rows.length));
      if (page.length < PAGE) break;
    }
    const { body, contentType } = await encode(format, rows);
    const name = `proposals-${componentId}-${job.id}.${format}`;
    const key = tenantKey('exports', name);
    await this.storage.put(key, body, { contentType });
    const signed = await this.storage.signedUrl(key, {
      expiresInSeconds: LINK_SECONDS,
      downloadName: name,
    });
    const link = signed.startsWith('/')
      ? publicUrl(this.config, `${tenant.slug}.${this.config.baseDomain}`, signed)
      : signed;
    if (requester) {
      await this.mail.enqueue(
        {
          tenantId: tenant.id,
          message: {
            to: requester.email,
            subject: proposalsT(locale, 'export.subject', {
              site: tenant.name,
              format: format.toUpperCase(),
            }),
            text: `${proposalsT(locale, 'export.body', { count: rows.length })}\n\n${link}\n`,
          },
        },
        `export-${job.id}`,
      );
    }
    await job.updateProgress(100);
    return key;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }
}
