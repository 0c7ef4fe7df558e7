import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707307232 } from './1795707307232-init.migration';
import { AddFiles1795709038826 } from './1795709038826-add-files.migration';
import { Accounts1795710236815 } from './1795710236815-accounts.migration';
import { ThemingSite1795710307623 } from './1795710307623-theming-site.migration';
import { DataExports1795711237580 } from './1795711237580-data-exports.migration';
import { ActionLogs1795711440362 } from './1795711440362-action-logs.migration';
import { TwoFactor1795711647249 } from './1795711647249-two-factor.migration';
import { ChangeEmail1795712267939 } from './1795712267939-change-email.migration';
import { TotpLastStep1795712406783 } from './1795712406783-totp-last-step.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const TENANT_MIGRATIONS: MigrationClass[] = [
  Init1795707307232,
  AddFiles1795709038826,
  Accounts1795710236815,
  ThemingSite1795710307623,
  DataExports1795711237580,
  ActionLogs1795711440362,
  TwoFactor1795711647249,
  ChangeEmail1795712267939,
  TotpLastStep1795712406783,
];
