import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const TRANSLATED = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { en: 'Budget 2027', fr: 'Budget 2027' },
} as const;

export class PhaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(TRANSLATED) title!: Record<string, string>;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate!: string | null;
  @ApiProperty() active!: boolean;
}

export class HeroImageDto {
  @ApiProperty({ description: 'Signed address of the large copy, valid one day' }) url!: string;
  @ApiProperty({ ...TRANSLATED, description: 'Text alternative per locale (empty: decorative)' })
  alt!: Record<string, string>;
}

export class SpaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['process', 'assembly'] }) kind!: string;
  @ApiProperty() slug!: string;
  @ApiProperty(TRANSLATED) title!: Record<string, string>;
  @ApiProperty(TRANSLATED) subtitle!: Record<string, string>;
  @ApiProperty(TRANSLATED) shortDescription!: Record<string, string>;
  @ApiProperty(TRANSLATED) description!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) hashtag!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate!: string | null;
  @ApiProperty() promoted!: boolean;
  @ApiProperty({ enum: ['public', 'private', 'transparent'] }) visibility!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeId!: string | null;
  @ApiProperty({ type: HeroImageDto, nullable: true }) heroImage!: HeroImageDto | null;
  @ApiPropertyOptional({ type: [PhaseDto] }) phases?: PhaseDto[];
}

export class ComponentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) spaceId!: string;
  @ApiProperty({ enum: ['proposals', 'pages'] }) manifest!: string;
  @ApiProperty(TRANSLATED) name!: Record<string, string>;
  @ApiProperty() weight!: number;
  @ApiProperty({
    type: 'object',
    description:
      'Verification method each action requires (create, support, endorse, comment), e.g. ' +
      '{"support": "id_documents"}; get verified at /account/verifications',
    additionalProperties: { type: 'string' },
  })
  requiredVerifications!: Record<string, string>;
}

export class ErrorDto {
  @ApiProperty() statusCode!: number;
  @ApiProperty() error!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  fields?: Record<string, string[]>;
}
