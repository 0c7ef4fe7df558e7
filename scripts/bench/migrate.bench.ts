/**
 * npm run bench:migrate -- --tenants 1000 [--concurrency 4] [--rows 0]
 * Provisions N tenants in its own bench database (8 at a time: a fast set-up,
 * not what is measured), optionally with R extra users each so the new index
 * has rows to cover, then times Migrator.migrateAllTenants applying one
 * migration that adds a column and an index in every tenant. Prints the total,
 * p50/p95/max per tenant and the ratio to the goal (1,000 tenants in under 60 s).
 * Ends with RESULT {json}.
 */
import 'reflect-metadata';

import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

import { ADMIN_DATA_SOURCE, Migrator } from '@plaza/tenancy';
import { TestPlatform } from '@plaza/testing';

import { forEachLimit, intArg, percentile, provisionTenants, useBenchDatabase } from './bench-db';

const GOAL_S_PER_1000 = 60;
/** The privileged pool's size (TenancyModule): more concurrency only queues for it. */
const ADMIN_POOL = 8;

class BenchAddSignatureColumn1999999999998 implements MigrationInterface {
  name = 'BenchAddSignatureColumn1999999999998';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD COLUMN "signature" character varying(200)');
    await queryRunner.query('CREATE INDEX "users_signature_idx" ON "users" ("signature")');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "users_signature_idx"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "signature"');
  }
}

async function main(): Promise<void> {
  const n = intArg('tenants', 1000);
  const concurrency = intArg('concurrency', 4);
  const rows = intArg('rows', 0, 0);
  const database = useBenchDatabase('migbench');
  const platform = await TestPlatform.start();
  try {
    const s0 = process.hrtime.bigint();
    const tenants = await provisionTenants(platform, n, ADMIN_POOL, (done) => {
      if (process.stdout.isTTY) process.stdout.write(`\rprovisioned ${done}/${n}`);
    });
    const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
    if (rows > 0) {
      await forEachLimit(tenants, ADMIN_POOL, (t) =>
        admin.query(
          `insert into "${t.schemaName}".users (email, nickname, name)
           select 'user' || g || '@bench.example', 'user' || g, 'User ' || g from generate_series(1, $1) g`,
          [rows],
        ),
      );
    }
    const provisionS = Number(process.hrtime.bigint() - s0) / 1e9;
    console.log(
      `\rprovisioned ${n} tenants${rows ? ` with ${rows} extra users each` : ''} in ${provisionS.toFixed(1)} s (set-up, database ${database})`,
    );
    if (concurrency > ADMIN_POOL) {
      console.log(`note: concurrency ${concurrency} > ${ADMIN_POOL} privileged connections`);
    }

    const t0 = process.hrtime.bigint();
    const report = await platform.get(Migrator).migrateAllTenants({
      concurrency,
      extraMigrations: [BenchAddSignatureColumn1999999999998],
    });
    const totalS = Number(process.hrtime.bigint() - t0) / 1e9;

    const [{ migrated }] = await admin.query<{ migrated: number }[]>(
      `select count(*)::int as migrated from pg_index i join pg_class c on c.oid = i.indexrelid
        where c.relname = 'users_signature_idx'`,
    );
    const ms = report.results.map((r) => r.ms).sort((a, b) => a - b);
    const goalS = (GOAL_S_PER_1000 * n) / 1000;
    const result = {
      tenants: report.total,
      concurrency,
      users_per_tenant: rows + 1,
      total_s: +totalS.toFixed(2),
      p50_ms: percentile(ms, 50),
      p95_ms: percentile(ms, 95),
      max_ms: ms[ms.length - 1],
      failed: report.failed.length,
      tenants_with_new_index: migrated,
      goal_s: goalS,
      ratio_to_goal: +(totalS / goalS).toFixed(3),
    };
    console.log(
      `Migrated ${report.succeeded}/${report.total} tenants (column + index) in ${result.total_s} s at concurrency ${concurrency}`,
    );
    console.log(
      `per tenant: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, max ${result.max_ms} ms`,
    );
    console.log(
      `goal: ${goalS} s for ${n} tenants; ratio ${result.ratio_to_goal} (${result.ratio_to_goal < 1 ? 'met' : 'missed'})`,
    );
    for (const f of report.failed.slice(0, 5)) console.log(`failed: ${f.slug}: ${f.error}`);
    console.log(`RESULT ${JSON.stringify(result)}`);
    if (report.failed.length > 0 || migrated !== report.total) process.exitCode = 1;
  } finally {
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
