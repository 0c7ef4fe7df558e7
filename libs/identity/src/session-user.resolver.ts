import { Injectable, UnauthorizedException } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import { IsNull } from 'typeorm';

import { TenantDb, TenantRef } from '@plaza/tenancy';
import { CurrentUser, CurrentUserResolver, RateLimiter, Sessions, stateOf } from '@plaza/web';

import { Avatars } from './avatars.service';
import { OrganizationAccess } from './organization-access';
import { personOfToken } from './personal-tokens.service';
import { UserEntity } from './user.entity';

/** Requests per minute one API token may make. */
export const TOKEN_RATE_LIMIT = { max: 120, windowSeconds: 60 };

/**
 * Tenant sites: the session's user, if it still exists and is neither deleted nor
 * blocked; on `/api/v1` without a session, the owner of an `Authorization: Bearer`
 * personal token of this tenant (acting as a participant, without admin roles).
 */
@Injectable()
export class SessionUserResolver implements CurrentUserResolver {
  constructor(
    private readonly sessions: Sessions,
    private readonly tenantDb: TenantDb,
    private readonly avatars: Avatars,
    private readonly rateLimiter: RateLimiter,
    private readonly access: OrganizationAccess,
  ) {}

  async resolve(request: FastifyRequest): Promise<CurrentUser | null> {
    // Guards run before the interceptor that enters TenantContext: the host's resolution says who.
    const resolution = stateOf(request)?.resolution;
    if (resolution?.kind !== 'tenant') return null;
    const session = await this.sessions.current(request);
    if (!session?.userId) return this.fromToken(request, resolution.tenant);
    const userId = session.userId;
    const found = await this.tenantDb.runFor(resolution.tenant, async (em) => {
      const user = await em.findOneBy(UserEntity, {
        id: userId,
        deletedAt: IsNull(),
        blockedAt: IsNull(),
      });
      const mustUseTwoFactor =
        !!user?.roles.includes('admin') &&
        !user.totpSecret &&
        (await this.access.of(resolution.tenant)).requireAdminTwoFactor;
      const avatarUrl = user ? await this.avatars.url(em, user.avatarFileId) : null;
      return user && { user, mustUseTwoFactor, avatarUrl };
    });
    if (!found) return null;
    const { user, mustUseTwoFactor, avatarUrl } = found;
    return {
      ...this.person(user, avatarUrl),
      // An admin who must use two-factor sign-in acts as a participant until it is on.
      roles: mustUseTwoFactor ? user.roles.filter((r) => r !== 'admin') : user.roles,
    };
  }

  private async fromToken(request: FastifyRequest, tenant: TenantRef): Promise<CurrentUser | null> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !request.url.startsWith('/api/v1/')) return null;
    const failures = `api-token:${tenant.id}:${request.ip}`;
    await this.rateLimiter.assertNotLocked(failures);
    const found = await this.tenantDb.runFor(tenant, (em) => personOfToken(em, token));
    if (!found) {
      await this.rateLimiter.failure(failures);
      throw new UnauthorizedException('This API token is not valid, has expired or was revoked.');
    }
    await this.rateLimiter.hit({
      key: `api-token-use:${tenant.id}:${found.tokenId}`,
      ...TOKEN_RATE_LIMIT,
    });
    // Tokens act as participants: administration needs a signed-in session.
    return { ...this.person(found.user), roles: [] };
  }

  private person(user: UserEntity, avatarUrl: string | null = null): CurrentUser {
    return {
      id: user.id,
      name: user.name,
      nickname: user.nickname,
      email: user.email,
      locale: user.locale,
      roles: user.roles,
      confirmed: user.confirmedAt !== null,
      avatarUrl,
    };
  }
}
