import { Inject, Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

/** The signed-in person of a tenant site, as the accounts feature resolves them. */
export interface CurrentUser {
  id: string;
  name: string;
  nickname: string;
  email: string;
  locale: string | null;
  roles: readonly string[];
  confirmed: boolean;
  /** A signed URL of the person's avatar (small square), when they have one. */
  avatarUrl?: string | null;
}

/** Implemented by the accounts feature (libs/identity): session → person. */
export interface CurrentUserResolver {
  resolve(request: FastifyRequest): Promise<CurrentUser | null>;
}

export const CURRENT_USER_RESOLVER = Symbol('CURRENT_USER_RESOLVER');

type WithUser = FastifyRequest & { plazaUser?: CurrentUser | null };

/** Who is signed in on this request, resolved once and remembered on the request. */
@Injectable()
export class CurrentUsers {
  constructor(@Inject(CURRENT_USER_RESOLVER) private readonly resolver: CurrentUserResolver) {}

  async of(request: FastifyRequest): Promise<CurrentUser | null> {
    const r = request as WithUser;
    // The resolver takes the tenant from the request's host: guards run before the
    // interceptor that enters TenantContext.
    if (r.plazaUser === undefined) r.plazaUser = await this.resolver.resolve(request);
    return r.plazaUser;
  }

  /** Forget the remembered person (after sign-in, sign-out or a role change in this request). */
  forget(request: FastifyRequest): void {
    (request as WithUser).plazaUser = undefined;
  }
}
