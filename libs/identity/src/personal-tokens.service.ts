import { createHash, randomBytes } from 'node:crypto';

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, IsNull } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

import { PersonalTokenEntity } from './personal-token.entity';
import { UserEntity } from './user.entity';

export const TOKEN_PREFIX = 'plz_';
export const MAX_ACTIVE_TOKENS = 10;
/** Days a token may live; 0 means it never expires. */
export const TOKEN_LIFETIMES = [30, 90, 365, 0] as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class TooManyTokensError extends ConflictException {
  constructor() {
    super(`You can have at most ${MAX_ACTIVE_TOKENS} active tokens. Revoke one first.`);
  }
}

/** Per-person API tokens: created (shown once), listed, revoked; resolved on API requests. */
@Injectable()
export class PersonalTokensService {
  constructor(private readonly tenantDb: TenantDb) {}

  async list(userId: string): Promise<PersonalTokenEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(PersonalTokenEntity, {
        where: { userId, revokedAt: IsNull() },
        order: { createdAt: 'DESC' },
      }),
    );
  }

  /** The new token in clear, once; only its hash is kept. */
  async create(
    userId: string,
    name: string,
    days: number,
    now = new Date(),
  ): Promise<{ token: string; entity: PersonalTokenEntity }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.tenantDb.run(async (em) => {
      // Serializes one person's creations so the limit holds under concurrency.
      await em.query('select pg_advisory_xact_lock(hashtext($1))', [`personal-tokens:${userId}`]);
      const active = await em
        .createQueryBuilder(PersonalTokenEntity, 't')
        .where('t.user_id = :userId and t.revoked_at is null', { userId })
        .andWhere('(t.expires_at is null or t.expires_at > :now)', { now })
        .getCount();
      if (active >= MAX_ACTIVE_TOKENS) throw new TooManyTokensError();
      const entity = await em.save(
        em.create(PersonalTokenEntity, {
          userId,
          name,
          tokenHash: hashToken(token),
          prefix: token.slice(0, 10),
          expiresAt: days > 0 ? new Date(now.getTime() + days * 86_400_000) : null,
        }),
      );
      return { token, entity };
    });
  }

  async revoke(userId: string, id: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const result = await em.update(
        PersonalTokenEntity,
        { id, userId, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (!result.affected) throw new NotFoundException('This token does not exist.');
    });
  }
}

/**
 * The person a bearer token stands for in this tenant's schema, or null when the
 * token is unknown, revoked, expired, or its account is blocked or deleted. Marks it used.
 */
export async function personOfToken(
  em: EntityManager,
  token: string,
  now = new Date(),
): Promise<{ user: UserEntity; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await em.findOne(PersonalTokenEntity, {
    where: { tokenHash: hashToken(token), revokedAt: IsNull() },
    relations: { user: true },
  });
  if (!row?.user || (row.expiresAt && row.expiresAt <= now)) return null;
  if (row.user.blockedAt || row.user.deletedAt) return null;
  // A minute's precision is enough, and spares a write on every request of a busy client.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await em.update(PersonalTokenEntity, { id: row.id }, { lastUsedAt: now });
  return { user: row.user, tokenId: row.id };
}
