import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '@plaza/core';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { FILE_STORAGE, FileStorage, tenantKey, tenantPrefix } from '@plaza/storage';
import { PlatformDb, TenancyModule, TenantContext, TenantEntity, TenantRef } from '@plaza/tenancy';
import { eventually, testConfig, testLogger, TestPlatform } from '@plaza/testing';

import { AuditEventEntity } from './audit-event.entity';
import { ConsoleWorkerModule } from './console-worker.module';
import { TenantDeletionEntity } from './tenant-deletion.entity';
import { TenantPurgeJob } from './tenant-purge.job';

describe('TenantPurgeJob (worker)', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;
  let storageDir: string;
  let sut: TenantPurgeJob;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'plaza-purge-'));
    platform = await TestPlatform.start();
    // Its own queue prefix: workers of other test files must not take these jobs.
    const config = testConfig({
      STORAGE_DIR: storageDir,
      EXPORT_DIR: join(storageDir, 'exports'),
      QUEUE_PREFIX: `${testConfig().queuePrefix}-purge`,
    });
    @Module({
      imports: [
        CoreModule.forRoot(config, testLogger()),
        TenancyModule.forRoot({
          catalog: SCHEMA,
          seeders: TENANT_SEEDERS,
          admin: true,
          applicationName: 'plaza-test-worker',
        }),
        ConsoleWorkerModule,
      ],
    })
    class WorkerTestModule {}
    worker = await NestFactory.createApplicationContext(WorkerTestModule, { logger: false });
    sut = worker.get(TenantPurgeJob);
  });
  afterAll(async () => {
    await worker?.close();
    await platform?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function scheduleDeletion(tenant: TenantRef, purgeAfter: Date): Promise<void> {
    const db = platform.get(PlatformDb);
    await db.manager.update(TenantEntity, { id: tenant.id }, { status: 'deleting' });
    await db.manager.insert(TenantDeletionEntity, {
      tenantId: tenant.id,
      purgeAfter,
      previousStatus: 'active',
      requestedBy: 'operator@plaza.example',
    });
  }

  it('purges due tenants only: files, schema and role go, a tombstone stays', async () => {
    const storage = worker.get<FileStorage>(FILE_STORAGE);
    const due = await platform.createTenant();
    const later = await platform.createTenant();
    for (const tenant of [due, later]) {
      await TenantContext.run(tenant, () =>
        storage.put(tenantKey('uploads', 'a.txt'), Buffer.from('hello'), {
          contentType: 'text/plain',
        }),
      );
    }
    const now = new Date('2030-01-01T00:00:00Z');
    await scheduleDeletion(due, new Date('2029-12-31T00:00:00Z'));
    await scheduleDeletion(later, new Date('2030-01-02T00:00:00Z'));

    expect(await sut.sweep(now)).toContain(due.id);
    const db = platform.get(PlatformDb);
    // The purge's audit event is its last step.
    await eventually(async () =>
      db.manager.findOneBy(AuditEventEntity, { tenantId: due.id, action: 'tenant.purge' }),
    );
    expect((await db.manager.findOneBy(TenantEntity, { id: due.id }))?.status).toBe('deleted');
    const schemas = await db.query<{ n: string }>(
      'select nspname as n from pg_namespace where nspname in ($1, $2)',
      [due.schemaName, later.schemaName],
    );
    expect(schemas.map((s) => s.n)).toEqual([later.schemaName]);
    const roles = await db.query('select 1 from pg_roles where rolname = $1', [due.roleName]);
    expect(roles).toHaveLength(0);
    const count = async (tenant: TenantRef) => {
      let n = 0;
      await TenantContext.run(tenant, async () => {
        for await (const _ of storage.list(tenantPrefix())) n++;
      });
      return n;
    };
    expect(await count(due)).toBe(0);
    expect(await count(later)).toBe(1);
    expect(await db.manager.findOneBy(TenantDeletionEntity, { tenantId: due.id })).toBeNull();
    // The archive was made before anything was deleted, and outlives the purge.
    const exported = await db.manager.findOneBy(AuditEventEntity, {
      tenantId: due.id,
      action: 'tenant.export',
    });
    const exportPath = String(exported?.after?.exportPath);
    expect(exportPath).toContain(join(storageDir, 'exports', `${due.slug}-${due.id}-`));
    expect((await stat(exportPath)).size).toBeGreaterThan(0);
    expect(await db.manager.findOneBy(TenantDeletionEntity, { tenantId: later.id })).not.toBeNull();
    const audit = await db.manager.findOneBy(AuditEventEntity, {
      tenantId: due.id,
      action: 'tenant.purge',
    });
    expect(audit?.after).toEqual({ status: 'deleted', files: 1 });
    expect(exported!.createdAt.getTime()).toBeLessThanOrEqual(audit!.createdAt.getTime());
  });

  it('exports a tenant as soon as its deletion is requested', async () => {
    const tenant = await platform.createTenant();
    await scheduleDeletion(tenant, new Date('2100-01-01T00:00:00Z'));
    await sut.queue.add('export-before-delete', { tenantId: tenant.id });
    const db = platform.get(PlatformDb);
    const deletion = await eventually(async () => {
      const row = await db.manager.findOneBy(TenantDeletionEntity, { tenantId: tenant.id });
      return row?.exportPath ? row : null;
    });
    expect((await stat(deletion.exportPath!)).size).toBeGreaterThan(0);
    expect((await db.manager.findOneBy(TenantEntity, { id: tenant.id }))?.status).toBe('deleting');
  });

  it('leaves a tenant whose deletion was cancelled', async () => {
    const tenant = await platform.createTenant();
    await scheduleDeletion(tenant, new Date('2000-01-01T00:00:00Z'));
    const db = platform.get(PlatformDb);
    // Cancelled after the sweep saw it, before the purge ran.
    await db.manager.delete(TenantDeletionEntity, { tenantId: tenant.id });
    await db.manager.update(TenantEntity, { id: tenant.id }, { status: 'active' });
    await sut.queue.add('purge-tenant', { tenantId: tenant.id }, { jobId: `purge-${tenant.id}` });
    await eventually(async () => {
      const job = await sut.queue.getJob(`purge-${tenant.id}`);
      return job && (await job.isCompleted());
    });
    expect((await db.manager.findOneBy(TenantEntity, { id: tenant.id }))?.status).toBe('active');
  });
});
