import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

/** Server-side session state; the browser only holds an opaque id. */
export interface SessionRecord {
  /** `console` or `tenant:<tenantId>`: a session never crosses namespaces. */
  namespace: string;
  userId: string | null;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Small per-session values (pending second factor, flash messages…). */
  values: Record<string, string | number | boolean | null>;
}

export interface LoadedSession extends SessionRecord {
  id: string;
}

const KEY = 'plaza:session';
const USER_INDEX = 'plaza:session-user';

function digest(id: string): string {
  // Redis keeps a hash of the id, so a copy of Redis holds no usable session ids.
  return createHash('sha256').update(id).digest('base64url');
}

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Sessions in Redis, namespaced by tenant (or the console), with idle and
 * absolute timeouts, rotation and "sign out everywhere".
 */
@Injectable()
export class SessionStore implements OnModuleDestroy {
  private readonly redis: Redis;
  /** Tests move time forward; production reads the clock. */
  now: () => number = () => Date.now();

  constructor(@Inject(PLAZA_CONFIG) private readonly config: PlazaConfig) {
    this.redis = createRedis(config.redisUrl, 'plaza-sessions');
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit();
  }

  async create(
    namespace: string,
    userId: string | null,
    values: SessionRecord['values'] = {},
  ): Promise<LoadedSession> {
    const id = newToken();
    const now = this.now();
    const record: SessionRecord = {
      namespace,
      userId,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      values,
    };
    await this.write(id, record);
    if (userId) {
      await this.redis
        .multi()
        .sadd(`${USER_INDEX}:${namespace}:${userId}`, digest(id))
        .expire(`${USER_INDEX}:${namespace}:${userId}`, this.config.sessionAbsoluteSeconds)
        .exec();
    }
    return { id, ...record };
  }

  /** The live session for this id in this namespace, touched; null when absent, expired or foreign. */
  async load(namespace: string, id: string | undefined): Promise<LoadedSession | null> {
    if (!id || id.length > 100) return null;
    const raw = await this.redis.get(`${KEY}:${namespace}:${digest(id)}`);
    if (!raw) return null;
    const record = JSON.parse(raw) as SessionRecord;
    const now = this.now();
    if (
      record.namespace !== namespace ||
      now - record.lastSeenAt > this.config.sessionIdleSeconds * 1000 ||
      now - record.createdAt > this.config.sessionAbsoluteSeconds * 1000
    ) {
      await this.destroy(namespace, id);
      return null;
    }
    record.lastSeenAt = now;
    await this.write(id, record);
    return { id, ...record };
  }

  async save(session: LoadedSession): Promise<void> {
    const { id, ...record } = session;
    await this.write(id, record);
  }

  /** New id (and CSRF token) for the same person: at sign-in and privilege changes. */
  async rotate(
    session: LoadedSession,
    userId: string | null = session.userId,
  ): Promise<LoadedSession> {
    await this.destroy(session.namespace, session.id);
    return this.create(session.namespace, userId, session.values);
  }

  async destroy(namespace: string, id: string): Promise<void> {
    const key = `${KEY}:${namespace}:${digest(id)}`;
    const raw = await this.redis.get(key);
    await this.redis.del(key);
    if (raw) {
      const record = JSON.parse(raw) as SessionRecord;
      if (record.userId)
        await this.redis.srem(`${USER_INDEX}:${namespace}:${record.userId}`, digest(id));
    }
  }

  /** Ends every session of a person in a namespace, except optionally the current one. */
  async destroyAllForUser(namespace: string, userId: string, exceptId?: string): Promise<number> {
    const indexKey = `${USER_INDEX}:${namespace}:${userId}`;
    const digests = await this.redis.smembers(indexKey);
    const keep = exceptId ? digest(exceptId) : undefined;
    const doomed = digests.filter((d) => d !== keep);
    if (doomed.length) {
      await this.redis
        .multi()
        .del(...doomed.map((d) => `${KEY}:${namespace}:${d}`))
        .srem(indexKey, ...doomed)
        .exec();
    }
    return doomed.length;
  }

  private async write(id: string, record: SessionRecord): Promise<void> {
    const remainingAbsolute =
      record.createdAt + this.config.sessionAbsoluteSeconds * 1000 - this.now();
    const ttl = Math.max(
      1,
      Math.ceil(Math.min(this.config.sessionIdleSeconds * 1000, remainingAbsolute) / 1000),
    );
    await this.redis.set(
      `${KEY}:${record.namespace}:${digest(id)}`,
      JSON.stringify(record),
      'EX',
      ttl,
    );
  }
}
