import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UseGuards,
} from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { TenantContext } from '@plaza/tenancy';
import { CurrentUsers, SeeOtherException, SignedInGuard, stateOf } from '@plaza/web';

import { accountsT } from './accounts.messages';
import { AccountsService } from './accounts.service';

/**
 * Taking part (proposing, commenting, voting…) needs more than being signed
 * in: a confirmed address and the current terms of service accepted. Blocked
 * and deleted accounts are never signed in at all (see SessionUserResolver).
 */
@Injectable()
export class ParticipantGuard implements CanActivate {
  constructor(
    private readonly signedIn: SignedInGuard,
    private readonly users: CurrentUsers,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.signedIn.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = (await this.users.of(request))!;
    const state = stateOf(request);
    if (state?.resolution.kind !== 'tenant') return false;
    const tenant = state.resolution.tenant;
    const locale = state.locale ?? tenant.defaultLocale;
    // Guards run before the interceptor that enters the tenant's context.
    const problem = await TenantContext.run(tenant, () =>
      this.accounts.participationProblem(user.id),
    );
    if (problem === 'unconfirmed')
      throw new ForbiddenException(accountsT(locale, 'participate.unconfirmed'));
    if (problem === 'terms')
      throw new SeeOtherException(
        `/users/terms?back=${encodeURIComponent(request.url)}`,
        accountsT(locale, 'terms.required'),
      );
    return true;
  }
}

/** For routes where people take part: signed in, confirmed, current terms accepted, not blocked. */
export const RequireParticipant = () => applyDecorators(UseGuards(ParticipantGuard));
