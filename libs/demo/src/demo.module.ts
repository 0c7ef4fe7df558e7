import { Module } from '@nestjs/common';

import { ConsoleModule } from '@plaza/console';

import { DemoService } from './demo.service';

@Module({ imports: [ConsoleModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
