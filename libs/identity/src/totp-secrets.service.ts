import { Injectable } from '@nestjs/common';

import { EntityManager, IsNull, Not } from 'typeorm';

import { SecretBox } from '@plaza/core';
import { TenantDb, TenantRef } from '@plaza/tenancy';

import { UserEntity } from './user.entity';

/**
 * A sealed secret that no longer opens (SECRETS_KEY changed or the value was
 * altered): the code cannot be checked, whatever the person types.
 */
export class TotpSecretUnreadableError extends Error {
  constructor(readonly userId: string) {
    super('two-factor secret cannot be opened with the current SECRETS_KEY');
  }
}

/** Base32 never holds a dot; sealed values always do (`v1.<iv>.<tag>.<data>`). */
const isSealed = (stored: string) => stored.includes('.');

/**
 * Participants' TOTP secrets, sealed by SecretBox (SECRETS_KEY) in the
 * database: a copy of the tables alone gives nobody's second factor away.
 * Secrets written in clear before sealing existed are still read, and sealed
 * by `sealClear` (run by `migrate`) or at their next use.
 */
@Injectable()
export class TotpSecrets {
  constructor(
    private readonly box: SecretBox,
    private readonly tenantDb: TenantDb,
  ) {}

  seal(secret: string): string {
    return this.box.encrypt(secret);
  }

  /** The base32 secret; throws when a sealed value was altered or sealed with another key. */
  open(stored: string): string {
    return isSealed(stored) ? this.box.decrypt(stored) : stored;
  }

  needsSealing(stored: string): boolean {
    return !isSealed(stored);
  }

  /** Seals every clear secret of the tenant in context; idempotent. Returns how many it sealed. */
  async sealClearIn(em: EntityManager): Promise<number> {
    const users = await em.find(UserEntity, {
      select: { id: true, totpSecret: true },
      where: { totpSecret: Not(IsNull()) },
      lock: { mode: 'pessimistic_write' },
    });
    let sealed = 0;
    for (const user of users) {
      if (!user.totpSecret || isSealed(user.totpSecret)) continue;
      await em.update(UserEntity, { id: user.id }, { totpSecret: this.seal(user.totpSecret) });
      sealed += 1;
    }
    return sealed;
  }

  async sealClear(tenant: TenantRef): Promise<number> {
    return this.tenantDb.runFor(tenant, (em) => this.sealClearIn(em));
  }
}
