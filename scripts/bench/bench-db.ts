/**
 * Shared by the benchmarks: each one works in its own database and role prefix,
 * derived from the test settings and named *test*, so the global test setup
 * agrees to reset it and neither the demo's nor the test suite's data is touched.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { ProvisioningService, TenantRef, TenantRegistry } from '@plaza/tenancy';
import { applyTestEnv, TestPlatform, uniqueSlug } from '@plaza/testing';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Points this process at `<test database>_<name>` with role prefix
 * `<test prefix><name>`, drops and recreates that database, migrates `platform`.
 */
export function useBenchDatabase(name: string): string {
  applyTestEnv();
  const testDatabase = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
  const database = `${testDatabase}_${name}`;
  process.env.DATABASE_URL = withDatabase(process.env.DATABASE_URL as string, database);
  process.env.DATABASE_ADMIN_URL = withDatabase(process.env.DATABASE_ADMIN_URL as string, database);
  process.env.DB_ROLE_PREFIX = `${process.env.DB_ROLE_PREFIX}${name}`;
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
  return database;
}

/** Creates and provisions `n` tenants, `concurrency` at a time; returns them in creation order. */
export async function provisionTenants(
  platform: TestPlatform,
  n: number,
  concurrency: number,
  onDone?: (done: number) => void,
): Promise<TenantRef[]> {
  const registry = platform.get(TenantRegistry);
  const provisioning = platform.get(ProvisioningService);
  const tenants = new Array<TenantRef>(n);
  let done = 0;
  await forEachLimit([...tenants.keys()], concurrency, async (i) => {
    const row = await registry.create({ slug: uniqueSlug('bench'), name: `Bench ${i}` });
    tenants[i] = await provisioning.provision(row.id);
    onDone?.(++done);
  });
  return tenants;
}

/** Runs `work` on every item, `concurrency` at a time. */
export async function forEachLimit<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** `--name value` from the command line, as a whole number from `min`. */
export function intArg(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be a whole number from ${min}, got "${process.argv[i + 1]}"`);
  }
  return value;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
