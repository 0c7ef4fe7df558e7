import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707307232 } from './1795707307232-init.migration';
import { AddFiles1795709038826 } from './1795709038826-add-files.migration';
import { ThemingSite1795710307623 } from './1795710307623-theming-site.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const TENANT_MIGRATIONS: MigrationClass[] = [
  Init1795707307232,
  AddFiles1795709038826,
  ThemingSite1795710307623,
];
