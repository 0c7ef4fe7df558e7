import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';
import { In } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';
import { CurrentUsers, SignInRequiredException, stateOf, wantsJson } from '@plaza/web';

import { SpaceRole, SpaceRoleEntity } from './space-role.entity';

const SPACE_ROLES_KEY = 'plaza:space-roles';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Space-level admin pages: organization admins pass; others need one of the
 * route's roles in the space named by the `spaceId` (or `id`) parameter. On a
 * route without a space (the list of spaces), holding the role in any space is
 * enough and the handler shows only those spaces.
 */
@Injectable()
export class SpaceRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: CurrentUsers,
    private readonly tenantDb: TenantDb,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const roles =
      this.reflector.getAllAndOverride<SpaceRole[]>(SPACE_ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const user = await this.users.of(request);
    if (!user) {
      if (wantsJson(request)) throw new UnauthorizedException('You need to sign in to do this.');
      throw new SignInRequiredException(request.url);
    }
    if (user.roles.includes('admin')) return true;
    const resolution = stateOf(request)?.resolution;
    if (resolution?.kind !== 'tenant' || roles.length === 0) throw this.refusal();
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const spaceId = params.spaceId ?? params.id;
    if (spaceId !== undefined && !UUID.test(spaceId)) throw new NotFoundException();
    // Guards run before the interceptor that enters the tenant's context.
    const held = await this.tenantDb.runFor(resolution.tenant, (em) =>
      em.existsBy(SpaceRoleEntity, {
        userId: user.id,
        role: In(roles),
        ...(spaceId ? { spaceId } : {}),
      }),
    );
    if (!held) throw this.refusal();
    return true;
  }

  private refusal() {
    return new ForbiddenException('Only administrators of this space can do this.');
  }
}

/** A controller of space admin pages, open to organization admins and these space roles. */
export const RequireSpaceRole = (...roles: SpaceRole[]) =>
  applyDecorators(SetMetadata(SPACE_ROLES_KEY, roles), UseGuards(SpaceRoleGuard));

/** Narrows the roles of one route of a `RequireSpaceRole` controller. */
export const OnlySpaceRoles = (...roles: SpaceRole[]) => SetMetadata(SPACE_ROLES_KEY, roles);
