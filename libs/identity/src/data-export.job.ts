import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { Job, Worker } from 'bullmq';
import { strToU8, zipSync } from 'fflate';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { FILE_STORAGE, FileStorage, tenantKey } from '@plaza/storage';
import { TenantDb, tenantProcessor, TenantRef, TenantRegistry } from '@plaza/tenancy';

import { AccountMails } from './account-mails.service';
import { Avatars } from './avatars.service';
import { DataExportEntity } from './data-export.entity';
import { DATA_EXPORT_QUEUE, DataExportJobData, DataExportQueue } from './data-export.queue';
import { PersonalDataSections, toCsv } from './personal-data';
import { UserEntity } from './user.entity';

/**
 * Builds a person's archive (one JSON file with everything, one CSV per
 * section with rows), stores it under the tenant's prefix and mails the link. Rerunning
 * it rewrites the same key and the mail is deduplicated by export id.
 */
@Injectable()
export class DataExportJob implements OnModuleInit, OnModuleDestroy {
  private worker?: Worker<DataExportJobData>;
  private connection?: Redis;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly registry: TenantRegistry,
    private readonly tenantDb: TenantDb,
    private readonly sections: PersonalDataSections,
    private readonly mails: AccountMails,
    private readonly queue: DataExportQueue,
    private readonly avatars: Avatars,
  ) {}

  onModuleInit(): void {
    this.connection = createRedis(this.config.redisUrl, 'plaza-data-export-worker');
    this.worker = new Worker<DataExportJobData>(
      DATA_EXPORT_QUEUE,
      tenantProcessor(this.registry, this.handle),
      // One at a time per worker: a tenant's exports never crowd out other work.
      { connection: this.connection, prefix: this.config.queuePrefix, concurrency: 1 },
    );
  }

  readonly handle = async (job: Job<DataExportJobData>, tenant: TenantRef): Promise<void> => {
    if (job.name === 'data-export-expire') return this.expire(job.data);
    const { exportId, userId } = job.data;
    const gathered = await this.tenantDb.run(async (em) => {
      const user = await em.findOneBy(UserEntity, { id: userId });
      const row = await em.findOneBy(DataExportEntity, { id: exportId, userId });
      if (!user || user.deletedAt || !row) return null;
      return {
        user,
        data: await this.sections.collect(em, userId),
        avatar: await this.avatars.original(em, userId),
      };
    });
    if (!gathered) return; // account deleted meanwhile: nothing to build or send
    await job.updateProgress(50);
    const files: Record<string, Uint8Array> = {
      'personal-data.json': strToU8(
        JSON.stringify(
          { organization: tenant.name, exportedAt: new Date().toISOString(), ...gathered.data },
          null,
          2,
        ),
      ),
    };
    // The JSON lists every section, even empty; a CSV is written for those with rows.
    for (const [name, rows] of Object.entries(gathered.data))
      if (rows.length) files[`${name}.csv`] = strToU8(toCsv(rows));
    if (gathered.avatar) {
      const { file, data } = gathered.avatar;
      files[`avatar.${file.path.slice(file.path.lastIndexOf('.') + 1)}`] = new Uint8Array(data);
    }
    const path = `data-exports/${userId}/${exportId}.zip`;
    await this.storage.put(tenantKey(path), Buffer.from(zipSync(files)), {
      contentType: 'application/zip',
    });
    await this.tenantDb.run((em) =>
      em.update(DataExportEntity, { id: exportId }, { storageKey: path }),
    );
    await this.queue.scheduleExpiry(job.data);
    await this.mails.dataExport(
      { host: job.data.host, name: job.data.siteName, locale: job.data.locale },
      gathered.user,
      exportId,
    );
    await job.updateProgress(100);
  };

  private async expire({ exportId, userId }: DataExportJobData): Promise<void> {
    await this.storage.delete(tenantKey(`data-exports/${userId}/${exportId}.zip`));
    await this.tenantDb.run((em) => em.delete(DataExportEntity, { id: exportId }));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit();
  }
}
