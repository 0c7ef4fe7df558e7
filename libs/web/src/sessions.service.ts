import '@fastify/cookie';

import { timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { stateOf } from './request-context';
import { LoadedSession, SessionStore } from './session.store';

export const TENANT_SESSION_COOKIE = 'plaza_session';
export const CONSOLE_SESSION_COOKIE = 'plaza_console_session';

type WithSession = FastifyRequest & { plazaSession?: LoadedSession | null };

/**
 * Sessions as a request sees them: the cookie and namespace follow from the
 * host (a tenant's site or the console). Cookies are host-only (no Domain),
 * HttpOnly, SameSite=Lax, Secure outside development.
 */
@Injectable()
export class Sessions {
  constructor(
    readonly store: SessionStore,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  namespaceOf(request: FastifyRequest): string | null {
    const resolution = stateOf(request)?.resolution;
    if (resolution?.kind === 'tenant') return `tenant:${resolution.tenant.id}`;
    if (resolution?.kind === 'console') return 'console';
    return null;
  }

  cookieNameOf(request: FastifyRequest): string {
    return stateOf(request)?.resolution.kind === 'console'
      ? CONSOLE_SESSION_COOKIE
      : TENANT_SESSION_COOKIE;
  }

  /** The request's session, loaded once per request. */
  async current(request: FastifyRequest): Promise<LoadedSession | null> {
    const r = request as WithSession;
    if (r.plazaSession !== undefined) return r.plazaSession;
    const namespace = this.namespaceOf(request);
    const id = request.cookies?.[this.cookieNameOf(request)];
    r.plazaSession = namespace ? await this.store.load(namespace, id) : null;
    return r.plazaSession;
  }

  /** A session even for visitors (forms need a CSRF token before sign-in). */
  async ensure(request: FastifyRequest, reply: FastifyReply): Promise<LoadedSession> {
    const existing = await this.current(request);
    if (existing) return existing;
    const namespace = this.requireNamespace(request);
    const session = await this.store.create(namespace, null);
    this.setCookie(request, reply, session.id);
    (request as WithSession).plazaSession = session;
    return session;
  }

  /** Signs a person in: always a fresh session id (no fixation). */
  async signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    values: LoadedSession['values'] = {},
  ): Promise<LoadedSession> {
    const namespace = this.requireNamespace(request);
    const previous = await this.current(request);
    if (previous) await this.store.destroy(namespace, previous.id);
    const session = await this.store.create(namespace, userId, values);
    this.setCookie(request, reply, session.id);
    (request as WithSession).plazaSession = session;
    return session;
  }

  /** New id for the same session, e.g. after a privilege change. */
  async rotate(request: FastifyRequest, reply: FastifyReply): Promise<LoadedSession | null> {
    const current = await this.current(request);
    if (!current) return null;
    const session = await this.store.rotate(current);
    this.setCookie(request, reply, session.id);
    (request as WithSession).plazaSession = session;
    return session;
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const current = await this.current(request);
    if (current) await this.store.destroy(current.namespace, current.id);
    (request as WithSession).plazaSession = null;
    reply.clearCookie(this.cookieNameOf(request), { path: '/' });
  }

  /** Whether `token` is this session's CSRF token (constant-time). */
  async csrfValid(request: FastifyRequest, token: unknown): Promise<boolean> {
    const session = await this.current(request);
    if (!session || typeof token !== 'string' || token.length !== session.csrfToken.length)
      return false;
    return timingSafeEqual(Buffer.from(token), Buffer.from(session.csrfToken));
  }

  private requireNamespace(request: FastifyRequest): string {
    const namespace = this.namespaceOf(request);
    if (!namespace) throw new Error('Sessions exist only on a tenant site or the console');
    return namespace;
  }

  private setCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
    reply.setCookie(this.cookieNameOf(request), id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge: this.config.sessionAbsoluteSeconds,
    });
  }
}
