import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { Queue } from 'bullmq';
import { Workbook } from 'exceljs';

import { MAIL_QUEUE } from '@plaza/mail';
import { ProposalEntity, ProposalExportQueue } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity } from '@plaza/spaces';
import { FILE_STORAGE, FileStorage, tenantKey } from '@plaza/storage';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import { createUser, eventually, testLogger, TestPlatform } from '@plaza/testing';

import { WorkerModule } from '../src/worker.module';

describe('Worker: proposals export', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;
  let exportsQueue: ProposalExportQueue;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    exportsQueue = new ProposalExportQueue(platform.config);
  });
  afterAll(async () => {
    await exportsQueue?.onModuleDestroy();
    await worker?.close();
    await platform?.close();
  });

  it("writes a component's proposals as CSV, JSON and Excel in the tenant's storage and emails the requester", async () => {
    const tenant = await platform.createTenant();
    const admin = await createUser(platform.ctx, tenant, { roles: ['admin'], name: 'Ann Admin' });
    const componentId = await platform.get(TenantDb).runFor(tenant, async (em) => {
      const space = await em.save(
        em.create(SpaceEntity, {
          kind: 'process',
          slug: 'exp',
          title: { en: 'Export' },
          publishedAt: new Date(),
        }),
      );
      const c = await em.save(
        em.create(ComponentEntity, {
          spaceId: space.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
        }),
      );
      await em.save(
        ['=cmd()', 'Plain, with comma'].map((title, i) =>
          em.create(ProposalEntity, {
            componentId: c.id,
            authorId: admin.id,
            title,
            body: `Body ${i}`,
            publishedAt: new Date(Date.UTC(2027, 0, 1 + i)),
          }),
        ),
      );
      return c.id;
    });
    const storage = worker.get<FileStorage>(FILE_STORAGE, { strict: false });
    const readBytes = async (name: string) =>
      TenantContext.run(tenant, async () => {
        const file = await storage.get(tenantKey('exports', name));
        const chunks: Buffer[] = [];
        for await (const chunk of file.body) chunks.push(chunk as Buffer);
        return { bytes: Buffer.concat(chunks), contentType: file.contentType };
      });
    const read = async (name: string) => (await readBytes(name)).bytes.toString('utf8');
    const csvJob = await exportsQueue.enqueue({
      tenantId: tenant.id,
      componentId,
      format: 'csv',
      userId: admin.id,
    });
    const csv = await eventually(
      () => read(`proposals-${componentId}-${csvJob}.csv`).catch(() => null),
      20000,
    );
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=cmd()");
    expect(lines[2]).toContain('"Plain, with comma"');
    expect(lines[2]).toContain('Ann Admin');

    const jsonJob = await exportsQueue.enqueue({
      tenantId: tenant.id,
      componentId,
      format: 'json',
      userId: admin.id,
    });
    const json = await eventually(
      () => read(`proposals-${componentId}-${jsonJob}.json`).catch(() => null),
      20000,
    );
    expect((JSON.parse(json) as { title: string }[]).map((r) => r.title)).toEqual([
      '=cmd()',
      'Plain, with comma',
    ]);

    const xlsxJob = await exportsQueue.enqueue({
      tenantId: tenant.id,
      componentId,
      format: 'xlsx',
      userId: admin.id,
    });
    const xlsx = await eventually(
      () => readBytes(`proposals-${componentId}-${xlsxJob}.xlsx`).catch(() => null),
      20000,
    );
    expect(xlsx.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Proposals')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, ...lines[0].split(',')]);
    expect(sheet.getRow(2).getCell('B').value).toBe('=cmd()');
    expect(sheet.getRow(3).getCell('B').value).toBe('Plain, with comma');
    expect(sheet.getRow(3).getCell('D').value).toBe('Ann Admin');

    const mail = new Queue(MAIL_QUEUE, {
      connection: { url: platform.config.redisUrl },
      prefix: platform.config.queuePrefix,
    });
    try {
      const job = await eventually(() => mail.getJob(`mail-export-${csvJob}`), 20000);
      expect(job.data.message.to).toBe(admin.email);
      expect(job.data.message.text).toContain('2 proposals');
    } finally {
      await mail.close();
    }
  }, 60_000);
});
