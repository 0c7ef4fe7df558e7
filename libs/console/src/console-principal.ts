import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';

import { PlatformDb } from '@plaza/tenancy';
import { OnHost, Sessions, wantsJson } from '@plaza/web';

import { ApiTokensService } from './api-tokens.service';
import { ConsoleRole, ConsoleUserEntity } from './console-user.entity';

/** Who acts on a console request: a signed-in console user, or one of their API tokens. */
export interface ConsolePrincipal {
  user: ConsoleUserEntity;
  via: 'session' | 'token';
  tokenId?: string;
}

const RANK: Record<ConsoleRole, number> = { viewer: 1, operator: 2, owner: 3 };

export function roleAtLeast(role: ConsoleRole, needed: ConsoleRole): boolean {
  return RANK[role] >= RANK[needed];
}

type WithPrincipal = FastifyRequest & { consolePrincipal?: ConsolePrincipal | null };

/** Resolves the console principal of a request once. */
@Injectable()
export class ConsolePrincipals {
  constructor(
    private readonly sessions: Sessions,
    private readonly tokens: ApiTokensService,
    private readonly platformDb: PlatformDb,
  ) {}

  async of(request: FastifyRequest): Promise<ConsolePrincipal | null> {
    const r = request as WithPrincipal;
    if (r.consolePrincipal === undefined) r.consolePrincipal = await this.resolve(request);
    return r.consolePrincipal;
  }

  forget(request: FastifyRequest): void {
    (request as WithPrincipal).consolePrincipal = undefined;
  }

  private async resolve(request: FastifyRequest): Promise<ConsolePrincipal | null> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (bearer) {
      const found = await this.tokens.authenticate(bearer[1]);
      return found ? { user: found.user, via: 'token', tokenId: found.tokenId } : null;
    }
    const session = await this.sessions.current(request);
    if (!session?.userId || session.values.pendingTotp) return null;
    const user = await this.platformDb.manager.findOne(ConsoleUserEntity, {
      where: { id: session.userId },
    });
    return user ? { user, via: 'session' } : null;
  }
}

/** Console pages send people to the console's sign-in page; the API answers 401. */
export class ConsoleSignInRequiredException extends HttpException {
  constructor(readonly back: string) {
    super('You need to sign in to the console to do this.', HttpStatus.UNAUTHORIZED);
  }
}

const CONSOLE_ROLE = 'plaza:console-role';

@Injectable()
export class ConsoleRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: ConsolePrincipals,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<ConsoleRole | undefined>(CONSOLE_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed) throw new Error('A console route must declare the role it needs');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.principals.of(request);
    if (!principal) {
      if (wantsJson(request)) {
        throw new UnauthorizedException(
          request.headers.authorization
            ? 'The API token is not valid, has expired or was revoked.'
            : 'You need to sign in to the console to do this.',
        );
      }
      throw new ConsoleSignInRequiredException(request.url);
    }
    if (!roleAtLeast(principal.user.role, needed)) {
      throw new ForbiddenException(
        `This needs the ${needed} role or higher; you are ${principal.user.role}.`,
      );
    }
    return true;
  }
}

/**
 * A console route for console users of at least `role` (viewer < operator <
 * owner). Declares the console host too, so no console route can forget it.
 */
export const ConsoleRoute = (role: ConsoleRole) =>
  applyDecorators(OnHost('console'), SetMetadata(CONSOLE_ROLE, role), UseGuards(ConsoleRoleGuard));

/** Raises the role a single route of a `ConsoleRoute` controller needs. */
export const MinRole = (role: ConsoleRole) => SetMetadata(CONSOLE_ROLE, role);

/** The principal the guard let in. */
export const Principal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ConsolePrincipal => {
    const request = context.switchToHttp().getRequest<WithPrincipal>();
    if (!request.consolePrincipal)
      throw new Error('Principal used on a route without ConsoleRoute');
    return request.consolePrincipal;
  },
);
