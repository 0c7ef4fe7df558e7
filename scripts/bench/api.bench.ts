/**
 * npm run bench:api -- [--tenants 1000] [--duration 10] [--connections 16] [--rounds 3] [--warmup 10] [--warm-per-tenant 16] [--rest 10]
 *
 * Seeds one tenant with a process, a proposals component and 200 proposals
 * (and N-1 more tenants with 20 each), then measures with autocannon:
 *   (a) GET the first page (20) of proposals through the real API, one tenant;
 *   (b) the same spread across all N tenants;
 *   (c) a node:http + pg baseline replaying the exact SQL the API sent for (a)
 *       (a warm request: per-process caches filled, as under load), with the
 *       same per-transaction role and search_path switch.
 * (a) and (c) alternate over `--rounds` rounds of `--duration` seconds (c a, a c, …)
 * so both sides see the same share of whatever else the machine is doing; their
 * figures are the medians over the rounds. The CPU time each server process spent
 * per request (from /proc) is printed too: it does not depend on that noise.
 * The API runs as its own process (compiled), so its resident memory is read
 * after (a) (1 tenant warmed) and after (b) (N tenants warmed), each time after
 * `--rest` seconds without requests and then after two full garbage collections
 * asked through its inspector (local port): RESULT's rss_* figures are those.
 * `--cpu-prof DIR` writes V8 CPU profiles of both servers into DIR (open them in
 * Chrome's DevTools) to see where the API's time goes.
 * Ends with RESULT {json}. Uses its own bench database, never the demo's.
 */
import 'reflect-metadata';

import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import autocannon from 'autocannon';

import { ProposalEntity } from '@plaza/proposals';
import { ComponentEntity, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { QueryCounter, TenantDb, TenantRef } from '@plaza/tenancy';
import { testLogger, TestPlatform } from '@plaza/testing';

import { createApiApp } from '../../apps/api/src/api.app';
import { forEachLimit, intArg, provisionTenants, useBenchDatabase } from './bench-db';

const ROOT = join(__dirname, '..', '..');

interface Target {
  tenant: TenantRef;
  path: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function seed(tenantDb: TenantDb, tenant: TenantRef, proposals: number): Promise<string> {
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
      em.create(SpacePhaseEntity, { spaceId: space.id, title: { en: 'Proposals' }, active: true }),
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
    await em.save(
      Array.from({ length: proposals }, (_, i) =>
        em.create(ProposalEntity, {
          componentId: component.id,
          title: `Proposal number ${i} for a greener city`,
          body: 'Plant trees along the avenues and open the schoolyards on weekends.',
          official: true,
          publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        }),
      ),
      { chunk: 100 },
    );
    return `/api/v1/spaces/${space.id}/components/${component.id}/proposals?page=1&per_page=20`;
  });
}

function waitForHttp(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error('the server exited while starting'));
      fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => (r.ok ? resolve() : retry()))
        .catch(retry);
    };
    const retry = () =>
      Date.now() > deadline ? reject(new Error('server did not start')) : setTimeout(attempt, 200);
    attempt();
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

interface MemoryReading {
  /** Resident set size, MB. */
  rss: number;
  /** V8 heap in use, MB: what the process keeps. */
  heapUsed: number;
}

/**
 * The API's memory after two full garbage collections, through its inspector
 * (started with --inspect on a local port): what it keeps, not what a burst left
 * behind for the collector. The session is closed again before any load.
 */
async function memoryAfterGc(inspectPort: number): Promise<MemoryReading> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const evaluated = (await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    const usage = JSON.parse(evaluated.result.value) as { rss: number; heapUsed: number };
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return { rss: mb(usage.rss), heapUsed: mb(usage.heapUsed) };
  } finally {
    socket.close();
  }
}

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time of the serving process per request, ms. */
  cpu_ms_per_request?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of several rounds' figures; errors are summed. */
function combine(rounds: Figures[]): Figures {
  const pick = (k: 'rps' | 'p50' | 'p99' | 'cpu_ms_per_request') =>
    +median(rounds.map((r) => r[k] ?? 0)).toFixed(k === 'cpu_ms_per_request' ? 3 : 0);
  return {
    rps: pick('rps'),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    cpu_ms_per_request: pick('cpu_ms_per_request'),
  };
}

