import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import type { FastifyRequest } from 'fastify';

import { FieldsException, PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { publicAuthor } from '@plaza/identity';
import { boolSetting, ErrorDto } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import { CurrentUsers, OnHost, RequirePlanFeature } from '@plaza/web';

import {
  EndorsementStatusDto,
  parseStates,
  ProposalDto,
  ProposalListQuery,
  ProposalPageDto,
  SupportStatusDto,
} from './dto/proposal.dto';
import { ProposalEntity } from './proposal.entity';
import { ProposalAttachmentsService } from './proposal-attachments.service';
import { ProposalInput } from './proposal-input';
import { publicState } from './proposal-paths';
import { ProposalRow, ProposalsQuery } from './proposals.query';
import {
  BodyTooLongError,
  ProposalsService,
  UnknownCategoryError,
  UnknownScopeError,
} from './proposals.service';

function toDto(p: ProposalEntity | ProposalRow, votesHidden: boolean): ProposalDto {
  const published = !!p.statePublishedAt;
  return {
    id: p.id,
    componentId: p.componentId,
    title: p.title,
    body: p.body,
    official: p.official,
    authorName: p.official ? null : publicAuthor(p.author).name,
    author: p.official ? null : publicAuthor(p.author),
    state: publicState(p),
    answer: published ? ((p.answer as Record<string, string> | null) ?? null) : null,
    supportsCount: votesHidden ? null : p.supportsCount,
    endorsementsCount: p.endorsementsCount,
    commentsCount: p.commentsCount,
    address: p.address,
    categoryId: p.categoryId,
    scopeId: p.scopeId,
    latitude: p.latitude,
    longitude: p.longitude,
    publishedAt: (p.publishedAt ?? p.createdAt).toISOString(),
  };
}

/** Writes: the session cookie with its CSRF token, or a personal token as a bearer. */
const CSRF = applyDecorators(
  ApiHeader({
    name: 'x-csrf-token',
    required: false,
    description:
      "The session's CSRF token; required with the session cookie, not with a bearer token",
  }),
  ApiCookieAuth('plaza_session'),
  ApiBearerAuth(),
);

/** Public JSON API of proposals: read without signing in, write with the session or a token. */
@ApiTags('proposals')
@Controller('api/v1/spaces/:spaceId/components/:componentId/proposals')
@RequirePlanFeature('apiAccess')
@OnHost('tenant')
export class ProposalsApiController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly query: ProposalsQuery,
    private readonly users: CurrentUsers,
    private readonly tenantDb: TenantDb,
    private readonly attachments: ProposalAttachmentsService,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: "A component's published proposals, filtered, ordered and paginated" })
  @ApiOkResponse({ type: ProposalPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async list(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Query() q: ProposalListQuery,
    @Req() request: FastifyRequest,
  ): Promise<ProposalPageDto> {
    const states = parseStates(q.state);
    if (states === 'invalid')
      throw new FieldsException('Some fields are not valid.', {
        state: [
          'state must be a comma-separated list of state tokens (accepted, evaluating, rejected, not_answered, withdrawn or a custom state).',
        ],
      });
    const user = await this.users.of(request);
    // One unit of work (one connection, one transaction) for the whole read: the nested
    // calls join it.
    return this.tenantDb.run(async (em) => {
      const ctx = await this.proposals.context(componentId, user);
      if (ctx.space.id !== spaceId) throw new NotFoundException('This component does not exist.');
      const page = await this.query.listRows(
        componentId,
        {
          states,
          search: q.q?.trim() || undefined,
          categoryId: q.category,
          scopeId: q.scope,
          order: q.order ?? 'recent',
          seed: q.seed ?? '',
          page: q.page ?? 1,
          perPage: q.per_page ?? 20,
        },
        em,
      );
      const hidden = boolSetting(ctx.settings.step, 'votes_hidden');
      return {
        items: page.items.map((p) => toDto(p, hidden)),
        meta: { page: page.page, perPage: page.perPage, total: page.total },
      };
    });
  }

  @Get(':proposalId')
  @ApiOperation({ summary: 'One published proposal' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async show(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
  ): Promise<ProposalDto> {
    const ctx = await this.context(spaceId, componentId, request);
    const proposal = await this.proposals.findPublished(componentId, proposalId);
    const links = await this.attachments.links(proposal.id, await this.users.of(request));
    return {
      ...toDto(proposal, boolSetting(ctx.settings.step, 'votes_hidden')),
      attachments: links.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        size: a.size,
        url: a.url.startsWith('/') ? publicUrl(this.config, request.hostname, a.url) : a.url,
      })),
    };
  }

  @Post()
  @CSRF
  @ApiOperation({
    summary: 'Create a proposal as the signed-in participant (session or bearer token)',
  })
  @ApiCreatedResponse({ type: ProposalDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  async create(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() input: ProposalInput,
    @Req() request: FastifyRequest,
  ): Promise<ProposalDto> {
    const ctx = await this.context(spaceId, componentId, request);
    try {
      const p = await this.proposals.create(componentId, await this.users.of(request), input);
      const withAuthor = await this.proposals.findPublished(componentId, p.id);
      return toDto(withAuthor, boolSetting(ctx.settings.step, 'votes_hidden'));
    } catch (error) {
      if (error instanceof BodyTooLongError)
        throw new FieldsException('Some fields are not valid.', { body: [error.message] });
      if (error instanceof UnknownCategoryError)
        throw new FieldsException('Some fields are not valid.', { categoryId: [error.message] });
      if (error instanceof UnknownScopeError)
        throw new FieldsException('Some fields are not valid.', { scopeId: [error.message] });
      throw error;
    }
  }

  @Post(':proposalId/support')
  @HttpCode(200)
  @CSRF
  @ApiOperation({ summary: 'Support a proposal (vote_limit, minimum and threshold rules apply)' })
  @ApiOkResponse({ type: SupportStatusDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async support(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
  ): Promise<SupportStatusDto> {
    await this.context(spaceId, componentId, request);
    return this.proposals.support(componentId, proposalId, await this.users.of(request));
  }

  @Delete(':proposalId/support')
  @CSRF
  @ApiOperation({ summary: 'Withdraw your support' })
  @ApiOkResponse({ type: SupportStatusDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async unsupport(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
  ): Promise<SupportStatusDto> {
    await this.context(spaceId, componentId, request);
    return this.proposals.unsupport(componentId, proposalId, await this.users.of(request));
  }

  @Post(':proposalId/endorsement')
  @HttpCode(200)
  @CSRF
  @ApiOperation({ summary: 'Endorse a proposal' })
  @ApiOkResponse({ type: EndorsementStatusDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async endorse(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
  ): Promise<EndorsementStatusDto> {
    await this.context(spaceId, componentId, request);
    return this.proposals.endorse(componentId, proposalId, await this.users.of(request), true);
  }

  @Delete(':proposalId/endorsement')
  @CSRF
  @ApiOperation({ summary: 'Withdraw your endorsement' })
  @ApiOkResponse({ type: EndorsementStatusDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async unendorse(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
  ): Promise<EndorsementStatusDto> {
    await this.context(spaceId, componentId, request);
    return this.proposals.endorse(componentId, proposalId, await this.users.of(request), false);
  }

  private async context(spaceId: string, componentId: string, request: FastifyRequest) {
    const ctx = await this.proposals.context(componentId, await this.users.of(request));
    if (ctx.space.id !== spaceId) throw new NotFoundException('This component does not exist.');
    return ctx;
  }
}
