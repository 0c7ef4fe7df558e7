import { HttpException, HttpStatus } from '@nestjs/common';

import { BillingConsoleKey, billingConsoleT } from './billing-console.messages';

/**
 * A refusal people can fix, told in English to the API and in the reader's
 * language on console pages; `field` puts it next to the form field (400 with
 * field errors), otherwise it is a conflict or an unknown thing.
 */
export class BillingProblem extends HttpException {
  readonly fields?: Record<string, string[]>;

  constructor(
    status: HttpStatus.BAD_REQUEST | HttpStatus.CONFLICT | HttpStatus.NOT_FOUND,
    readonly key: BillingConsoleKey,
    readonly params: Record<string, string> = {},
    readonly field?: string,
  ) {
    const message = billingConsoleT('en', key, params);
    super(message, status);
    if (field) this.fields = { [field]: [message] };
  }

  static field(field: string, key: BillingConsoleKey, params: Record<string, string> = {}) {
    return new BillingProblem(HttpStatus.BAD_REQUEST, key, params, field);
  }

  static conflict(key: BillingConsoleKey, params: Record<string, string> = {}) {
    return new BillingProblem(HttpStatus.CONFLICT, key, params);
  }

  static notFound(key: BillingConsoleKey, params: Record<string, string> = {}) {
    return new BillingProblem(HttpStatus.NOT_FOUND, key, params);
  }

  in(locale: string): string {
    return billingConsoleT(locale, this.key, this.params);
  }
}
