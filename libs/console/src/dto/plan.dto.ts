import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const LIMIT = { message: 'A limit is a whole number from 0, or null for unlimited.' };

export class PlanLimitsDto {
  @IsOptional() @IsInt(LIMIT) @Min(0, LIMIT) participants?: number | null;
  @IsOptional() @IsInt(LIMIT) @Min(0, LIMIT) spaces?: number | null;
  @IsOptional() @IsInt(LIMIT) @Min(0, LIMIT) storageMb?: number | null;
  @IsOptional() @IsInt(LIMIT) @Min(0, LIMIT) admins?: number | null;
}

export class PlanFeaturesDto {
  @IsOptional() @IsBoolean() customDomain?: boolean;
  @IsOptional() @IsBoolean() customCss?: boolean;
  @IsOptional() @IsBoolean() newsletter?: boolean;
  @IsOptional() @IsBoolean() apiAccess?: boolean;
}

export class UpdatePlanDto {
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'The name is required (up to 100 characters).' })
  name?: string;

  @IsOptional()
  @IsInt({ message: 'The monthly price is a whole number of cents.' })
  @Min(0)
  @Max(100_000_000)
  monthlyPriceCents?: number;

  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/, { message: 'The currency is a three-letter code such as EUR.' })
  currency?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlanLimitsDto)
  limits?: PlanLimitsDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlanFeaturesDto)
  features?: PlanFeaturesDto;
}

export class CreatePlanDto extends UpdatePlanDto {
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
    message: 'The code is lowercase letters, digits, hyphens or underscores (up to 40).',
  })
  code!: string;

  @IsString()
  @Length(1, 100, { message: 'The name is required (up to 100 characters).' })
  declare name: string;

  @IsInt({ message: 'The monthly price is a whole number of cents.' })
  @Min(0)
  @Max(100_000_000)
  declare monthlyPriceCents: number;
}

export class TenantOverridesDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanLimitsDto)
  limits?: PlanLimitsDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlanFeaturesDto)
  features?: PlanFeaturesDto;
}
