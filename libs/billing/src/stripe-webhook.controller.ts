import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  Post,
  RawBodyRequest,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import Stripe from 'stripe';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { OnHost, SkipCsrf } from '@plaza/web';

import { BillingEvents } from './billing-events';
import { STRIPE } from './stripe.client';

/** Stripe's webhook: verify the signature over the raw body, store once, answer fast. */
@Controller('webhooks/stripe')
@OnHost('console')
export class StripeWebhookController {
  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly events: BillingEvents,
  ) {}

  @Post()
  @SkipCsrf()
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<{ received: true; duplicate: boolean }> {
    const secret = this.config.billing.webhookSecret;
    if (!this.stripe || !secret)
      throw new ServiceUnavailableException('Billing is off on this platform.');
    const signature = request.headers['stripe-signature'];
    if (!request.rawBody || typeof signature !== 'string') {
      throw new BadRequestException('Missing Stripe-Signature header or body.');
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(request.rawBody, signature, secret, 300);
    } catch {
      throw new BadRequestException('The Stripe signature does not match this payload.');
    }
    const fresh = await this.events.accept(event);
    return { received: true, duplicate: !fresh };
  }
}
