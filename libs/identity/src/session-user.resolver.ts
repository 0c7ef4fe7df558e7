import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import { IsNull } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';
import { CurrentUser, CurrentUserResolver, Sessions, stateOf } from '@plaza/web';

import { OrganizationAccess } from './organization-access';
import { UserEntity } from './user.entity';

/** Tenant sites: the session's user, if it still exists and is neither deleted nor blocked. */
@Injectable()
export class SessionUserResolver implements CurrentUserResolver {
  constructor(
    private readonly sessions: Sessions,
    private readonly tenantDb: TenantDb,
    private readonly access: OrganizationAccess,
  ) {}

  async resolve(request: FastifyRequest): Promise<CurrentUser | null> {
    // Guards run before the interceptor that enters TenantContext: the host's resolution says who.
    const resolution = stateOf(request)?.resolution;
    if (resolution?.kind !== 'tenant') return null;
    const session = await this.sessions.current(request);
    if (!session?.userId) return null;
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
      return user && { user, mustUseTwoFactor };
    });
    if (!found) return null;
    const { user, mustUseTwoFactor } = found;
    return {
      id: user.id,
      name: user.name,
      nickname: user.nickname,
      email: user.email,
      locale: user.locale,
      // An admin who must use two-factor sign-in acts as a participant until it is on.
      roles: mustUseTwoFactor ? user.roles.filter((r) => r !== 'admin') : user.roles,
      confirmed: user.confirmedAt !== null,
    };
  }
}
