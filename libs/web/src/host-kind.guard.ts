import {
  CanActivate,
  ExecutionContext,
  Injectable,
  NotFoundException,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { FastifyRequest } from 'fastify';

import { stateOf } from './request-context';

export type HostKind = 'console' | 'tenant' | 'any';
export const HOST_KIND = 'plaza:host-kind';

/** Declares which hosts a controller or route answers on. Every route must say. */
export const OnHost = (kind: HostKind) => SetMetadata(HOST_KIND, kind);

/**
 * Routes answer only on the host kind they declare; elsewhere they do not
 * exist (404). A route that declares nothing answers nowhere.
 */
@Injectable()
export class HostKindGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const kind = this.reflector.getAllAndOverride<HostKind | undefined>(HOST_KIND, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (kind === 'any') return true;
    const state = stateOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (kind && state && state.resolution.kind === kind) return true;
    throw new NotFoundException('There is nothing at this address.');
  }
}
