import { randomUUID } from 'node:crypto';

import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CoreModule } from '@plaza/core';
import { MailSentCountEntity } from '@plaza/mail';
import { SCHEMA, TENANT_SEEDERS } from '@plaza/migrations';
import { ProposalEntity } from '@plaza/proposals';
import { CommentEntity } from '@plaza/social';
import { ComponentEntity, SpaceEntity } from '@plaza/spaces';
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

  it("counts what the features register: spaces, contributions, this month's emails (two tenants)", async () => {
    const a = await platform.createTenant();
    const b = await platform.createTenant();
    const author = await createUser(platform.ctx, a);
    await platform.get(TenantDb).runFor(a, async (em) => {
      const [process, assembly] = await em.save([
        em.create(SpaceEntity, { kind: 'process', slug: 'budget', title: { en: 'Budget' } }),
        em.create(SpaceEntity, { kind: 'assembly', slug: 'council', title: { en: 'Council' } }),
      ]);
      const component = await em.save(
        em.create(ComponentEntity, {
          spaceId: process.id,
          manifest: 'proposals',
          name: { en: 'Ideas' },
        }),
      );
      const [published] = await em.save([
        em.create(ProposalEntity, {
          componentId: component.id,
          authorId: author.id,
          title: 'Published',
          body: 'Counted',
          publishedAt: new Date(),
        }),
        em.create(ProposalEntity, {
          componentId: component.id,
          authorId: author.id,
          title: 'Draft',
          body: 'Not a contribution yet',
        }),
      ]);
      await em.save([
        em.create(CommentEntity, {
          resourceType: 'proposal',
          resourceId: published.id,
          authorId: author.id,
          body: 'Counted',
        }),
        em.create(CommentEntity, {
          resourceType: 'space',
          resourceId: assembly.id,
          authorId: author.id,
          body: 'Counted too',
        }),
        em.create(CommentEntity, {
          resourceType: 'proposal',
          resourceId: published.id,
          authorId: author.id,
          body: 'Deleted by its author',
          deletedAt: new Date(),
        }),
      ]);
      // Mail job bookkeeping: 4 this month, 9 last month.
      await em.save([
        em.create(MailSentCountEntity, { month: '2030-01-01', sent: 4 }),
        em.create(MailSentCountEntity, { month: '2029-12-01', sent: 9 }),
      ]);
    });
    const sut = worker.get(UsageService);
    const now = new Date('2030-01-15T12:00:00Z');
    expect(await sut.measure(a, now)).toEqual({
      participants: 1,
      spaces: 2,
      contributions: 3,
      storageBytes: 0,
      emailsThisMonth: 4,
    });
    expect(await sut.measure(b, now)).toEqual({
      participants: 0,
      spaces: 0,
      contributions: 0,
      storageBytes: 0,
      emailsThisMonth: 0,
    });
  });
});
