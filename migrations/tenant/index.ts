import type { MigrationClass } from '@plaza/tenancy';

import { Init1795707307232 } from './1795707307232-init.migration';
import { AddFiles1795709038826 } from './1795709038826-add-files.migration';
import { Accounts1795710236815 } from './1795710236815-accounts.migration';
import { ThemingSite1795710307623 } from './1795710307623-theming-site.migration';
import { AddSpaces1795710438089 } from './1795710438089-add-spaces.migration';
import { AddProposals1795710737467 } from './1795710737467-add-proposals.migration';
import { DataExports1795711237580 } from './1795711237580-data-exports.migration';
import { ActionLogs1795711440362 } from './1795711440362-action-logs.migration';
import { AddSocial1795711555535 } from './1795711555535-add-social.migration';
import { TwoFactor1795711647249 } from './1795711647249-two-factor.migration';
import { ChangeEmail1795712267939 } from './1795712267939-change-email.migration';
import { TotpLastStep1795712406783 } from './1795712406783-totp-last-step.migration';
import { AddProposalStates1795712412247 } from './1795712412247-add-proposal-states.migration';
import { AddProposalValuation1795712865035 } from './1795712865035-add-proposal-valuation.migration';
import { AddCategories1795713273923 } from './1795713273923-add-categories.migration';
import { SealedTotpSecrets1795717150010 } from './1795717150010-sealed-totp-secrets.migration';
import { AddScopesHeroImagesAttachments1795717156228 } from './1795717156228-add-scopes-hero-images-attachments.migration';
import { MailSentCounts1795717229661 } from './1795717229661-mail-sent-counts.migration';
import { Verifications1795717349347 } from './1795717349347-verifications.migration';
import { UserAvatars1795717516564 } from './1795717516564-user-avatars.migration';
import { PersonalTokens1795718207203 } from './1795718207203-personal-tokens.migration';
import { NotificationMutedEvents1795718308031 } from './1795718308031-notification-muted-events.migration';
import { DropCustomCssAllowed1795719156117 } from './1795719156117-drop-custom-css-allowed.migration';
import { AddScopeTypes1795719288664 } from './1795719288664-add-scope-types.migration';
import { VerificationSalt1795721220467 } from './1795721220467-verification-salt.migration';

/** In the order they run. Written by scripts/generate-migration.ts. */
export const TENANT_MIGRATIONS: MigrationClass[] = [
  Init1795707307232,
  AddFiles1795709038826,
  Accounts1795710236815,
  ThemingSite1795710307623,
  AddSpaces1795710438089,
  AddProposals1795710737467,
  DataExports1795711237580,
  ActionLogs1795711440362,
  AddSocial1795711555535,
  TwoFactor1795711647249,
  ChangeEmail1795712267939,
  TotpLastStep1795712406783,
  AddProposalStates1795712412247,
  AddProposalValuation1795712865035,
  AddCategories1795713273923,
  SealedTotpSecrets1795717150010,
  AddScopesHeroImagesAttachments1795717156228,
  MailSentCounts1795717229661,
  Verifications1795717349347,
  UserAvatars1795717516564,
  PersonalTokens1795718207203,
  NotificationMutedEvents1795718308031,
  DropCustomCssAllowed1795719156117,
  AddScopeTypes1795719288664,
  VerificationSalt1795721220467,
];
