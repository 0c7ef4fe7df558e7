import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';

import { ConsoleIndexController } from './console-index.controller';
import { HealthController } from './health.controller';
import { HostKindGuard } from './host-kind.guard';
import { PlazaExceptionFilter } from './http-exception.filter';
import { TenantContextInterceptor } from './tenant-context.interceptor';

/** The HTTP pipeline shared by every page and API: host guard, tenant context, errors. */
@Module({
  controllers: [HealthController, ConsoleIndexController],
  providers: [
    { provide: APP_GUARD, useClass: HostKindGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
    { provide: APP_FILTER, useClass: PlazaExceptionFilter },
  ],
})
export class WebModule {}
