import type { FastifyRequest } from 'fastify';

/** The signed-in person of a tenant site, as the accounts feature resolved them. */
export interface CurrentUser {
  id: string;
  name: string;
  nickname: string;
  email: string;
  locale: string | null;
  roles: readonly string[];
  confirmed: boolean;
}

type WithUser = FastifyRequest & { plazaUser?: CurrentUser | null };

export function setCurrentUser(request: FastifyRequest, user: CurrentUser | null): void {
  (request as WithUser).plazaUser = user;
}

/** Null for visitors; undefined never escapes (the accounts interceptor always sets it on tenant routes). */
export function currentUserOf(request: FastifyRequest): CurrentUser | null {
  return (request as WithUser).plazaUser ?? null;
}
