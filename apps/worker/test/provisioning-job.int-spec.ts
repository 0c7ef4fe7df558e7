import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ProvisioningQueue, TenantDb, TenantRegistry, toTenantRef } from '@plaza/tenancy';
import { eventually, testLogger, TestPlatform, uniqueSlug } from '@plaza/testing';

import { WorkerModule } from '../src/worker.module';

describe('Worker: provisioning job', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      {
        logger: false,
      },
    );
  });
  afterAll(async () => {
    await worker.close();
    await platform.close();
  });

  it('provisions a tenant from a queued job carrying its tenantId, reporting progress', async () => {
    const registry = platform.get(TenantRegistry);
    const row = await registry.create({
      slug: uniqueSlug('job'),
      name: 'Queued City',
      adminEmail: 'admin@queued.example',
    });
    const queue = platform.get(ProvisioningQueue);
    await queue.enqueue(row.id);
    await queue.enqueue(row.id); // same deterministic job id: not run twice

    const active = await eventually(async () => {
      const current = await registry.findById(row.id);
      return current?.status === 'active' ? current : undefined;
    });
    expect(active.provisioningProgress).toBe(100);
    const job = await queue.queue.getJob(`provision-${row.id}`);
    expect(job?.data).toEqual({ tenantId: row.id, template: 'empty' });
    await eventually(async () => (await job?.getState()) === 'completed');
    expect((await queue.queue.getJob(`provision-${row.id}`))?.progress).toBe(100);
    // Other test files share the queue: count this tenant's jobs only (one, never run twice).
    const jobs = await queue.queue.getJobs(['completed', 'waiting', 'active', 'delayed']);
    const mine = jobs.filter((j) => (j.data as { tenantId?: string }).tenantId === row.id);
    expect(mine.map((j) => j.id)).toEqual([`provision-${row.id}`]);

    const admins = await platform
      .get(TenantDb)
      .runFor(toTenantRef(active), (em) => em.query('select email from users'));
    expect(admins).toEqual([{ email: 'admin@queued.example' }]);
  });

  it('fails for good a job whose tenant does not exist', async () => {
    const queue = platform.get(ProvisioningQueue);
    await queue.enqueue('doesnotexist');
    const job = await eventually(async () => {
      const j = await queue.queue.getJob('provision-doesnotexist');
      return j && (await j.getState()) === 'failed' ? j : undefined;
    });
    expect(job.failedReason).toMatch(/does not exist/);
    expect(job.attemptsMade).toBe(1);
  });
});
