import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
} from 'class-validator';

import { SUPPORTED_LOCALES } from '@plaza/core';
import { TENANT_STATUSES } from '@plaza/tenancy';

export const TENANT_TEMPLATES = ['empty', 'demo'] as const;
export const TENANT_SORTS = [
  'name',
  '-name',
  'slug',
  '-slug',
  'createdAt',
  '-createdAt',
  'status',
  '-status',
] as const;
export type TenantSort = (typeof TENANT_SORTS)[number];

const PLAN_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const PLAN_MESSAGE = 'The plan is a code of lowercase letters, digits, hyphens or underscores.';
const LOCALE_MESSAGE = `Each locale must be one of ${SUPPORTED_LOCALES.join(', ')}.`;

export class CreateTenantDto {
  @IsString()
  @Length(1, 200, { message: 'The name is required and may have up to 200 characters.' })
  name!: string;

  @IsString()
  @MaxLength(40)
  slug!: string;

  @IsIn(SUPPORTED_LOCALES, {
    message: `The default locale must be one of ${SUPPORTED_LOCALES.join(', ')}.`,
  })
  defaultLocale!: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one locale.' })
  @ArrayMaxSize(SUPPORTED_LOCALES.length)
  @IsIn(SUPPORTED_LOCALES, { each: true, message: LOCALE_MESSAGE })
  locales!: string[];

  @IsOptional()
  @Matches(PLAN_CODE, { message: PLAN_MESSAGE })
  plan?: string;

  @IsEmail(
    {},
    { message: 'Enter a valid email address for the first admin, like name@example.org.' },
  )
  @MaxLength(254)
  adminEmail!: string;

  @IsString()
  @Length(1, 200, { message: "The first admin's name is required (up to 200 characters)." })
  adminName!: string;

  @IsOptional()
  @IsIn(TENANT_TEMPLATES, { message: 'The template must be empty or demo.' })
  template?: (typeof TENANT_TEMPLATES)[number];
}

export class UpdateTenantDto {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'The name is required and may have up to 200 characters.' })
  name?: string;

  @IsOptional()
  @IsIn(SUPPORTED_LOCALES, {
    message: `The default locale must be one of ${SUPPORTED_LOCALES.join(', ')}.`,
  })
  defaultLocale?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'Choose at least one locale.' })
  @ArrayMaxSize(SUPPORTED_LOCALES.length)
  @IsIn(SUPPORTED_LOCALES, { each: true, message: LOCALE_MESSAGE })
  locales?: string[];

  /** `null` removes the plan. */
  @IsOptional()
  @Matches(PLAN_CODE, { message: PLAN_MESSAGE })
  plan?: string | null;
}

export class ListTenantsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(TENANT_STATUSES, { message: `The status must be one of ${TENANT_STATUSES.join(', ')}.` })
  status?: string;

  @IsOptional()
  @Matches(PLAN_CODE, { message: PLAN_MESSAGE })
  plan?: string;

  @IsOptional()
  @IsIn(TENANT_SORTS, { message: `The sort must be one of ${TENANT_SORTS.join(', ')}.` })
  sort?: TenantSort;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'The page must be a whole number.' })
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'The number per page must be a whole number.' })
  @Min(1)
  @Max(100)
  perPage?: number;
}
