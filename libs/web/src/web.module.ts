import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';

import { AdminSections } from './admin-layout';
import { AdminNotices } from './admin-notices';
import { AdminGuard, SignedInGuard } from './auth.guards';
import { ConsoleIndexController } from './console-index.controller';
import { CsrfGuard } from './csrf.guard';
import { CurrentUsers } from './current-user';
import { HealthController } from './health.controller';
import { HostKindGuard } from './host-kind.guard';
import { PlazaExceptionFilter } from './http-exception.filter';
import { PlanFeatureGuard } from './plan-feature.guard';
import { RateLimiter } from './rate-limiter.service';
import { SessionStore } from './session.store';
import { Sessions } from './sessions.service';
import { SiteNavigation } from './site-navigation';

/**
 * The HTTP pipeline shared by every page and API: host guard, CSRF, tenant
 * context, errors; and the session and rate-limit services features use.
 */
@Global()
@Module({
  controllers: [HealthController, ConsoleIndexController],
  providers: [
    SessionStore,
    Sessions,
    RateLimiter,
    CurrentUsers,
    SignedInGuard,
    AdminGuard,
    AdminSections,
    AdminNotices,
    SiteNavigation,
    { provide: APP_GUARD, useClass: HostKindGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: PlanFeatureGuard },
    { provide: APP_FILTER, useClass: PlazaExceptionFilter },
  ],
  exports: [
    SessionStore,
    Sessions,
    RateLimiter,
    CurrentUsers,
    SignedInGuard,
    AdminGuard,
    AdminSections,
    AdminNotices,
    SiteNavigation,
  ],
})
export class WebModule {}