async function load(
  port: number,
  targets: Target[],
  duration: number,
  connections: number,
  baseDomain: string,
  pid?: number,
  amount?: number,
): Promise<Figures> {
  const cpuBefore = pid ? cpuMs(pid) : 0;
  // One round robin shared by all connections: each connection walking the list from its
  // start would only ever reach the first few hundred tenants.
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    ...(amount ? { amount } : {}),
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const t = targets[next++ % targets.length];
          return {
            ...req,
            path: t.path,
            headers: { ...req.headers, host: `${t.tenant.slug}.${baseDomain}` },
          };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    ...(pid && result.requests.total
      ? { cpu_ms_per_request: +((cpuMs(pid) - cpuBefore) / result.requests.total).toFixed(3) }
      : {}),
  };
}

async function main(): Promise<void> {
  const tenantCount = intArg('tenants', 1000);
  const duration = intArg('duration', 10);
  const connections = intArg('connections', 16);
  const rounds = intArg('rounds', 3);
  const warmup = intArg('warmup', 10);
  // With 4 pooled backends, a tenant's first requests can all miss one backend: after k
  // requests, (3/4)^k of (tenant, backend) pairs are still cold (10 % after 8, 1 % after 16),
  // and a cold pair pays the schema's first planning (~5–10 ms of PostgreSQL CPU).
  const warmPerTenant = intArg('warm-per-tenant', 16);
  // Resident memory right after a burst is mostly garbage V8 has not returned yet: both
  // readings are taken after the same rest, when V8's memory reducer has run.
  const restSeconds = intArg('rest', 10, 0);
  useBenchDatabase('api');
  console.log('→ compiling the API');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const platform = await TestPlatform.start();
  const baseDomain = platform.config.baseDomain;
  console.log(`→ provisioning ${tenantCount} tenants`);
  const tenants = await provisionTenants(platform, tenantCount, 8);
  const tenantDb = platform.get(TenantDb);
  const targets: Target[] = new Array(tenants.length);
  await forEachLimit([...tenants.keys()], 8, async (i) => {
    targets[i] = { tenant: tenants[i], path: await seed(tenantDb, tenants[i], i === 0 ? 200 : 20) };
  });

  // The exact statements the API sends for (a) once warm, for the baseline to replay.
  const inProcess = await createApiApp(platform.config, testLogger());
  const firstPage = () =>
    inProcess.inject({
      method: 'GET',
      url: targets[0].path,
      headers: { host: `${targets[0].tenant.slug}.${baseDomain}` },
    });
  const { statements: cold } = await QueryCounter.record(firstPage);
  const { result: probe, statements } = await QueryCounter.record(firstPage);
  await inProcess.close();
  if (probe.statusCode !== 200 || JSON.parse(probe.body).items.length !== 20) {
    throw new Error(
      `the API did not answer the first page: ${probe.statusCode} ${probe.body.slice(0, 200)}`,
    );
  }
  mkdirSync(join(ROOT, 'var'), { recursive: true });
  const statementsFile = join(ROOT, 'var', 'bench-api-statements.json');
  writeFileSync(statementsFile, JSON.stringify(statements));
  console.log(
    `  the API sends ${statements.length} statements per page (${cold.length} on a cold cache): ${statements.map((s) => s.sql.split(/\s+/).slice(0, 2).join(' ')).join(' | ')}`,
  );
  await platform.close();

  const env = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const apiPort = await freePort();
  const profIndex = process.argv.indexOf('--cpu-prof');
  const profArgs =
    profIndex > 0 && process.argv[profIndex + 1]
      ? [
          '--cpu-prof',
          '--cpu-prof-dir',
          process.argv[profIndex + 1],
          '-r',
          join(__dirname, 'exit-on-sigterm.js'),
        ]
      : [];
  // Local only, for the memory readings after a full GC.
  const inspectPort = await freePort();
  const api = spawn(
    process.execPath,
    [...profArgs, `--inspect=127.0.0.1:${inspectPort}`, join(ROOT, 'dist/apps/api/src/main.js')],
    {
      env: { ...env, PORT: String(apiPort), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const basePort = await freePort();
  const baseline = fork(join(__dirname, 'baseline-server.js'), [], {
    execArgv: profArgs,
    env: { ...env, PORT: String(basePort), BASELINE_STATEMENTS: statementsFile },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await Promise.all([waitForHttp(apiPort, api), new Promise((r) => baseline.once('message', r))]);
    const one = [targets[0]];
    // The API has far more code for V8 to optimize than the baseline: warm both well.
    console.log(`→ warm-up, ${warmup} s each`);
    await load(apiPort, one, warmup, connections, baseDomain);
    await load(basePort, one, warmup, connections, baseDomain);
    const aRounds: Figures[] = [];
    const cRounds: Figures[] = [];
    for (let round = 1; round <= rounds; round++) {
      const runC = async () => {
        console.log(`→ round ${round}/${rounds}: (c) baseline, ${duration} s`);
        cRounds.push(await load(basePort, one, duration, connections, baseDomain, baseline.pid));
      };
      const runA = async () => {
        console.log(`→ round ${round}/${rounds}: (a) API, one tenant, ${duration} s`);
        aRounds.push(await load(apiPort, one, duration, connections, baseDomain, api.pid));
      };
      if (round % 2) {
        await runC();
        await runA();
      } else {
        await runA();
        await runC();
      }
    }
    const a = combine(aRounds);
    const c = combine(cRounds);
    if (rounds > 1)
      console.log(
        `  a/c by round: ${aRounds.map((r, i) => (r.rps / cRounds[i].rps).toFixed(2)).join(', ')}`,
      );
    await sleep(restSeconds * 1000);
    const rssOne = rssMb(api.pid as number);
    const keptOne = await memoryAfterGc(inspectPort);
    // Each pooled PostgreSQL backend caches a schema's relations the first time it serves that
    // tenant: enough requests per tenant that (b) measures warm backends, not cache fills.
    console.log(`→ warming ${tenants.length} tenants (${warmPerTenant} requests each)`);
    await load(
      apiPort,
      targets,
      duration,
      connections,
      baseDomain,
      undefined,
      targets.length * warmPerTenant,
    );
    console.log(`→ (b) API, ${tenants.length} tenants, ${duration} s`);
    const b = await load(apiPort, targets, duration, connections, baseDomain, api.pid);
    await sleep(restSeconds * 1000);
    const rssMany = rssMb(api.pid as number);
    const keptMany = await memoryAfterGc(inspectPort);

    const row = (name: string, f: Figures) =>
      `${name.padEnd(34)} ${String(f.rps).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   CPU ${String(f.cpu_ms_per_request).padStart(5)} ms/req   errors ${f.errors + f.non2xx}`;
    console.log('');
    console.log(row('(a) API, 1 tenant', a));
    console.log(row(`(b) API, ${tenants.length} tenants`, b));
    console.log(row('(c) node:http + pg baseline', c));
    const ratioAC = +(a.rps / c.rps).toFixed(3);
    const ratioBA = +(b.rps / a.rps).toFixed(3);
    // Resident memory after a full GC: what the process keeps with 1 and with N tenants warmed.
    const growth = +(keptMany.rss - keptOne.rss).toFixed(1);
    const heapGrowth = +(keptMany.heapUsed - keptOne.heapUsed).toFixed(1);
    console.log(`a/c = ${ratioAC} (goal ≥ 0.70)   b/a = ${ratioBA} (goal ≥ 0.85)`);
    console.log(
      `API resident memory after a full GC: ${keptOne.rss} MB with 1 tenant warmed, ${keptMany.rss} MB with ${tenants.length} (growth ${growth} MB, goal < 50)`,
    );
    console.log(
      `  V8 heap in use after GC: ${keptOne.heapUsed} → ${keptMany.heapUsed} MB (${heapGrowth} MB, ${((heapGrowth * 1024) / Math.max(1, tenants.length - 1)).toFixed(1)} KB per tenant); before the GC, after a ${restSeconds} s rest: ${rssOne} → ${rssMany} MB`,
    );
    console.log(
      `RESULT ${JSON.stringify({
        tenants: tenants.length,
        duration_s: duration,
        connections,
        rounds,
        warm_per_tenant: warmPerTenant,
        rest_s: restSeconds,
        a,
        b,
        c,
        ratio_a_c: ratioAC,
        ratio_b_a: ratioBA,
        rss_one_mb: keptOne.rss,
        rss_many_mb: keptMany.rss,
        rss_growth_mb: growth,
        heap_used_one_mb: keptOne.heapUsed,
        heap_used_many_mb: keptMany.heapUsed,
        heap_growth_mb: heapGrowth,
        rss_at_rest_one_mb: rssOne,
        rss_at_rest_many_mb: rssMany,
        statements_per_request: statements.length,
        statements_cold_cache: cold.length,
      })}`,
    );
  } finally {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
