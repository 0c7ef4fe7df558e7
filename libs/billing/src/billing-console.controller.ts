import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Req } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { ConsolePrincipal, ConsoleRoute, MinRole, Principal } from '@plaza/console';

import { BillingConsoleService } from './billing-console.service';
import {
  BillingCustomerDto,
  ChangePlanDto,
  PlanPricesDto,
  StartSubscriptionDto,
} from './dto/billing-console.dto';

/** A tenant's billing from the console: viewers read, operators and owners act. */
@Controller('api/console/v1/tenants/:id/billing')
@ConsoleRoute('viewer')
export class ConsoleBillingController {
  constructor(private readonly billing: BillingConsoleService) {}

  /** Status, customer, subscription and invoices; `enabled: false` when billing is off. */
  @Get()
  async get(@Param('id') id: string) {
    return { data: await this.billing.view(id) };
  }

  /** Creates the Stripe customer, or updates it. */
  @Put('customer')
  @MinRole('operator')
  async customer(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: BillingCustomerDto,
  ) {
    return { data: await this.billing.saveCustomer({ principal, request }, id, body) };
  }

  /** By invoice: the subscription. By card: `checkoutUrl`, a Stripe Checkout page for the organization. */
  @Post('subscription')
  @MinRole('operator')
  @HttpCode(201)
  async start(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: StartSubscriptionDto,
  ) {
    return { data: await this.billing.start({ principal, request }, id, body) };
  }

  /** Prorated change of plan or billing period. */
  @Patch('subscription')
  @MinRole('operator')
  async change(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: ChangePlanDto,
  ) {
    return { data: await this.billing.changePlan({ principal, request }, id, body) };
  }

  @Post('subscription/cancel')
  @MinRole('operator')
  @HttpCode(200)
  async cancel(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.billing.cancel({ principal, request }, id) };
  }

  @Post('subscription/resume')
  @MinRole('operator')
  @HttpCode(200)
  async resume(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ) {
    return { data: await this.billing.resume({ principal, request }, id) };
  }
}

/** Plans ↔ Stripe prices: everyone reads, owners map (checked with Stripe). */
@Controller('api/console/v1/billing/prices')
@ConsoleRoute('viewer')
export class ConsoleBillingPricesController {
  constructor(private readonly billing: BillingConsoleService) {}

  @Get()
  async list() {
    return { data: await this.billing.prices() };
  }

  @Put(':plan')
  @MinRole('owner')
  async set(
    @Req() request: FastifyRequest,
    @Principal() principal: ConsolePrincipal,
    @Param('plan') plan: string,
    @Body() body: PlanPricesDto,
  ) {
    return { data: await this.billing.setPrices({ principal, request }, plan, body) };
  }
}
