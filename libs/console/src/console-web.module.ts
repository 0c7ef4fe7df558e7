import { Module } from '@nestjs/common';

import { ApiTokensService } from './api-tokens.service';
import { ConsoleModule } from './console.module';
import { ConsolePagesController } from './console.pages';
import {
  ConsoleAccountController,
  ConsoleAuditController,
  ConsoleDomainsController,
  ConsoleMailSettingsController,
  ConsoleOverridesController,
  ConsolePlansController,
  ConsoleSessionController,
  ConsoleTenantsController,
  ConsoleUsersController,
} from './console-api.controller';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleMaintenanceQueue } from './console-maintenance.queue';
import { ConsolePlanPagesController } from './console-plans.pages';
import { ConsolePrincipals, ConsoleRoleGuard } from './console-principal';
import { ConsoleTenantsService } from './console-tenants.service';
import { ConsoleTotpService } from './console-totp.service';
import { DomainsService } from './domains.service';
import { QueueDashboard } from './queue-dashboard';

/** The console on CONSOLE_HOST: JSON API and pages. Needs WebModule (sessions, CSRF, limits). */
@Module({
  imports: [ConsoleModule],
  controllers: [
    ConsoleSessionController,
    ConsoleAccountController,
    ConsoleTenantsController,
    ConsoleAuditController,
    ConsolePagesController,
    ConsolePlanPagesController,
    ConsoleUsersController,
    ConsolePlansController,
    ConsoleOverridesController,
    ConsoleDomainsController,
    ConsoleMailSettingsController,
  ],
  providers: [
    ApiTokensService,
    ConsoleAuthService,
    ConsolePrincipals,
    ConsoleRoleGuard,
    ConsoleTenantsService,
    ConsoleTotpService,
    DomainsService,
    QueueDashboard,
    ConsoleMaintenanceQueue,
  ],
  exports: [QueueDashboard, ConsolePrincipals, ConsoleRoleGuard],
})
export class ConsoleWebModule {}
