import { randomFillSync } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

import { negotiateLocale, PlazaConfig, publicUrl, SUPPORTED_LOCALES } from '@plaza/core';
import { HostResolution, HostResolver, TenantContext } from '@plaza/tenancy';

import { platformMessages } from './messages';
import { PlazaRequest } from './request-context';
import { renderStatusPage } from './status-page';

/** Paths that answer on every host, before any tenant lookup. */
export const HOST_INDEPENDENT_PATHS = new Set(['/healthz', '/readyz']);

/** Methods that read; an archived site refuses the others. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Writes an archived site still accepts: signing out only ends a session,
 * it changes nothing of the site's data.
 */
const ARCHIVED_SITE_WRITES = new Set(['/users/sign_out']);

/** Where `/` leads on the console host. */
export const CONSOLE_HOME = '/tenants';

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'nonce-{nonce}'",
  "style-src 'self' 'nonce-{nonce}'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
const [CSP_HEAD, CSP_MIDDLE, CSP_TAIL] = CSP_DIRECTIVES.split('{nonce}');

export function contentSecurityPolicy(nonce: string): string {
  return CSP_HEAD + nonce + CSP_MIDDLE + nonce + CSP_TAIL;
}

/** Random bytes drawn from the CSPRNG 4 KiB at a time; every byte serves one nonce only. */
const nonceBytes = Buffer.alloc(4096);
let nonceOffset = nonceBytes.length;

/** 16 random bytes in base64, a fresh one for every response. */
export function newNonce(): string {
  if (nonceOffset + 16 > nonceBytes.length) {
    randomFillSync(nonceBytes);
    nonceOffset = 0;
  }
  const nonce = nonceBytes.toString('base64', nonceOffset, nonceOffset + 16);
  nonceOffset += 16;
  return nonce;
}

function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  if (path.startsWith('/api/') || path.startsWith('/webhooks/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * Resolves the Host header before routing: console, tenant, redirect to the
 * primary domain, or a status page that reads no tenant data.
 */
export function registerHostRouting(
  app: FastifyInstance,
  resolver: HostResolver,
  config: PlazaConfig,
): void {
  app.decorateRequest('plaza', undefined);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const nonce = newNonce();
    reply.header('content-security-policy', contentSecurityPolicy(nonce));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-request-id', request.id);
    const path = request.url.split('?')[0];
    if (HOST_INDEPENDENT_PATHS.has(path)) return;

    const resolution = await resolver.resolve(request.headers.host);
    const locale = pickLocale(request, resolution);
    (request as PlazaRequest).plaza = { resolution, nonce, locale };
    if (resolution.kind === 'tenant') {
      // Fastify's request logger is already this request's own child: bind, do not nest.
      (request.log as Logger).setBindings({ tenant: resolution.tenant.slug });
      if (
        resolution.tenant.status === 'archived' &&
        !READ_METHODS.has(request.method) &&
        !ARCHIVED_SITE_WRITES.has(path)
      ) {
        return refuseArchivedWrite(request, reply, locale, nonce, resolution.tenant.name);
      }
      return;
    }
    if (resolution.kind === 'console') {
      (request.log as Logger).setBindings({ console: true });
      // Routes are shared by every host and `GET /` is the tenant home page:
      // the console's front page is its list of organizations.
      if (path === '/') return reply.redirect(CONSOLE_HOME, 303);
      return;
    }
    if (resolution.kind === 'redirect') {
      return reply.redirect(publicUrl(config, resolution.host, request.url), 301);
    }
    const t = platformMessages(locale);
    const page = statusPageFor(resolution, t);
    reply.code(page.status);
    if (page.status === 503) reply.header('retry-after', '3600');
    if (wantsJson(request)) {
      return reply.send({ statusCode: page.status, error: page.error, message: page.body });
    }
    return reply.type('text/html; charset=utf-8').send(
      renderStatusPage({
        lang: locale,
        nonce,
        title: page.title,
        body: page.body,
        siteName: page.siteName,
      }),
    );
  });
}

/** An archived site is read-only: a clear 403 in the site's language, nothing changed. */
function refuseArchivedWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  locale: string,
  nonce: string,
  siteName: string,
): FastifyReply {
  const t = platformMessages(locale);
  reply.code(403);
  if (wantsJson(request)) {
    return reply.send({ statusCode: 403, error: 'Forbidden', message: t.archivedBody });
  }
  return reply.type('text/html; charset=utf-8').send(
    renderStatusPage({
      lang: locale,
      nonce,
      title: t.archivedTitle,
      body: t.archivedBody,
      siteName,
    }),
  );
}

/**
 * A tenant host's route runs in that tenant's TenantContext: guards, pipes, the handler and
 * the exception filter. Entered in the route's last hook, which calls Nest's handler
 * synchronously, so no Nest interceptor (rxjs and async resources) runs per request.
 */
export function registerTenantContext(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const resolution = (request as PlazaRequest).plaza?.resolution;
    if (resolution?.kind === 'tenant') TenantContext.run(resolution.tenant, done);
    else done();
  });
}

export const LOCALE_COOKIE = 'plaza_locale';

/** Chosen language (cookie set by the switcher), else the browser's, else the organization's default. */
function pickLocale(request: FastifyRequest, resolution: HostResolution): string {
  const header = request.headers['accept-language'];
  const chosen = (request as FastifyRequest & { cookies?: Record<string, string | undefined> })
    .cookies?.[LOCALE_COOKIE];
  if (resolution.kind === 'tenant') {
    if (chosen && resolution.tenant.locales.includes(chosen)) return chosen;
    return negotiateLocale(header, resolution.tenant.locales, resolution.tenant.defaultLocale);
  }
  if (chosen && (SUPPORTED_LOCALES as readonly string[]).includes(chosen)) return chosen;
  return negotiateLocale(header, SUPPORTED_LOCALES, 'en');
}

function statusPageFor(
  resolution: HostResolution,
  t: ReturnType<typeof platformMessages>,
): { status: number; error: string; title: string; body: string; siteName?: string } {
  if (resolution.kind === 'unavailable') {
    if (resolution.status === 410) {
      return {
        status: 410,
        error: 'Gone',
        title: t.goneTitle,
        body: t.goneBody,
        siteName: resolution.tenantName,
      };
    }
    if (resolution.reason === 'provisioning') {
      return {
        status: 503,
        error: 'Service Unavailable',
        title: t.provisioningTitle,
        body: t.provisioningBody,
        siteName: resolution.tenantName,
      };
    }
    return {
      status: 503,
      error: 'Service Unavailable',
      title: t.suspendedTitle,
      body: t.suspendedBody,
      siteName: resolution.tenantName,
    };
  }
  return { status: 404, error: 'Not Found', title: t.unknownHostTitle, body: t.unknownHostBody };
}

export { wantsJson };
