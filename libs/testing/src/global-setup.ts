import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import Redis from 'ioredis';
import { Client } from 'pg';

import { applyTestEnv } from './env';

/**
 * Starts every integration run from an empty test database: drops it and the
 * tenant roles of earlier runs, then lets the first harness migrate. Only the
 * test database and roles with the test prefix are touched.
 */
export default async function globalSetup(): Promise<void> {
  applyTestEnv();
  const adminUrl = new URL(process.env.DATABASE_ADMIN_URL as string);
  const database = adminUrl.pathname.slice(1);
  const prefix = process.env.DB_ROLE_PREFIX as string;
  if (!database.includes('test') || !prefix.includes('test')) {
    throw new Error(
      `Refusing to reset "${database}" with role prefix "${prefix}": not a test database`,
    );
  }
  adminUrl.pathname = '/postgres';
  const root = new Client({ connectionString: adminUrl.toString() });
  await root.connect();
  try {
    await root.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const roles = await root.query<{ rolname: string }>(
      'select rolname from pg_roles where rolname like $1',
      [`${prefix}\\_%`],
    );
    for (const { rolname } of roles.rows) {
      // A role that still owns objects in another database (a benchmark's) is left alone.
      await root.query(`DROP ROLE IF EXISTS "${rolname}"`).catch((error: { code?: string }) => {
        if (error.code !== '2BP01') throw error;
      });
    }
  } finally {
    await root.end();
  }
  const redis = new Redis(process.env.REDIS_URL as string);
  await redis.flushdb();
  await redis.quit();

  // Jest's module mapper does not apply here: migrate in a child process that resolves @plaza/*.
  execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'migrate-test-db.ts')],
    {
      stdio: 'inherit',
      env: process.env,
    },
  );
}
