import { Module } from '@nestjs/common';

import { ConsoleUsersService } from './console-users.service';
import { PlansService } from './plans.service';
import { UsageService } from './usage.service';

/**
 * The console's services usable from any process: console users, plans and
 * their checks (features call `PlansService.assertWithinLimit`), usage.
 */
@Module({
  providers: [ConsoleUsersService, PlansService, UsageService],
  exports: [ConsoleUsersService, PlansService, UsageService],
})
export class ConsoleModule {}
