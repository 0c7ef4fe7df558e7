import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';

import { toString as qrSvg } from 'qrcode';

import { SecretBox } from '@plaza/core';
import { PlatformDb } from '@plaza/tenancy';

import { ConsoleUserEntity } from './console-user.entity';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUrl } from './totp';

const ISSUER = 'Plaza console';

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as an SVG QR code, for authenticator apps to scan. */
  qrSvg: string;
}

/** Second factor of console users: enrolment, checks at sign-in, recovery codes. */
@Injectable()
export class ConsoleTotpService {
  /** Tests move time; production reads the clock. */
  now: () => number = () => Date.now();

  constructor(
    private readonly platformDb: PlatformDb,
    private readonly box: SecretBox,
  ) {}

  /** A new secret, pending until a first code confirms it. */
  async start(user: ConsoleUserEntity): Promise<TotpEnrolment> {
    if (user.totpEnabledAt) {
      throw new ConflictException(
        'Two-step sign-in is already on; turn it off first to start again.',
      );
    }
    const secret = newTotpSecret();
    await this.platformDb.manager.update(
      ConsoleUserEntity,
      { id: user.id },
      { totpSecretSealed: this.box.encrypt(secret), totpLastStep: null },
    );
    return enrolmentOf(secret, user.email);
  }

  /** The enrolment in progress (after a mistyped code), or a new one. */
  async resume(user: ConsoleUserEntity): Promise<TotpEnrolment> {
    if (user.totpEnabledAt || !user.totpSecretSealed) return this.start(user);
    return enrolmentOf(this.box.decrypt(user.totpSecretSealed), user.email);
  }

  /** Turns the second factor on with a first valid code; answers the recovery codes, once. */
  async confirm(user: ConsoleUserEntity, code: string): Promise<string[]> {
    if (user.totpEnabledAt) throw new ConflictException('Two-step sign-in is already on.');
    if (!user.totpSecretSealed) {
      throw new ConflictException('Start the set-up first: no authenticator is being added.');
    }
    const step = matchTotp(this.box.decrypt(user.totpSecretSealed), code.trim(), this.now(), null);
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    await this.platformDb.manager.update(
      ConsoleUserEntity,
      { id: user.id },
      {
        totpEnabledAt: new Date(this.now()),
        totpLastStep: step,
        recoveryCodeHashes: codes.map(hashRecoveryCode),
      },
    );
    return codes;
  }

  async disable(user: ConsoleUserEntity, code: string): Promise<void> {
    if (!user.totpEnabledAt) throw new ConflictException('Two-step sign-in is not on.');
    if (!(await this.check(user, code))) throw wrongCode();
    await this.platformDb.manager.update(
      ConsoleUserEntity,
      { id: user.id },
      { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] },
    );
  }

  /** Whether `code` is a current TOTP code or an unused recovery code (then spent). */
  async check(user: ConsoleUserEntity, code: string): Promise<boolean> {
    if (!user.totpEnabledAt || !user.totpSecretSealed) return true;
    const given = code.trim();
    const step = matchTotp(
      this.box.decrypt(user.totpSecretSealed),
      given,
      this.now(),
      user.totpLastStep,
    );
    if (step !== null) {
      // Conditional update: two requests with the same code cannot both pass.
      const result = await this.platformDb.query<unknown>(
        `update platform.console_users set totp_last_step = $2
          where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
        [user.id, step],
      );
      return rowsOf(result) > 0;
    }
    const hash = hashRecoveryCode(given);
    if (!user.recoveryCodeHashes.includes(hash)) return false;
    const result = await this.platformDb.query<unknown>(
      `update platform.console_users set recovery_code_hashes = recovery_code_hashes - $2::text
        where id = $1 and recovery_code_hashes ? $2::text returning id`,
      [user.id, hash],
    );
    return rowsOf(result) > 0;
  }
}

async function enrolmentOf(secret: string, email: string): Promise<TotpEnrolment> {
  const url = otpauthUrl(secret, email, ISSUER);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url, { type: 'svg', margin: 2 }) };
}

function wrongCode(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    message: 'The code is not correct.',
    fields: { code: ['Enter the 6-digit code your authenticator app shows now.'] },
  });
}

/** `query` answers `[rows, count]` for UPDATE … RETURNING in TypeORM's pg driver. */
function rowsOf(result: unknown[]): number {
  const first = result[0];
  return Array.isArray(first) ? first.length : result.length;
}
