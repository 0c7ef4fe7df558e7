import '@fastify/cookie';

import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';

import { LocalizedMessage } from './localized-exception';
import { platformT } from './messages';
import { Sessions } from './sessions.service';

export const SKIP_CSRF = 'plaza:skip-csrf';

/** For endpoints authenticated otherwise (signed webhooks). */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfException extends ForbiddenException implements LocalizedMessage {
  constructor() {
    super(platformT('en', 'csrf'));
  }

  messageIn(locale: string): string {
    return platformT(locale, 'csrf');
  }
}

/**
 * Every state-changing request that is not authenticated by a bearer token
 * must carry the session's CSRF token, as the `_csrf` form field or the
 * `x-csrf-token` header.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    if (
      this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const hasSessionCookie = !!request.cookies?.[this.sessions.cookieNameOf(request)];
    if (!hasSessionCookie && /^Bearer\s/i.test(request.headers.authorization ?? '')) return true;
    const body = request.body as Record<string, unknown> | undefined;
    const token =
      request.headers['x-csrf-token'] ??
      (body && typeof body === 'object' ? body._csrf : undefined);
    if (await this.sessions.csrfValid(request, token)) {
      if (body && typeof body === 'object') delete body._csrf;
      return true;
    }
    throw new CsrfException();
  }
}
