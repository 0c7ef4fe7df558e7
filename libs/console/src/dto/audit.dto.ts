import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListAuditQuery {
  @IsOptional()
  @Matches(/^[a-z0-9]{1,16}$/, { message: 'The tenant is an organization id.' })
  tenantId?: string;

  @IsOptional()
  @Matches(/^[a-z.]{1,60}$/, { message: 'The action is a dotted name such as tenant.suspend.' })
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'From is a date, like 2026-01-31.' })
  from?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'To is a date, like 2026-01-31.' })
  to?: Date;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  perPage?: number;
}
