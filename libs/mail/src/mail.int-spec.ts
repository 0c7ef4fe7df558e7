import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { monthOf, TenantDb, TenantRef } from '@plaza/tenancy';
import { eventually, testLogger, TestPlatform, TestSmtp } from '@plaza/testing';

import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { MailQueue } from './mail.queue';
import { MailSentCountEntity } from './mail-sent-count.entity';
import { Mailer } from './mailer.service';

describe('Mail (real SMTP server)', () => {
  let smtp: TestSmtp;
  let platform: TestPlatform;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    platform = await TestPlatform.start({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Plaza <no-reply@plaza.test>',
    });
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await platform?.close();
    await smtp?.close();
  });

  it('sends through the platform SMTP server', async () => {
    const sut = worker.get(Mailer);
    await sut.send({
      to: 'someone@example.org',
      subject: 'Hello',
      text: 'Body with a link https://x.test/a?b=1',
    });
    const [mail] = smtp.to('someone@example.org');
    expect(mail).toMatchObject({ subject: 'Hello', from: 'no-reply@plaza.test' });
    expect(mail.text).toContain('https://x.test/a?b=1');
  });

  it('delivers queued tenant mail through the worker, once per dedupe id', async () => {
    const tenant = await platform.createTenant();
    const queue = worker.get(MailQueue);
    const message = { to: 'citizen@example.org', subject: 'Welcome', text: 'Welcome to the site' };
    await queue.enqueue({ tenantId: tenant.id, message }, `welcome-${tenant.id}`);
    await queue.enqueue({ tenantId: tenant.id, message }, `welcome-${tenant.id}`);
    await eventually(async () => smtp.to('citizen@example.org').length === 1);
    const job = await queue.queue.getJob(`mail-welcome-${tenant.id}`);
    await eventually(async () => (await job?.getState()) === 'completed');
    expect(smtp.to('citizen@example.org')).toHaveLength(1);
  });

  it("counts each tenant's delivered mail in its own schema, by month", async () => {
    const a = await platform.createTenant();
    const b = await platform.createTenant();
    const queue = worker.get(MailQueue);
    for (const to of ['one@example.org', 'two@example.org'])
      await queue.enqueue({ tenantId: a.id, message: { to, subject: 'Count me', text: 'x' } });
    const sentIn = (t: TenantRef) =>
      platform
        .get(TenantDb)
        .runFor(t, (em) => em.findOneBy(MailSentCountEntity, { month: monthOf(new Date()) }));
    const row = await eventually(async () => {
      const found = await sentIn(a);
      return found?.sent === 2 ? found : null;
    });
    expect(row.sent).toBe(2);
    expect(await sentIn(b)).toBeNull();
  });
});
