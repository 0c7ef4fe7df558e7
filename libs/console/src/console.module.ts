import { Module } from '@nestjs/common';

import { ConsoleUsersService } from './console-users.service';

@Module({ providers: [ConsoleUsersService], exports: [ConsoleUsersService] })
export class ConsoleModule {}
