import { Injectable, UnauthorizedException } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { hashPassword, verifyPassword } from '@plaza/core';
import { PlatformDb } from '@plaza/tenancy';
import { LoadedSession, RateLimiter, Sessions } from '@plaza/web';

import { AuditLog } from './audit.service';
import { ConsoleTotpService } from './console-totp.service';
import { ConsoleUserEntity } from './console-user.entity';

export class ConsoleSignInFailedException extends UnauthorizedException {
  constructor() {
    // Same words whether the email exists or not.
    super('The email or password is not correct.');
  }
}

/** The password was right; the second factor is still needed. */
export class SecondFactorRequiredException extends UnauthorizedException {
  constructor() {
    super('Enter the 6-digit code from your authenticator app, or one of your recovery codes.');
  }
}

export class SecondFactorFailedException extends UnauthorizedException {
  constructor() {
    super('The authentication code is not correct.');
  }
}

/** Per IP: generous, since offices share addresses; per account: strict with backoff. */
const IP_WINDOW = { max: 60, windowSeconds: 15 * 60 };
const IP_FREE_FAILURES = 20;
const ACCOUNT_FREE_FAILURES = 5;

/** Console sign-in and sign-out, rate-limited, audited. */
@Injectable()
export class ConsoleAuthService {
  /** Verified against when the email is unknown, so both cases take as long. */
  private readonly decoy: Promise<string> = hashPassword('plaza-decoy-password-never-matches');

  constructor(
    private readonly platformDb: PlatformDb,
    private readonly sessions: Sessions,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
    private readonly totp: ConsoleTotpService,
  ) {}

  async signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    credentials: { email: string; password: string; totp?: string },
  ): Promise<LoadedSession> {
    const email = credentials.email.trim().toLowerCase();
    const ipKey = `console-sign-in:ip:${request.ip}`;
    const accountKey = `console-sign-in:account:${email}`;
    await this.limiter.hit({ key: ipKey, ...IP_WINDOW });
    await this.limiter.assertNotLocked(ipKey);
    await this.limiter.assertNotLocked(accountKey);

    const user = await this.platformDb.manager.findOne(ConsoleUserEntity, { where: { email } });
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoy), credentials.password);
    if (!user || !ok) {
      await this.limiter.failure(accountKey, ACCOUNT_FREE_FAILURES);
      await this.limiter.failure(ipKey, IP_FREE_FAILURES);
      await this.audit.record(
        { principal: null, request },
        { action: 'session.failed', after: { email } },
      );
      throw new ConsoleSignInFailedException();
    }
    if (user.totpEnabledAt) {
      if (!credentials.totp) throw new SecondFactorRequiredException();
      if (!(await this.totp.check(user, credentials.totp))) {
        await this.limiter.failure(accountKey, ACCOUNT_FREE_FAILURES);
        await this.audit.record(
          { principal: null, request },
          { action: 'session.failed', after: { email, secondFactor: true } },
        );
        throw new SecondFactorFailedException();
      }
    }
    await this.limiter.reset(accountKey);
    const session = await this.sessions.signIn(request, reply, user.id);
    await this.audit.record(
      { principal: { user, via: 'session' }, request },
      { action: 'session.create' },
    );
    return session;
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(request, reply);
  }
}
