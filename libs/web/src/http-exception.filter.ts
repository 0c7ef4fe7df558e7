import './web-errors.messages';

import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { toErrorBody } from '@plaza/core';
import { PlanLimitException } from '@plaza/tenancy';

import { SeeOtherException, SignInRequiredException } from './auth.guards';
import { translateErrorFields, translateErrorMessage } from './error-translations';
import { wantsJson } from './host-routing';
import { platformMessages } from './messages';
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
    const t = platformMessages(locale);
    const [title, text] =
      body.statusCode === 404
        ? [t.notFoundTitle, t.notFoundBody]
        : body.statusCode >= 500
          ? [t.errorTitle, t.errorBody]
          : exception instanceof PlanLimitException
            ? [planT(locale, 'title'), body.message]
            : [t.badRequestTitle, body.message];
    const siteName = state?.resolution.kind === 'tenant' ? state.resolution.tenant.name : undefined;
    void reply
      .type('text/html; charset=utf-8')
      .send(
        renderStatusPage({ lang: locale, nonce: state?.nonce ?? '', title, body: text, siteName }),
      );
  }
}
