import { Inject, Injectable } from '@nestjs/common';

import { EntityManager, Like, Not } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { OrganizationEntity, TenantDb, TenantRef } from '@plaza/tenancy';

import { VerificationEntity } from './verification.entity';
import {
  documentHash,
  documentKey,
  KEYED_HASH_PREFIX,
  keyLegacyHash,
} from './verification-methods';

/**
 * The keyed hashes that keep "one document verifies one account" without
 * keeping the number: each organization's key is derived from SECRETS_KEY and
 * its `verification_salt`, so changing SECRETS_KEY lets an already used
 * document verify a second account.
 */
@Injectable()
export class VerificationHashes {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: Pick<PlazaConfig, 'secretsKey'>,
    private readonly tenantDb: TenantDb,
  ) {}

  /** For the tenant whose transaction `em` is. */
  async hash(em: EntityManager, method: string, normalized: string): Promise<string> {
    return documentHash(await this.key(em), method, normalized);
  }

  /**
   * Keys the bare SHA-256 hashes written before hashes were keyed (run by
   * `migrate`); idempotent. Returns how many rows it converted.
   */
  async keyLegacy(tenant: TenantRef): Promise<number> {
    return this.tenantDb.runFor(tenant, async (em) => {
      const key = await this.key(em);
      const rows = await em.find(VerificationEntity, {
        select: { id: true, uniqueHash: true },
        where: { uniqueHash: Not(Like(`${KEYED_HASH_PREFIX}%`)) },
        lock: { mode: 'pessimistic_write' },
      });
      for (const row of rows)
        await em.update(
          VerificationEntity,
          { id: row.id },
          { uniqueHash: keyLegacyHash(key, row.uniqueHash) },
        );
      return rows.length;
    });
  }

  private async key(em: EntityManager): Promise<Buffer> {
    const org = await em.findOneOrFail(OrganizationEntity, {
      where: { id: 1 },
      select: { id: true, verificationSalt: true },
    });
    return documentKey(this.config.secretsKey, org.verificationSalt);
  }
}
