import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { REGISTRATION_MODES } from '@plaza/tenancy';

import { ORGANIZATION_ROLES } from '../user.entity';

const YES_NO = ['', 'yes', 'no'];

export class PeopleQueryDto {
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(['', 'none', ...ORGANIZATION_ROLES]) role?: string;
  @IsOptional() @IsIn(YES_NO) confirmed?: string;
  @IsOptional() @IsIn(YES_NO) blocked?: string;
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'The page must be a positive number.' })
  page?: string;
}

export class PageQueryDto {
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'The page must be a positive number.' })
  page?: string;
}

export class RolesDto {
  /** One checkbox value, or several (a repeated field arrives as an array). */
  @IsOptional() @IsIn(ORGANIZATION_ROLES, { each: true }) roles?: string | string[];
}

export class BlockDto {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class InviteDto {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(400) name?: string;
  @IsOptional() @IsIn(['', ...ORGANIZATION_ROLES]) role?: string;
}

export class SecurityDto {
  @IsOptional() @IsIn(REGISTRATION_MODES) registrationMode?: string;
  @IsOptional() @IsIn(['1']) forceSignIn?: string;
  @IsOptional() @IsIn(['1']) requireAdminTwoFactor?: string;
}
