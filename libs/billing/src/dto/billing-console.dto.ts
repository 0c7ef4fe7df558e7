import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { billingConsoleT } from '../billing-console.messages';

const say = (key: Parameters<typeof billingConsoleT>[1]) => ({
  message: billingConsoleT('en', key),
});

/** Who pays: the tenant's Stripe customer. */
export class BillingCustomerDto {
  @IsString(say('error.name'))
  @Length(1, 200, say('error.name'))
  name!: string;

  @IsEmail({}, say('error.billingEmail'))
  @MaxLength(254, say('error.billingEmail'))
  billingEmail!: string;

  @IsOptional()
  @IsString(say('error.line1'))
  @MaxLength(200, say('error.line1'))
  line1?: string;

  @IsOptional()
  @IsString(say('error.line2'))
  @MaxLength(200, say('error.line2'))
  line2?: string;

  @IsOptional()
  @IsString(say('error.postalCode'))
  @MaxLength(20, say('error.postalCode'))
  postalCode?: string;

  @IsOptional()
  @IsString(say('error.city'))
  @MaxLength(100, say('error.city'))
  city?: string;

  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, say('error.country'))
  country?: string;

  /** An EU VAT number: two letters, then 2 to 13 letters or digits. */
  @IsOptional()
  @Matches(/^[A-Za-z]{2}[A-Za-z0-9]{2,13}$/, say('error.taxId'))
  taxId?: string;
}

export const INTERVALS = ['month', 'year'] as const;
export const PAYMENTS = ['card', 'invoice'] as const;

/** Starts a subscription: by card through Checkout, or by invoice with days to pay. */
export class StartSubscriptionDto {
  @IsString(say('error.plan'))
  @Length(1, 40, say('error.plan'))
  plan!: string;

  @IsIn(INTERVALS, say('error.interval'))
  interval!: 'month' | 'year';

  @IsIn(PAYMENTS, say('error.payment'))
  payment!: 'card' | 'invoice';

  /** Required when paying by invoice. */
  @ValidateIf((o: StartSubscriptionDto) => o.payment === 'invoice' || o.daysUntilDue !== undefined)
  @Type(() => Number)
  @IsInt(say('error.daysUntilDue'))
  @Min(1, say('error.daysUntilDue'))
  @Max(120, say('error.daysUntilDue'))
  daysUntilDue?: number;

  /** `YYYY-MM-DD` (end of the trial, midnight UTC) or a full ISO date-time. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, say('error.trialEnd'))
  trialEnd?: string;
}

/** A prorated change to another plan or billing period. */
export class ChangePlanDto {
  @IsString(say('error.plan'))
  @Length(1, 40, say('error.plan'))
  plan!: string;

  @IsIn(INTERVALS, say('error.interval'))
  interval!: 'month' | 'year';
}

const PRICE_ID = /^price_[A-Za-z0-9_]{1,60}$/;

/** A plan's Stripe prices; null or an empty string removes one. */
export class PlanPricesDto {
  @IsOptional()
  @Matches(PRICE_ID, say('error.monthly'))
  monthly?: string | null;

  @IsOptional()
  @Matches(PRICE_ID, say('error.yearly'))
  yearly?: string | null;
}
