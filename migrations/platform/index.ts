import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707306590 } from './1795707306590-init.migration';
import { ConsoleUsers1795707389444 } from './1795707389444-console-users.migration';
import { Billing1795710383430 } from './1795710383430-billing.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const PLATFORM_MIGRATIONS: MigrationClass[] = [
  Init1795707306590,
  ConsoleUsers1795707389444,
  Billing1795710383430,
];
