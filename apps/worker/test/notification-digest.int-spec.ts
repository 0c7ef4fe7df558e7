import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { Queue } from 'bullmq';

import { MAIL_QUEUE } from '@plaza/mail';
import {
  NotificationDigestJob,
  NotificationEntity,
  NotificationPreferenceEntity,
} from '@plaza/social';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import { createUser, testLogger, TestPlatform } from '@plaza/testing';

import { WorkerModule } from '../src/worker.module';

describe('Worker: notification digests', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;
  let mail: Queue;

  beforeAll(async () => {
    platform = await TestPlatform.start();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    mail = new Queue(MAIL_QUEUE, {
      connection: { url: platform.config.redisUrl },
      prefix: platform.config.queuePrefix,
    });
  });
  afterAll(async () => {
    await mail?.close();
    await worker?.close();
    await platform?.close();
  });

  it("sends one digest per person and period with that period's notifications, never twice", async () => {
    const tenant = await platform.createTenant({ name: 'Digest City' });
    const daily = await createUser(platform.ctx, tenant);
    const weekly = await createUser(platform.ctx, tenant);
    const realTime = await createUser(platform.ctx, tenant);
    await platform.get(TenantDb).runFor(tenant, async (em) => {
      await em.save([
        em.create(NotificationPreferenceEntity, { userId: daily.id, emailFrequency: 'daily' }),
        em.create(NotificationPreferenceEntity, { userId: weekly.id, emailFrequency: 'weekly' }),
      ]);
      const note = (userId: string, title: string, createdAt: string, event = 'comment_created') =>
        em.create(NotificationEntity, {
          userId,
          event,
          resourceType: 'proposal',
          resourceId: '00000000-0000-4000-8000-000000000001',
          title,
          url: '/processes/x/f/y/proposals/z',
          createdAt: new Date(createdAt),
        });
      await em.save([
        note(daily.id, 'Inside one', '2027-03-09T10:00:00Z'),
        note(daily.id, 'Inside two', '2027-03-09T23:00:00Z'),
        note(daily.id, 'Too old', '2027-03-07T10:00:00Z'),
        // Already emailed on its own: not repeated in the digest.
        note(daily.id, 'Account decision', '2027-03-09T11:00:00Z', 'verification_granted'),
        note(weekly.id, 'Weekly item', '2027-03-05T10:00:00Z'),
        note(realTime.id, 'Not for digests', '2027-03-09T10:00:00Z'),
      ]);
    });
    const sut = worker.get(NotificationDigestJob);
    const data = {
      tenantId: tenant.id,
      since: '2027-03-09T00:00:00.000Z',
      until: '2027-03-10T00:00:00.000Z',
    };
    expect(
      await TenantContext.run(tenant, () => sut.send({ ...data, frequency: 'daily' }, tenant)),
    ).toBe(1);
    expect(
      await TenantContext.run(tenant, () => sut.send({ ...data, frequency: 'daily' }, tenant)),
    ).toBe(1);
    const job = await mail.getJob(`mail-digest-daily-${daily.id}-2027-03-10`);
    expect(job?.data.message.to).toBe(daily.email);
    expect(job?.data.message.subject).toBe('Digest City: 2 notifications');
    expect(job?.data.message.text).toContain('Inside two');
    expect(job?.data.message.text).not.toContain('Too old');
    expect(job?.data.message.text).not.toContain('verification');
    expect(job?.data.message.text).toContain(`http://${tenant.slug}.plaza.test`);
    const weeklyData = {
      tenantId: tenant.id,
      since: '2027-03-01T00:00:00.000Z',
      until: '2027-03-08T00:00:00.000Z',
    };
    expect(
      await TenantContext.run(tenant, () =>
        sut.send({ ...weeklyData, frequency: 'weekly' }, tenant),
      ),
    ).toBe(1);
    expect(
      (await mail.getJob(`mail-digest-weekly-${weekly.id}-2027-03-08`))?.data.message.text,
    ).toContain('Weekly item');
  }, 30_000);
});
