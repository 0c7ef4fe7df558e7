import type { FastifyReply, FastifyRequest } from 'fastify';

import type { FieldErrors } from '@plaza/web';
import { renderPage, SiteContext } from '@plaza/web';

import type { MailSite } from './account-mails.service';
import type { FieldProblems } from './account-validation';
import { accountsT } from './accounts.messages';

/** Helpers shared by the account pages. */

export async function sendPage(
  reply: FastifyReply,
  status: number,
  page: preact.VNode,
): Promise<void> {
  await reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
}

export function fieldErrorsIn(locale: string, problems: FieldProblems): FieldErrors {
  return Object.fromEntries(
    Object.entries(problems).map(([field, key]) => [field, key && accountsT(locale, key)]),
  );
}

export function tooManyMessage(locale: string, seconds: number): string {
  return accountsT(locale, 'signIn.tooMany', {
    minutes: String(Math.max(1, Math.ceil(seconds / 60))),
  });
}

/** Links in mails go to the host the person is using (a tenant's primary host). */
export function mailSiteOf(request: FastifyRequest, site: SiteContext): MailSite {
  return { host: request.hostname, name: site.organizationName, locale: site.locale };
}

/** The sign-in lock of an address typed on a tenant (whether or not an account has it). */
export function signInLockKey(tenantId: string, email: string): string {
  return `sign-in:account:${tenantId}:${email}`;
}
