/**
 * Test environment: its own database, Redis index, role and queue prefixes, so
 * tests never touch the demo's data. Values already set (CI, PgBouncer runs) win.
 */
const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  TZ: 'UTC',
  DATABASE_URL: 'postgres://plaza_app_test:plaza_app_test@127.0.0.1:5432/plaza_test',
  DATABASE_ADMIN_URL: 'postgres://postgres@127.0.0.1:5432/plaza_test',
  REDIS_URL: 'redis://127.0.0.1:6379/15',
  DB_ROLE_PREFIX: 'plazatest',
  QUEUE_PREFIX: '{plazatest}',
  BASE_DOMAIN: 'plaza.test',
  CONSOLE_HOST: 'console.plaza.test',
  LOG_LEVEL: 'silent',
  PUBLIC_PORT: '80',
  // Several apps run at once per test worker: keep under PostgreSQL's default 100 connections.
  DB_POOL_MAX: '4',
};

export function applyTestEnv(): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (!process.env[key]) process.env[key] = value;
  }
}

applyTestEnv();
