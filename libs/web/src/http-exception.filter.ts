import './web-errors.messages';

import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { toErrorBody } from '@plaza/core';
import { PlanLimitException } from '@plaza/tenancy';

import { SeeOtherException, SignInRequiredException } from './auth.guards';
import { translateErrorFields, translateErrorMessage } from './error-translations';
import { wantsJson } from './host-routing';
import { isLocalized } from './localized-exception';
import { PlatformMessageKey, platformMessages } from './messages';
import { planLimitMessage, planT } from './plan-limits.messages';
import { TooManyAttemptsException } from './rate-limiter.service';
import { stateOf } from './request-context';
import { renderStatusPage } from './status-page';

/** One error format: JSON `{statusCode, error, message, fields?}` for APIs, a page for people. */
@Catch()
export class PlazaExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof SignInRequiredException && !wantsJson(request)) {
      void reply.redirect(`/users/sign_in?back=${encodeURIComponent(exception.back)}`, 303);
      return;
    }
    if (exception instanceof SeeOtherException && !wantsJson(request)) {
      void reply.redirect(exception.location, 303);
      return;
    }
    const body = toErrorBody(exception);
    const state = stateOf(request);
    const locale = state?.locale ?? 'en';
    const original = body.message;
    if (exception instanceof PlanLimitException) body.message = planLimitMessage(locale, exception);
    else body.message = translateErrorMessage(locale, body.message);
    if (body.fields) body.fields = translateErrorFields(locale, body.fields);
    if (body.statusCode >= 500) {
      request.log.error({ err: exception, requestId: request.id }, 'request failed');
    }
    body.requestId = String(request.id);
    reply.code(body.statusCode);
    if (exception instanceof TooManyAttemptsException)
      reply.header('retry-after', String(exception.retryAfterSeconds));
    if (wantsJson(request)) {
      void reply.send(body);
      return;
    }
    const [title, text] =
      exception instanceof PlanLimitException
        ? [planT(locale, 'title'), body.message]
        : pageText(exception, body.statusCode, body.message, locale, body.message !== original);
    const siteName = state?.resolution.kind === 'tenant' ? state.resolution.tenant.name : undefined;
    void reply
      .type('text/html; charset=utf-8')
      .send(
        renderStatusPage({ lang: locale, nonce: state?.nonce ?? '', title, body: text, siteName }),
      );
  }
}

const TITLES: Partial<Record<number, PlatformMessageKey>> = {
  401: 'forbiddenTitle',
  403: 'forbiddenTitle',
  409: 'conflictTitle',
  413: 'tooLargeTitle',
  429: 'tooManyTitle',
};
const BODIES: Partial<Record<number, PlatformMessageKey>> = {
  401: 'forbiddenBody',
  403: 'forbiddenBody',
  409: 'conflictBody',
  413: 'tooLargeBody',
};

/**
 * What an error page says, in the page's language: the exception's own
 * sentence when it comes from a catalog (or was translated by the error
 * translations); otherwise a sentence for its status (an English literal is
 * shown only to English readers).
 */
export function pageText(
  exception: unknown,
  status: number,
  message: string,
  locale: string,
  translated: boolean,
): [string, string] {
  const t = platformMessages(locale);
  if (status >= 500) return [t.errorTitle, t.errorBody];
  const own = isLocalized(exception) ? exception.messageIn(locale) : null;
  if (status === 404) return [t.notFoundTitle, own ?? t.notFoundBody];
  const title = t[TITLES[status] ?? 'badRequestTitle'];
  if (own) return [title, own];
  return [title, locale === 'en' || translated ? message : t[BODIES[status] ?? 'badRequestBody']];
}
