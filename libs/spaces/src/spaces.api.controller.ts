import { Controller, Get, Inject, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { FastifyRequest } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { CurrentUsers, OnHost, RequirePlanFeature } from '@plaza/web';

import { ComponentEntity } from './component.entity';
import { ComponentDto, ErrorDto, PhaseDto, SpaceDto } from './dto/space.dto';
import { SpaceEntity } from './space.entity';
import { SpaceImagesService } from './space-images.service';
import { SpacePhaseEntity } from './space-phase.entity';
import { SpacesService } from './spaces.service';

export function toSpaceDto(
  s: SpaceEntity,
  phases?: SpacePhaseEntity[],
  heroImageUrl?: string,
): SpaceDto {
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
    scopeId: s.scopeId,
    heroImage: heroImageUrl
      ? { url: heroImageUrl, alt: s.heroImageAlt as Record<string, string> }
      : null,
    phases: phases?.map((p): PhaseDto => ({
      id: p.id,
      title: p.title as Record<string, string>,
      startDate: p.startDate,
      endDate: p.endDate,
      active: p.active,
    })),
  };
}

/** `offered`: the organization's verification methods (others are not required). */
export function toComponentDto(c: ComponentEntity, offered: readonly string[] = []): ComponentDto {
  const requiredVerifications: Record<string, string> = {};
  for (const [action, permission] of Object.entries(c.permissions ?? {}))
    if (permission?.verification && offered.includes(permission.verification))
      requiredVerifications[action] = permission.verification;
  return {
    id: c.id,
    spaceId: c.spaceId,
    manifest: c.manifest,
    name: c.name as Record<string, string>,
    weight: c.weight,
    requiredVerifications,
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
    private readonly images: SpaceImagesService,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  /** Absolute large-image addresses of the spaces that have a hero image. */
  private async heroUrls(request: FastifyRequest, spaces: SpaceEntity[]) {
    const urls = await this.images.urls(spaces.map((s) => s.heroImageId));
    const absolute = (u: string) =>
      u.startsWith('/') ? publicUrl(this.config, request.hostname, u) : u;
    return (s: SpaceEntity) =>
      s.heroImageId && urls.has(s.heroImageId)
        ? absolute(urls.get(s.heroImageId)!.large)
        : undefined;
  }

  @Get()
  @ApiOperation({ summary: 'Published processes and assemblies visible to the caller' })
  @ApiOkResponse({ type: [SpaceDto] })
  async list(@Req() request: FastifyRequest): Promise<SpaceDto[]> {
    const user = await this.users.of(request);
    const processes = await this.spaces.listPublished('process', user);
    const assemblies = await this.spaces.listPublished('assembly', user);
    const spaces = [...processes, ...assemblies];
    const hero = await this.heroUrls(request, spaces);
    return spaces.map((s) => toSpaceDto(s, undefined, hero(s)));
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
    const hero = await this.heroUrls(request, [view.space]);
    return toSpaceDto(view.space, view.phases, hero(view.space));
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
    const offered = await this.spaces.offeredVerificationMethods();
    return view.components.map((c) => toComponentDto(c, offered));
  }
}
