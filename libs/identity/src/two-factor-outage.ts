import { Inject, Injectable } from '@nestjs/common';

import { Logger } from 'pino';

import { PLAZA_LOGGER } from '@plaza/core';

/** How many accounts are remembered as already reported, per process. */
const REMEMBERED = 10_000;

/**
 * Tells operators, once per account and process, that a sealed two-factor
 * secret no longer opens (usually SECRETS_KEY was changed): people then see a
 * clear page instead of an error, and the log is not flooded by retries.
 */
@Injectable()
export class TwoFactorOutage {
  private readonly reported = new Set<string>();

  constructor(@Inject(PLAZA_LOGGER) private readonly logger: Logger) {}

  report(tenantId: string, userId: string): void {
    const key = `${tenantId}:${userId}`;
    if (this.reported.has(key)) return;
    if (this.reported.size >= REMEMBERED) this.reported.clear();
    this.reported.add(key);
    this.logger.error(
      { tenantId, userId },
      'two-factor secret cannot be opened with the current SECRETS_KEY (was the key changed?); the person cannot pass two-factor sign-in until the previous key is restored or their totp_secret is cleared',
    );
  }
}
