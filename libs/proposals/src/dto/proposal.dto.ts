import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  isUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

import { registerQuickParse } from '@plaza/core';
import { PublicAuthorDto } from '@plaza/identity';

import { PROPOSAL_ORDERS, ProposalOrder, STATE_FILTERS } from '../proposals.query';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Title given by the uploader, or the file name' }) name!: string;
  @ApiProperty({ example: 'PDF', description: 'Type told from the content' }) type!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'Signed download address, valid one hour' }) url!: string;
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) componentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() official!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null for official proposals and once the author deleted their account',
  })
  authorName!: string | null;
  @ApiProperty({
    type: () => PublicAuthorDto,
    nullable: true,
    description:
      'Null for official proposals; `deleted: true` once the author deleted their account',
  })
  author!: PublicAuthorDto | null;
  @ApiProperty({ description: `${STATE_FILTERS.join(', ')} or a custom state token` })
  state!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: 'Published answer, per locale',
  })
  answer!: Record<string, string> | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null while the phase hides supports' })
  supportsCount!: number | null;
  @ApiProperty() endorsementsCount!: number;
  @ApiProperty() commentsCount!: number;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude!: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude!: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: string;
  @ApiPropertyOptional({
    type: [AttachmentDto],
    description: 'Attached files; only in the one-proposal response',
  })
  attachments?: AttachmentDto[];
}

export class PageMetaDto {
  @ApiProperty() page!: number;
  @ApiProperty() perPage!: number;
  @ApiProperty() total!: number;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalDto] }) items!: ProposalDto[];
  @ApiProperty({ type: PageMetaDto }) meta!: PageMetaDto;
}

export class SupportStatusDto {
  @ApiProperty() supportsCount!: number;
  @ApiProperty() supported!: boolean;
  @ApiProperty() temporary!: boolean;
  @ApiProperty({ type: Number, nullable: true }) remaining!: number | null;
  @ApiProperty() missingForMinimum!: number;
}

export class EndorsementStatusDto {
  @ApiProperty() endorsementsCount!: number;
  @ApiProperty() endorsed!: boolean;
}

export class ProposalListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number.' })
  @Min(1, { message: 'page must be at least 1.' })
  @Max(100000, { message: 'page must be at most 100000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'per_page must be a whole number.' })
  @Min(1, { message: 'per_page must be at least 1.' })
  @Max(100, { message: 'per_page must be at most 100.' })
  per_page?: number;

  @ApiPropertyOptional({
    description: `Comma-separated states: ${STATE_FILTERS.join(', ')} or the component's custom states`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  state?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the space's categories" })
  @IsOptional()
  @IsUUID('all', { message: 'category must be a UUID.' })
  category?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A scope of the organization: proposals in it or in any scope below it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'scope must be a UUID.' })
  scope?: string;

  @ApiPropertyOptional({ description: 'Text searched in titles and bodies' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q must have at most 200 characters.' })
  q?: string;

  @ApiPropertyOptional({ enum: [...PROPOSAL_ORDERS], default: 'recent' })
  @IsOptional()
  @IsIn([...PROPOSAL_ORDERS], { message: `order must be one of: ${PROPOSAL_ORDERS.join(', ')}.` })
  order?: ProposalOrder;

  @ApiPropertyOptional({ description: 'Seed of the random order; keep it between pages' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  seed?: string;
}

const WHOLE_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * The list query without class-transformer and class-validator when it is plainly valid
 * (every page of the JSON API reads it); anything else goes to them, so errors keep their words.
 */
export function quickListQuery(input: unknown): ProposalListQuery | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const query = new ProposalListQuery();
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') return undefined;
    switch (key) {
      case 'page':
      case 'per_page': {
        if (!WHOLE_NUMBER.test(value)) return undefined;
        const n = Number(value);
        if (n > (key === 'page' ? 100000 : 100)) return undefined;
        query[key] = n;
        break;
      }
      case 'state':
      case 'q':
        if (value.length > 200) return undefined;
        query[key] = value;
        break;
      case 'seed':
        if (value.length > 64) return undefined;
        query.seed = value;
        break;
      case 'category':
      case 'scope':
        if (!isUUID(value, 'all')) return undefined;
        query[key] = value;
        break;
      case 'order':
        if (!(PROPOSAL_ORDERS as readonly string[]).includes(value)) return undefined;
        query.order = value as ProposalOrder;
        break;
      default:
        return undefined;
    }
  }
  return query;
}

registerQuickParse(ProposalListQuery, quickListQuery);

export function parseStates(raw: string | undefined): string[] | 'invalid' {
  if (!raw) return [];
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.every((p) => /^[a-z][a-z0-9_]{1,39}$/.test(p)) ? parts : 'invalid';
}
