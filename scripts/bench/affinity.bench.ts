/**
 * npm run bench:affinity -- --tenants 2000 [--connections 8] [--partitions 8] [--callers 16]
 *                              [--ops 40000] [--rounds 3]
 * The tenant-affinity lever (DB_POOL_PARTITIONS) measured through TenantDb, in its own
 * bench database: random tenants read (organization, a page by slug, a user by email)
 * by concurrent callers, with one partition and with `--partitions`, alternately for
 * `--rounds` rounds (the median is reported: other work on the machine skews single
 * runs); each run warms up with the same number of reads first. Prints reads per
 * second and the anonymous memory (RssAnon, /proc: local server only) of the serving
 * backends afterwards. Ends with RESULT {json}.
 */
import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { DataSource } from 'typeorm';

import { ADMIN_DATA_SOURCE, loginOf, TenantDb, TenantRef } from '@plaza/tenancy';
import { TestPlatform } from '@plaza/testing';

import { forEachLimit, intArg, provisionTenants, useBenchDatabase } from './bench-db';

const READ_SQL = `select (select name from organization where id = 1) as organization,
  (select title from static_pages where slug = 'terms') as page,
  (select id from users where email = 'nobody@example.org') as user_id`;

function rssAnonBytes(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('RssAnon:'));
    return line ? Number(line.replace(/\D/g, '')) * 1024 : null;
  } catch {
    return null;
  }
}

/** A small deterministic generator, so both runs read the same tenant sequence. */
function sequence(length: number, modulo: number): number[] {
  let x = 0x2545f491;
  return Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % modulo;
  });
}

interface Run {
  partitions: number;
  ops_per_s: number;
  backends: number;
  backend_rss_anon_mib_avg: number | null;
  backend_rss_anon_mib_max: number | null;
}

interface Settings {
  connections: number;
  callers: number;
  ops: number;
}

async function measure(tenants: TenantRef[], settings: Settings, partitions: number): Promise<Run> {
  const { connections, callers, ops } = settings;
  const platform = await TestPlatform.start({
    DB_POOL_MAX: String(connections),
    DB_POOL_PARTITIONS: String(partitions),
    DB_POOL_MAX_USES: '0',
  });
  try {
    const tenantDb = platform.get(TenantDb);
    const order = sequence(ops, tenants.length).map((i) => tenants[i]);
    const read = (t: TenantRef) => tenantDb.runFor(t, (em) => em.query(READ_SQL));
    await forEachLimit(order, callers, read);
    const t0 = process.hrtime.bigint();
    await forEachLimit(order, callers, read);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

    const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
    const pids = (
      (await admin.query(
        `select pid from pg_stat_activity where datname = current_database() and usename = $1`,
        [loginOf(platform.config.databaseUrl)],
      )) as { pid: number }[]
    ).map((r) => r.pid);
    const rss = pids.map(rssAnonBytes).filter((b): b is number => b !== null);
    const mib = (b: number) => +(b / 1024 / 1024).toFixed(1);
    return {
      partitions,
      ops_per_s: Math.round(ops / seconds),
      backends: pids.length,
      backend_rss_anon_mib_avg: rss.length
        ? mib(rss.reduce((a, b) => a + b, 0) / rss.length)
        : null,
      backend_rss_anon_mib_max: rss.length ? mib(Math.max(...rss)) : null,
    };
  } finally {
    await platform.close();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const n = intArg('tenants', 2000);
  const connections = intArg('connections', 8);
  const partitions = intArg('partitions', connections);
  const settings: Settings = {
    connections,
    callers: intArg('callers', connections * 2),
    ops: intArg('ops', 40000),
  };
  const rounds = intArg('rounds', 3);
  useBenchDatabase('affbench');
  const setup = await TestPlatform.start();
  let tenants: TenantRef[];
  try {
    tenants = await provisionTenants(setup, n, 8);
  } finally {
    await setup.close();
  }
  console.log(
    `${n} tenants; ${connections} connections; ${settings.callers} callers; ${settings.ops} reads; ${rounds} rounds`,
  );
  const runs: Run[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const p of [1, partitions]) {
      const run = await measure(tenants, settings, p);
      runs.push(run);
      console.log(
        `partitions ${String(p).padStart(2)}: ${run.ops_per_s} reads/s; ${run.backends} backends, RssAnon avg ${run.backend_rss_anon_mib_avg ?? 'n/a'} MiB, max ${run.backend_rss_anon_mib_max ?? 'n/a'} MiB`,
      );
    }
  }
  const summary = [1, partitions].map((p) => {
    const mine = runs.filter((r) => r.partitions === p);
    return {
      partitions: p,
      median_ops_per_s: median(mine.map((r) => r.ops_per_s)),
      backend_rss_anon_mib_avg: mine[mine.length - 1].backend_rss_anon_mib_avg,
    };
  });
  console.log(
    `median: ${summary.map((r) => `partitions ${r.partitions} ${r.median_ops_per_s} reads/s`).join(', ')}`,
  );
  console.log(
    `RESULT ${JSON.stringify({ tenants: n, ...settings, rounds, summary, speedup: +(summary[1].median_ops_per_s / summary[0].median_ops_per_s).toFixed(3), runs })}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
