import { Global, Module } from '@nestjs/common';

import { PlanPolicy } from '@plaza/tenancy';

import { AuditLog } from './audit.service';
import { ConsoleUsersService } from './console-users.service';
import { PlansService } from './plans.service';
import { TenantMailSettingsService } from './tenant-mail-settings.service';
import { UsageService } from './usage.service';

/**
 * The console's services usable from any process: console users, plans and
 * their checks, usage, tenants' own mail servers (secrets sealed by core's SecretBox), the audit
 * log (other libraries record their steps there too). Global because it provides the PlanPolicy
 * that features (spaces, identity, storage, theming) ask before creating what a plan limits,
 * without knowing the console.
 */
@Global()
@Module({
  providers: [
    AuditLog,
    ConsoleUsersService,
    PlansService,
    { provide: PlanPolicy, useExisting: PlansService },
    UsageService,
    TenantMailSettingsService,
  ],
  exports: [
    AuditLog,
    ConsoleUsersService,
    PlansService,
    PlanPolicy,
    UsageService,
    TenantMailSettingsService,
  ],
})
export class ConsoleModule {}
