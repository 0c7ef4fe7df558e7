import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Transform } from 'class-transformer';
import {
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Forms send coordinates as text, and an empty field means none. */
const coordinate = ({ value }: { value: unknown }) =>
  value === '' || value === null ? undefined : typeof value === 'string' ? Number(value) : value;

/** Decidim's proposal form: title 15–150 characters, body from 15 to the component's limit. */
export class ProposalInput {
  @ApiProperty({ minLength: 15, maxLength: 150 })
  @Transform(trim)
  @IsString()
  @MinLength(15, { message: 'The title must have at least 15 characters.' })
  @MaxLength(150, { message: 'The title must have at most 150 characters.' })
  title!: string;

  /** The upper bound is the component's `proposal_length`, checked by the service. */
  @ApiProperty({ minLength: 15, description: "At most the component's proposal_length" })
  @Transform(trim)
  @IsString()
  @MinLength(15, { message: 'The text must have at least 15 characters.' })
  body!: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'Kept only when geocoding is enabled' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300, { message: 'The address must have at most 300 characters.' })
  address?: string;

  @ApiPropertyOptional({ minimum: -90, maximum: 90 })
  @IsOptional()
  @Transform(coordinate)
  @ValidateIf((_o, v) => v !== undefined)
  @IsLatitude({ message: 'The latitude must be a number between -90 and 90.' })
  latitude?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional()
  @Transform(coordinate)
  @ValidateIf((_o, v) => v !== undefined)
  @IsLongitude({ message: 'The longitude must be a number between -180 and 180.' })
  longitude?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the space's categories" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsUUID('all', { message: 'The category is not valid.' })
  categoryId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "One of the organization's scopes, inside the space's scope when it has one",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsUUID('all', { message: 'The scope is not valid.' })
  scopeId?: string;
}
