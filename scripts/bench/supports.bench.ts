/**
 * npm run bench:supports -- [--participants 1000] [--concurrency 100]
 *
 * Seeds one tenant with a process, a proposals component whose active phase
 * enables supports, one proposal and N participants, each signed in with their
 * own session. Then every participant supports that one proposal at once
 * through the real HTTP API (`POST …/proposals/:id/support` with the session
 * cookie and CSRF token, so host routing, guards, ProposalsService and its
 * locks all run), `--concurrency` requests in flight. Prints supports/s and
 * latency, then checks that every request succeeded and that the proposal's
 * supports_count and its support rows both equal N: exits non-zero if not.
 * Ends with RESULT {json}. Uses its own bench database, never the demo's.
 */
import 'reflect-metadata';

import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';

import { UserEntity } from '@plaza/identity';
import { ProposalEntity } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { signInAs, testLogger, TestPlatform, TestSession } from '@plaza/testing';

import { createApiApp } from '../../apps/api/src/api.app';
import { forEachLimit, intArg, percentile, provisionTenants, useBenchDatabase } from './bench-db';

interface Seeded {
  path: string;
  proposalId: string;
}

async function seed(tenantDb: TenantDb, tenant: TenantRef, participants: number) {
  return tenantDb.runFor(tenant, async (em) => {
    const space = await em.save(
      em.create(SpaceEntity, {
        kind: 'process',
        slug: 'budget',
        title: { en: 'Budget 2027' },
        publishedAt: new Date(),
      }),
    );
    const phase = await em.save(
      em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Supports' }, active: true }),
    );
    const component = await em.save(
      em.create(ComponentEntity, {
        spaceId: space.id,
        manifest: 'proposals',
        name: { en: 'Ideas' },
        publishedAt: new Date(),
        settings: {},
        stepSettings: { [phase.id]: { votes_enabled: true } },
      }),
    );
    const proposal = await em.save(
      em.create(ProposalEntity, {
        componentId: component.id,
        title: 'Open the schoolyards on weekends',
        body: 'Children and neighbours get a place to play and meet.',
        official: true,
        publishedAt: new Date(),
      }),
    );
    const users = Array.from({ length: participants }, (_, i) =>
      em.create(UserEntity, {
        email: `participant-${i}@example.org`,
        name: `Participant ${i}`,
        nickname: `participant_${i}`,
        roles: [],
        confirmedAt: new Date(),
        passwordHash: null,
      }),
    );
    await em.save(users, { chunk: 200 });
    const seeded: Seeded = {
      path: `/api/v1/spaces/${space.id}/components/${component.id}/proposals/${proposal.id}/support`,
      proposalId: proposal.id,
    };
    return { seeded, userIds: users.map((u) => u.id) };
  });
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function post(
  port: number,
  agent: Agent,
  host: string,
  path: string,
  session: TestSession,
): Promise<Answer> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent,
        headers: {
          host,
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
          'content-length': '2',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

async function main(): Promise<void> {
  const participants = intArg('participants', 1000);
  const concurrency = intArg('concurrency', 100);
  useBenchDatabase('supports');

  const platform = await TestPlatform.start();
  const [tenant] = await provisionTenants(platform, 1, 1);
  const tenantDb = platform.get(TenantDb);
  console.log(`→ seeding one proposal and ${participants} participants`);
  const { seeded, userIds } = await seed(tenantDb, tenant, participants);

  const app = await createApiApp(platform.config, testLogger());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const sessions = new Array<TestSession>(participants);
  await forEachLimit([...userIds.keys()], 32, async (i) => {
    sessions[i] = await signInAs(app, tenant, userIds[i]);
  });

  const host = `${tenant.slug}.${platform.config.baseDomain}`;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const answers = new Array<Answer>(participants);
  let failed = 0;
  try {
    console.log(`→ ${participants} participants support one proposal, ${concurrency} at a time`);
    const started = process.hrtime.bigint();
    await forEachLimit([...sessions.keys()], concurrency, async (i) => {
      answers[i] = await post(port, agent, host, seeded.path, sessions[i]);
      if (answers[i].status !== 200) failed++;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const [row] = await tenantDb.runFor(tenant, (em) =>
      em.query<{ supports_count: number; rows: string }[]>(
        `select p.supports_count,
                (select count(*) from proposal_supports s where s.proposal_id = p.id) as rows
           from proposals p where p.id = $1`,
        [seeded.proposalId],
      ),
    );
    const supportsCount = Number(row.supports_count);
    const supportRows = Number(row.rows);
    const reported = answers
      .filter((a) => a.status === 200)
      .map((a) => (JSON.parse(a.body) as { supportsCount: number }).supportsCount);
    const distinctReported = new Set(reported).size;
    const latencies = answers.map((a) => a.ms).sort((x, y) => x - y);
    const rate = Math.round((participants / seconds) * 10) / 10;
    const exact =
      failed === 0 &&
      supportsCount === participants &&
      supportRows === participants &&
      // Each support saw the count right after its own: 1..N, each once.
      distinctReported === participants &&
      Math.max(...reported) === participants;

    console.log('');
    console.log(
      `${participants} supports in ${seconds.toFixed(2)} s: ${rate} supports/s   p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    console.log(
      `final count: supports_count ${supportsCount}, support rows ${supportRows}, failed requests ${failed} → ${exact ? 'exact' : 'WRONG'}`,
    );
    if (failed) {
      const sample = answers.find((a) => a.status !== 200);
      console.log(`  first failure: ${sample?.status} ${sample?.body.slice(0, 200)}`);
    }
    console.log(
      `RESULT ${JSON.stringify({
        participants,
        concurrency,
        seconds: +seconds.toFixed(3),
        supports_per_s: rate,
        p50_ms: +percentile(latencies, 50).toFixed(1),
        p99_ms: +percentile(latencies, 99).toFixed(1),
        failed,
        supports_count: supportsCount,
        support_rows: supportRows,
        exact,
      })}`,
    );
    if (!exact) process.exitCode = 1;
  } finally {
    agent.destroy();
    await app.close();
    await platform.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
