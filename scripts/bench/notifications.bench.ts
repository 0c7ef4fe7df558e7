/**
 * npm run bench:notifications -- --followers 10000
 * Fans out one "comment on a followed proposal" event to N followers: in-app
 * notifications in one INSERT ... SELECT, then real-time emails enqueued in
 * batches. Prints the time of each step and the mail queue size, ends with
 * RESULT {json}. Uses its own database (`<test database>_notifbench`, reset first)
 * and its own queue prefix, which it empties afterwards.
 */
import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { MailQueue } from '@plaza/mail';
import { NotificationEvent, NotificationsService } from '@plaza/social';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import { applyTestEnv, TestPlatform } from '@plaza/testing';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function main(): Promise<void> {
  applyTestEnv();
  const rename = (url: string) =>
    url.replace(/\/([^/?]+)(\?|$)/, (_m, db: string, q: string) => `/${db}_notifbench${q}`);
  process.env.DATABASE_URL = rename(process.env.DATABASE_URL!);
  process.env.DATABASE_ADMIN_URL = rename(process.env.DATABASE_ADMIN_URL!);
  process.env.DB_ROLE_PREFIX = 'plazanotifbenchtest';
  process.env.QUEUE_PREFIX = '{plazanotifbench}';
  const n = arg('followers', 10000);
  execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-e',
      `require(${JSON.stringify(join(__dirname, '../../libs/testing/src/global-setup.ts'))}).default()`,
    ],
    { stdio: 'inherit', env: process.env },
  );
  const platform = await TestPlatform.start({}, [NotificationsService, MailQueue]);
  const tenant = await platform.createTenant({ name: 'Bench city' });
  const db = platform.get(TenantDb);
  const resourceId = '00000000-0000-4000-8000-0000000000aa';
  const t0 = process.hrtime.bigint();
  await db.runFor(tenant, async (em) => {
    await em.query(
      `insert into users (email, nickname, name, roles, confirmed_at)
       select 'f' || i || '@bench.example', 'f_' || i, 'Follower ' || i, '{}', now() from generate_series(1, $1) i`,
      [n],
    );
    await em.query(
      `insert into follows (user_id, resource_type, resource_id) select id, 'proposal', $1 from users`,
      [resourceId],
    );
  });
  const setup = seconds(t0);
  const notifications = platform.get(NotificationsService);
  const mail = platform.get(MailQueue);
  const event: NotificationEvent = {
    event: 'comment_created',
    resourceType: 'proposal',
    resourceId,
    title: 'Benchmark proposal',
    url: '/processes/bench/f/x/proposals/y',
    actorId: null,
  };
  const t1 = process.hrtime.bigint();
  const recipients = await db.runFor(tenant, (em) => notifications.notifyFollowers(em, event));
  const inApp = seconds(t1);
  const t2 = process.hrtime.bigint();
  await TenantContext.run(tenant, () => notifications.sendEmails(event, recipients));
  const enqueue = seconds(t2);
  const queued = await mail.queue.count();
  await mail.queue.obliterate({ force: true });
  await platform.close();
  const result = {
    followers: n,
    setup_s: +setup.toFixed(2),
    in_app_s: +inApp.toFixed(3),
    emails_enqueued: recipients.length,
    enqueue_s: +enqueue.toFixed(3),
    queue_size: queued,
  };
  console.log(`${n} followers: in-app notifications in ${result.in_app_s} s`);
  console.log(
    `${recipients.length} real-time emails enqueued in ${result.enqueue_s} s; queue size ${queued}`,
  );
  console.log(`RESULT ${JSON.stringify(result)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
