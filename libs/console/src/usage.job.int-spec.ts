import { randomUUID } from 'node:crypto';

import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '@plaza/core';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { StoredFileEntity } from '@plaza/storage';
import { PlatformDb, TenancyModule, TenantDb } from '@plaza/tenancy';
import { createUser, eventually, testConfig, testLogger, TestPlatform } from '@plaza/testing';

import { ConsoleWorkerModule } from './console-worker.module';
import { TenantUsageEntity } from './plan.entity';
import { UsageJob } from './usage.job';
import { UsageService } from './usage.service';

describe('UsageJob (worker)', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    @Module({
      imports: [
        // Its own queue prefix: workers of other test files must not take these jobs.
        CoreModule.forRoot(
          testConfig({ QUEUE_PREFIX: `${testConfig().queuePrefix}-usage` }),
          testLogger(),
        ),
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
  });
  afterAll(async () => {
    await worker?.close();
    await platform?.close();
  });

  it('measures every live tenant from the scheduled refresh, each in its own schema', async () => {
    const a = await platform.createTenant();
    const b = await platform.createTenant();
    for (let i = 0; i < 3; i++) await createUser(platform.ctx, a);
    await createUser(platform.ctx, b);
    await platform.get(TenantDb).runFor(a, (em) =>
      em.insert(StoredFileEntity, {
        id: randomUUID(),
        path: 'uploads/x.png',
        contentType: 'image/png',
        kind: 'image',
        size: 1234,
        originalName: 'x.png',
      }),
    );
    const sut = worker.get(UsageJob);
    expect(await sut.refresh(new Date('2030-01-01T10:00:00Z'))).toBeGreaterThanOrEqual(2);
    const db = platform.get(PlatformDb);
    const usage = await eventually(async () => {
      const rows = await db.manager.findBy(TenantUsageEntity, [
        { tenantId: a.id },
        { tenantId: b.id },
      ]);
      return rows.length === 2 ? new Map(rows.map((r) => [r.tenantId, r.figures])) : null;
    });
    expect(usage.get(a.id)).toEqual({
      participants: 3,
      spaces: 0,
      contributions: 0,
      storageBytes: 1234,
      emailsThisMonth: 0,
    });
    expect(usage.get(b.id)?.participants).toBe(1);
  });

  it('adds the counters features register', async () => {
    const tenant = await platform.createTenant();
    const sut = worker.get(UsageService);
    sut.register({ metric: 'contributions', name: 'fixed', count: async () => 7 });
    sut.register({
      metric: 'contributions',
      name: 'users-as-contributions',
      count: async (em) => Number((await em.query('select count(*) as n from users'))[0].n),
    });
    await createUser(platform.ctx, tenant);
    expect((await sut.measure(tenant)).contributions).toBe(8);
  });
});
