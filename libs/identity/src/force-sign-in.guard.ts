import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { LOCAL_FILES_ROUTE } from '@plaza/storage';
import { CurrentUsers, SignedInGuard, stateOf } from '@plaza/web';

import { OrganizationAccess } from './organization-access';

/** What a visitor still reaches on a site that forces sign-in: the ways in, and the terms. */
const OPEN_PREFIXES = ['/users/', '/locale/', '/pages/terms', `/${LOCAL_FILES_ROUTE}/`];
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

export function openWithoutSignIn(path: string): boolean {
  return OPEN_PATHS.has(path) || OPEN_PREFIXES.some((p) => path.startsWith(p));
}

/**
 * The organization's "force sign-in to see the site" option: every other page
 * of the tenant sends visitors to the sign-in page (APIs answer 401).
 */
@Injectable()
export class ForceSignInGuard implements CanActivate {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly users: CurrentUsers,
    private readonly signedIn: SignedInGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const resolution = stateOf(request)?.resolution;
    if (resolution?.kind !== 'tenant') return true;
    // A bearer token is checked before anything reads the request (a bad one answers 401, not a
    // validation error); requests without one cost nothing more here.
    if (request.headers.authorization) await this.users.of(request);
    if (openWithoutSignIn(request.url.split('?')[0])) return true;
    if (!(await this.access.of(resolution.tenant)).forceSignIn) return true;
    if (await this.users.of(request)) return true;
    return this.signedIn.canActivate(context);
  }
}
