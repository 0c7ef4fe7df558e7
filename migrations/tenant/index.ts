import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707307232 } from './1795707307232-init.migration';
import { AddFiles1795709038826 } from './1795709038826-add-files.migration';
import { AddSpaces1795710438089 } from './1795710438089-add-spaces.migration';
import { AddProposals1795710737467 } from './1795710737467-add-proposals.migration';
import { AddSocial1795711555535 } from './1795711555535-add-social.migration';
import { AddProposalStates1795712412247 } from './1795712412247-add-proposal-states.migration';
import { AddProposalValuation1795712865035 } from './1795712865035-add-proposal-valuation.migration';
import { AddCategories1795713273923 } from './1795713273923-add-categories.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const TENANT_MIGRATIONS: MigrationClass[] = [
  Init1795707307232,
  AddFiles1795709038826,
  AddSpaces1795710438089,
  AddProposals1795710737467,
  AddSocial1795711555535,
  AddProposalStates1795712412247,
  AddProposalValuation1795712865035,
  AddCategories1795713273923,
];
