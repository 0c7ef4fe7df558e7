import { Module } from '@nestjs/common';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { MailModule } from '@plaza/mail';
import { ThemingModule } from '@plaza/theming';

import { BillingService } from './billing.service';
import { BillingAdminController } from './billing-admin.controller';
import { BillingEvents } from './billing-events';
import { DunningService } from './dunning.service';
import { BILLING_CLOCK, createStripe, STRIPE } from './stripe.client';
import { StripeWebhookController } from './stripe-webhook.controller';

/** Billing services, for the API and the worker. */
@Module({
  imports: [MailModule],
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

/** Billing's HTTP side: the Stripe webhook and the tenant admin's billing page. */
@Module({
  imports: [BillingModule, ThemingModule],
  controllers: [StripeWebhookController, BillingAdminController],
})
export class BillingHttpModule {}
