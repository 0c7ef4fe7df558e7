import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { FastifyRequest } from 'fastify';

import { CurrentUsers, OnHost, RequirePlanFeature } from '@plaza/web';

import { ComponentEntity } from './component.entity';
import { ComponentDto, ErrorDto, PhaseDto, SpaceDto } from './dto/space.dto';
import { SpaceEntity } from './space.entity';
import { SpacePhaseEntity } from './space-phase.entity';
import { SpacesService } from './spaces.service';

export function toSpaceDto(s: SpaceEntity, phases?: SpacePhaseEntity[]): SpaceDto {
  return {
    id: s.id,
    kind: s.kind,
    slug: s.slug,
    title: s.title as Record<string, string>,
    subtitle: s.subtitle as Record<string, string>,
    shortDescription: s.shortDescription as Record<string, string>,
    description: s.description as Record<string, string>,
    hashtag: s.hashtag,
    startDate: s.startDate,
    endDate: s.endDate,
    promoted: s.promoted,
    visibility: s.visibility,
    phases: phases?.map((p): PhaseDto => ({
      id: p.id,
      title: p.title as Record<string, string>,
      startDate: p.startDate,
      endDate: p.endDate,
      active: p.active,
    })),
  };
}

export function toComponentDto(c: ComponentEntity): ComponentDto {
  return {
    id: c.id,
    spaceId: c.spaceId,
    manifest: c.manifest,
    name: c.name as Record<string, string>,
    weight: c.weight,
  };
}

/** Public JSON API: published spaces the caller may see, and their published components. */
@ApiTags('spaces')
@Controller('api/v1/spaces')
@RequirePlanFeature('apiAccess')
@OnHost('tenant')
export class SpacesApiController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly users: CurrentUsers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Published processes and assemblies visible to the caller' })
  @ApiOkResponse({ type: [SpaceDto] })
  async list(@Req() request: FastifyRequest): Promise<SpaceDto[]> {
    const user = await this.users.of(request);
    const processes = await this.spaces.listPublished('process', user);
    const assemblies = await this.spaces.listPublished('assembly', user);
    return [...processes, ...assemblies].map((s) => toSpaceDto(s));
  }

  @Get(':spaceId')
  @ApiOperation({ summary: 'One space with its phases' })
  @ApiOkResponse({ type: SpaceDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async show(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Req() request: FastifyRequest,
  ): Promise<SpaceDto> {
    const view = await this.spaces.findPublishedById(spaceId, await this.users.of(request));
    return toSpaceDto(view.space, view.phases);
  }

  @Get(':spaceId/components')
  @ApiOperation({ summary: "A space's published components, in order" })
  @ApiOkResponse({ type: [ComponentDto] })
  @ApiNotFoundResponse({ type: ErrorDto })
  async components(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Req() request: FastifyRequest,
  ): Promise<ComponentDto[]> {
    const view = await this.spaces.findPublishedById(spaceId, await this.users.of(request));
    return view.components.map(toComponentDto);
  }
}
