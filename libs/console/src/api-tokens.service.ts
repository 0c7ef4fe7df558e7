import { createHash, randomBytes } from 'node:crypto';

import { Injectable, NotFoundException } from '@nestjs/common';

import { IsNull } from 'typeorm';

import { PlatformDb } from '@plaza/tenancy';

import { ApiTokenEntity } from './api-token.entity';
import { ConsoleUserEntity } from './console-user.entity';

const TOKEN_PREFIX = 'plz_';
/** Last use is written at most this often, so busy scripts do not write on every call. */
const LAST_USE_RESOLUTION_MS = 60_000;

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface IssuedToken {
  token: ApiTokenEntity;
  /** The secret, shown once and never stored. */
  secret: string;
}

/** Personal API tokens: issued once, stored hashed, expiring, revocable. */
@Injectable()
export class ApiTokensService {
  constructor(private readonly platformDb: PlatformDb) {}

  async issue(userId: string, name: string, expiresAt: Date | null): Promise<IssuedToken> {
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token = await this.platformDb.manager.save(
      this.platformDb.manager.create(ApiTokenEntity, {
        userId,
        name: name.trim(),
        tokenHash: hashApiToken(secret),
        tokenPrefix: secret.slice(0, 10),
        expiresAt,
      }),
    );
    return { token, secret };
  }

  listFor(userId: string): Promise<ApiTokenEntity[]> {
    return this.platformDb.manager.find(ApiTokenEntity, {
      where: { userId },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(userId: string, id: string): Promise<ApiTokenEntity> {
    const token = await this.platformDb.manager.findOne(ApiTokenEntity, {
      where: { id, userId },
    });
    if (!token) throw new NotFoundException('There is no such token.');
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await this.platformDb.manager.update(
        ApiTokenEntity,
        { id, revokedAt: IsNull() },
        { revokedAt: token.revokedAt },
      );
    }
    return token;
  }

  /** The console user a live token belongs to, or null; records the use. */
  async authenticate(secret: string): Promise<{ user: ConsoleUserEntity; tokenId: string } | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
    const token = await this.platformDb.manager.findOne(ApiTokenEntity, {
      where: { tokenHash: hashApiToken(secret) },
      relations: { user: true },
    });
    const now = new Date();
    if (!token?.user || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USE_RESOLUTION_MS) {
      await this.platformDb.manager.update(ApiTokenEntity, { id: token.id }, { lastUsedAt: now });
    }
    return { user: token.user, tokenId: token.id };
  }
}
