import { Controller, Get } from '@nestjs/common';

import { OnHost } from './host-kind.guard';

/** Root of the console's JSON API: tells scripts which version they talk to. */
@Controller('api/console/v1')
@OnHost('console')
export class ConsoleIndexController {
  @Get()
  index(): { data: { name: string; version: string } } {
    return { data: { name: 'Plaza console API', version: 'v1' } };
  }
}
