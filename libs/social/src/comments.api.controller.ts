import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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

import { ErrorDto } from '@plaza/spaces';
import { CurrentUsers, OnHost, RequirePlanFeature } from '@plaza/web';

import { CommentsService, CommentView } from './comments.service';
import { CommentDto, CommentsQuery, NewCommentDto } from './dto/comment.dto';

/** Pages' signed avatar links stay out of the API. */
function toDto({ authorAvatarUrl: _pageOnly, ...c }: CommentView): CommentDto {
  return { ...c, createdAt: c.createdAt.toISOString(), replies: c.replies.map(toDto) };
}

/** Comments of a resource in the public JSON API. */
@ApiTags('comments')
@Controller('api/v1/comments')
@RequirePlanFeature('apiAccess')
@OnHost('tenant')
export class CommentsApiController {
  constructor(
    private readonly comments: CommentsService,
    private readonly users: CurrentUsers,
  ) {}

  @Get()
  @ApiOperation({ summary: "A resource's comments as threads" })
  @ApiOkResponse({ type: [CommentDto] })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async list(@Query() q: CommentsQuery, @Req() request: FastifyRequest): Promise<CommentDto[]> {
    const threads = await this.comments.threads(
      q.resource_type,
      q.resource_id,
      await this.users.of(request),
    );
    return threads.map(toDto);
  }

  @Post()
  @ApiHeader({
    name: 'x-csrf-token',
    required: false,
    description:
      "The session's CSRF token; required with the session cookie, not with a bearer token",
  })
  @ApiCookieAuth('plaza_session')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Comment as the signed-in participant (session or bearer token)' })
  @ApiCreatedResponse({ description: 'The new comment id' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async create(
    @Body() input: NewCommentDto,
    @Req() request: FastifyRequest,
  ): Promise<{ id: string }> {
    const comment = await this.comments.add(
      input.resource_type,
      input.resource_id,
      await this.users.of(request),
      {
        body: input.body,
        alignment: input.alignment ?? 0,
        parentId: input.parent_id ?? null,
      },
    );
    return { id: comment.id };
  }
}
