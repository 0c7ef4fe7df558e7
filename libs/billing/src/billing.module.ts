import { Module } from '@nestjs/common';

import { ConsoleModule, ConsoleWebModule } from '@plaza/console';
import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { MailModule } from '@plaza/mail';
import { ThemingModule } from '@plaza/theming';

import { BillingService } from './billing.service';
import { BillingAdminController } from './billing-admin.controller';
import { BillingAdminNotices } from './billing-admin-notices';
import {
  ConsoleBillingController,
  ConsoleBillingPricesController,
} from './billing-console.controller';
import { BillingConsolePages } from './billing-console.pages';
import { BillingConsoleService } from './billing-console.service';
import { BillingEvents } from './billing-events';
import { DunningService } from './dunning.service';
import { PlanUsageService } from './plan-usage';
import { BILLING_CLOCK, createStripe, STRIPE } from './stripe.client';
import { StripeWebhookController } from './stripe-webhook.controller';

/** Billing services, for the API and the worker. */
@Module({
  imports: [MailModule, ConsoleModule],
  providers: [
    {
      provide: STRIPE,
      inject: [PLAZA_CONFIG],
      useFactory: (config: PlazaConfig) => createStripe(config),
    },
    { provide: BILLING_CLOCK, useValue: () => new Date() },
    BillingService,
    DunningService,
    BillingEvents,
  ],
  exports: [STRIPE, BILLING_CLOCK, BillingService, DunningService, BillingEvents],
})
export class BillingModule {}

/**
 * Billing's HTTP side: the Stripe webhook, the console's billing API and
 * pages, the tenant admin's billing page and its banner on every admin page.
 */
@Module({
  imports: [BillingModule, ThemingModule, ConsoleModule, ConsoleWebModule],
  controllers: [
    StripeWebhookController,
    BillingAdminController,
    ConsoleBillingController,
    ConsoleBillingPricesController,
    BillingConsolePages,
  ],
  providers: [BillingConsoleService, PlanUsageService, BillingAdminNotices],
})
export class BillingHttpModule {}
