/**
 * npm run bench:provision -- --tenants 100
 * Provisions N tenants one after another and prints p50/p95/max seconds per
 * tenant, total time, and database size added per tenant. Ends with RESULT {json}.
 * Uses its own bench database (reset first), never the demo's or the tests'.
 */
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { ADMIN_DATA_SOURCE, ProvisioningService, TenantRegistry } from '@plaza/tenancy';
import { TestPlatform, uniqueSlug } from '@plaza/testing';

import { intArg, percentile, useBenchDatabase } from './bench-db';

async function main(): Promise<void> {
  const n = intArg('tenants', 100);
  useBenchDatabase('provbench');
  const platform = await TestPlatform.start();
  const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
  const dbSize = async () =>
    Number((await admin.query('select pg_database_size(current_database())::bigint as n'))[0].n);
  const registry = platform.get(TenantRegistry);
  const provisioning = platform.get(ProvisioningService);
  const before = await dbSize();
  const seconds: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const row = await registry.create({
      slug: uniqueSlug('bench'),
      name: `Bench ${i}`,
      adminEmail: `admin${i}@bench.example`,
    });
    await provisioning.provision(row.id);
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  await admin.query('checkpoint');
  const after = await dbSize();
  await platform.close();
  const sorted = [...seconds].sort((a, b) => a - b);
  const result = {
    tenants: n,
    p50_s: +percentile(sorted, 50).toFixed(4),
    p95_s: +percentile(sorted, 95).toFixed(4),
    max_s: +sorted[sorted.length - 1].toFixed(4),
    total_s: +total.toFixed(2),
    db_bytes_per_tenant: Math.round((after - before) / n),
    goal_p50_s: 0.5,
    ratio_p50_to_goal: +(percentile(sorted, 50) / 0.5).toFixed(3),
  };
  console.log(`Provisioned ${n} tenants in ${result.total_s} s`);
  console.log(
    `per tenant: p50 ${result.p50_s} s, p95 ${result.p95_s} s, max ${result.max_s} s (goal p50 < 0.5 s)`,
  );
  console.log(
    `database size added per tenant: ${(result.db_bytes_per_tenant / 1024).toFixed(0)} KiB`,
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
