import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { OnHost } from '@plaza/web';

import { ScopesService } from './scopes.service';

export class ScopeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { en: 'North district', fr: 'Quartier nord' },
  })
  name!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'Kind of area: name and plural, per locale',
    properties: {
      name: { type: 'object', additionalProperties: { type: 'string' } },
      plural: { type: 'object', additionalProperties: { type: 'string' } },
    },
  })
  type!: { name: Record<string, string>; plural: Record<string, string> } | null;
}

/** Public JSON API: the organization's scopes, to filter proposals by scope. */
@ApiTags('scopes')
@Controller('api/v1/scopes')
@OnHost('tenant')
export class ScopesApiController {
  constructor(private readonly scopes: ScopesService) {}

  @Get()
  @ApiOperation({ summary: "The organization's scopes (a tree: each names its parent)" })
  @ApiOkResponse({ type: [ScopeDto] })
  async list(): Promise<ScopeDto[]> {
    return (await this.scopes.list()).map((s) => ({
      id: s.id,
      name: s.name as Record<string, string>,
      code: s.code,
      parentId: s.parentId,
      type: s.scopeType
        ? {
            name: s.scopeType.name as Record<string, string>,
            plural: s.scopeType.plural as Record<string, string>,
          }
        : null,
    }));
  }
}
