import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { CurrentUsers } from './current-user';
import { wantsJson } from './host-routing';
import { LocalizedHttpException } from './localized-exception';
import { platformT } from './messages';

/** Sends people to the sign-in page and back; APIs get 401. */
export class SignInRequiredException extends HttpException {
  constructor(readonly back: string) {
    super('You need to sign in to do this.', HttpStatus.UNAUTHORIZED);
  }
}

/** Sends people to another page first (e.g. to accept new terms); APIs get the status as JSON. */
export class SeeOtherException extends HttpException {
  constructor(
    readonly location: string,
    message: string,
    status: HttpStatus = HttpStatus.FORBIDDEN,
  ) {
    super(message, status);
  }
}

@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly users: CurrentUsers) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (await this.users.of(request)) return true;
    if (wantsJson(request)) throw new UnauthorizedException('You need to sign in to do this.');
    throw new SignInRequiredException(request.url);
  }
}

/** Organization admins only (role `admin`). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly users: CurrentUsers) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = await this.users.of(request);
    if (!user) {
      if (wantsJson(request)) throw new UnauthorizedException('You need to sign in to do this.');
      throw new SignInRequiredException(request.url);
    }
    if (!user.roles.includes('admin'))
      throw new LocalizedHttpException(HttpStatus.FORBIDDEN, (locale) =>
        platformT(locale, 'adminsOnly'),
      );
    return true;
  }
}

export const RequireSignIn = () => applyDecorators(UseGuards(SignedInGuard));
export const RequireAdmin = () => applyDecorators(UseGuards(AdminGuard));
