import 'reflect-metadata';

import { bootstrapDatabase } from '@plaza/tenancy';

import { applyTestEnv } from './env';
import { migrateForTests } from './harness';

async function main(): Promise<void> {
  applyTestEnv();
  await bootstrapDatabase(
    process.env.DATABASE_ADMIN_URL as string,
    process.env.DATABASE_URL as string,
  );
  await migrateForTests();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
