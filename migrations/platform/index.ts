import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707306590 } from './1795707306590-init.migration';
import { ConsoleUsers1795707389444 } from './1795707389444-console-users.migration';
import { ConsoleOperations1795710284991 } from './1795710284991-console-operations.migration';
import { Billing1795710383430 } from './1795710383430-billing.migration';
import { PlansAndUsage1795711540072 } from './1795711540072-plans-and-usage.migration';
import { TenantMailSettings1795711950450 } from './1795711950450-tenant-mail-settings.migration';
import { ConsoleUsersTotp1795712151613 } from './1795712151613-console-users-totp.migration';
import { TenantDeletionExport1795712811924 } from './1795712811924-tenant-deletion-export.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const PLATFORM_MIGRATIONS: MigrationClass[] = [
  Init1795707306590,
  ConsoleUsers1795707389444,
  ConsoleOperations1795710284991,
  Billing1795710383430,
  PlansAndUsage1795711540072,
  TenantMailSettings1795711950450,
  ConsoleUsersTotp1795712151613,
  TenantDeletionExport1795712811924,
];
