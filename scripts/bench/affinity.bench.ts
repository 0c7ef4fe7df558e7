/**
 * npm run bench:affinity -- --tenants 2000 [--connections 8] [--partitions 8] [--ops 40000]
 * The tenant-affinity lever (DB_POOL_PARTITIONS) measured through TenantDb, in its own
 * bench database: random tenants read (organization, a page by slug, a user by email)
 * with twice as many callers as connections, once with one partition and once with
 * `--partitions`; each run warms up with the same number of operations first. Prints
 * operations per second and the anonymous memory (RssAnon, /proc: local server only)
 * of the serving backends afterwards. Ends with RESULT {json}.
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

async function measure(
  tenants: TenantRef[],
  connections: number,
  partitions: number,
  ops: number,
): Promise<Run> {
  const platform = await TestPlatform.start({
    DB_POOL_MAX: String(connections),
    DB_POOL_PARTITIONS: String(partitions),
    DB_POOL_MAX_USES: '0',
  });
  try {
    const tenantDb = platform.get(TenantDb);
    const order = sequence(ops, tenants.length).map((i) => tenants[i]);
    const read = (t: TenantRef) => tenantDb.runFor(t, (em) => em.query(READ_SQL));
    await forEachLimit(order, connections * 2, read);
    const t0 = process.hrtime.bigint();
    await forEachLimit(order, connections * 2, read);
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

async function main(): Promise<void> {
  const n = intArg('tenants', 2000);
  const connections = intArg('connections', 8);
  const partitions = intArg('partitions', connections);
  const ops = intArg('ops', 40000);
  useBenchDatabase('affbench');
  const setup = await TestPlatform.start();
  let tenants: TenantRef[];
  try {
    tenants = await provisionTenants(setup, n, 8);
  } finally {
    await setup.close();
  }
  console.log(`${n} tenants; ${connections} connections; ${connections * 2} callers; ${ops} reads`);
  const runs: Run[] = [];
  for (const p of [1, partitions]) {
    const run = await measure(tenants, connections, p, ops);
    runs.push(run);
    console.log(
      `partitions ${String(p).padStart(2)}: ${run.ops_per_s} reads/s; ${run.backends} backends, RssAnon avg ${run.backend_rss_anon_mib_avg ?? 'n/a'} MiB, max ${run.backend_rss_anon_mib_max ?? 'n/a'} MiB`,
    );
  }
  console.log(
    `RESULT ${JSON.stringify({ tenants: n, connections, ops, runs, speedup: +(runs[1].ops_per_s / runs[0].ops_per_s).toFixed(3) })}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
