import { Module } from '@nestjs/common';

import { AuditLog } from './audit.service';
import { ConsoleUsersService } from './console-users.service';
import { PlansService } from './plans.service';
import { TenantMailSettingsService } from './tenant-mail-settings.service';
import { UsageService } from './usage.service';

/**
 * The console's services usable from any process: console users, plans and
 * their checks (features call `PlansService.assertWithinLimit`), usage,
 * tenants' own mail servers (secrets sealed by core's SecretBox), the audit log
 * (other libraries record their steps there too).
 */
@Module({
  providers: [AuditLog, ConsoleUsersService, PlansService, UsageService, TenantMailSettingsService],
  exports: [AuditLog, ConsoleUsersService, PlansService, UsageService, TenantMailSettingsService],
})
export class ConsoleModule {}
