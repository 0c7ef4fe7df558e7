import { Inject, Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { TenantContext } from '@plaza/tenancy';

import { stateOf } from './request-context';

/** The signed-in person of a tenant site, as the accounts feature resolves them. */
export interface CurrentUser {
  id: string;
  name: string;
  nickname: string;
  email: string;
  locale: string | null;
  roles: readonly string[];
  confirmed: boolean;
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
    if (r.plazaUser === undefined) {
      // Guards run before the interceptor that enters the tenant: enter it here
      // so that RequireSignIn/RequireAdmin see the person too.
      const resolution = stateOf(request)?.resolution;
      const resolve = () => this.resolver.resolve(request);
      r.plazaUser =
        resolution?.kind === 'tenant' && !TenantContext.currentOrUndefined()
          ? await TenantContext.run(resolution.tenant, resolve)
          : await resolve();
    }
    return r.plazaUser;
  }

  /** Forget the remembered person (after sign-in, sign-out or a role change in this request). */
  forget(request: FastifyRequest): void {
    (request as WithUser).plazaUser = undefined;
  }
}
