import { Global, Module } from '@nestjs/common';

import { PlanPolicy } from '@plaza/tenancy';

import { ConsoleUsersService } from './console-users.service';
import { PlansService } from './plans.service';
import { SecretBox } from './secret-box';
import { TenantMailSettingsService } from './tenant-mail-settings.service';
import { UsageService } from './usage.service';

/**
 * The console's services usable from any process: console users, plans and
 * their checks, usage, tenants' own mail servers (secrets sealed by SecretBox).
 * Global because it provides the PlanPolicy that features (spaces, identity,
 * storage, theming) ask before creating what a plan limits, without knowing
 * the console.
 */
@Global()
@Module({
  providers: [
    ConsoleUsersService,
    PlansService,
    { provide: PlanPolicy, useExisting: PlansService },
    UsageService,
    SecretBox,
    TenantMailSettingsService,
  ],
  exports: [
    ConsoleUsersService,
    PlansService,
    PlanPolicy,
    UsageService,
    SecretBox,
    TenantMailSettingsService,
  ],
})
export class ConsoleModule {}
