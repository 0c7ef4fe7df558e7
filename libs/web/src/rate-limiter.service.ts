import { HttpException, HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { LocalizedMessage } from './localized-exception';
import { platformT } from './messages';

export class TooManyAttemptsException extends HttpException implements LocalizedMessage {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many attempts. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  messageIn(locale: string): string {
    return platformT(locale, 'tooManyBody', {
      wait: describeWait(this.retryAfterSeconds, locale),
    });
  }
}

function describeWait(seconds: number, locale = 'en'): string {
  if (seconds < 90)
    return locale === 'en' && seconds === 1
      ? '1 second'
      : platformT(locale, 'seconds', { count: String(seconds) });
  return platformT(locale, 'minutes', { count: String(Math.ceil(seconds / 60)) });
}

export interface Limit {
  /** What is limited and for whom, e.g. `sign-in:ip:<tenant>:<ip>`. */
  key: string;
  max: number;
  windowSeconds: number;
}

const PREFIX = 'plaza:rate';

/**
 * Counting limits in Redis (shared by every replica) and progressive backoff:
 * each failure past the free ones doubles the lock, up to a ceiling.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(PLAZA_CONFIG) config: PlazaConfig) {
    this.redis = createRedis(config.redisUrl, 'plaza-rate-limiter');
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit();
  }

  /** Counts one hit; throws 429 with Retry-After once `max` is passed in the window. */
  async hit(limit: Limit): Promise<void> {
    const key = `${PREFIX}:hit:${limit.key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).ttl(key).exec()) as [
      [unknown, number],
      [unknown, number],
    ];
    if (ttl < 0) await this.redis.expire(key, limit.windowSeconds);
    if (count > limit.max) throw new TooManyAttemptsException(ttl > 0 ? ttl : limit.windowSeconds);
  }

  /** Throws 429 while `key` is locked by earlier failures. */
  async assertNotLocked(key: string): Promise<void> {
    const ttl = await this.redis.pttl(`${PREFIX}:lock:${key}`);
    if (ttl > 0) throw new TooManyAttemptsException(Math.ceil(ttl / 1000));
  }

  /**
   * Records a failure. After `free` failures within a day, locks the key for
   * 2, 4, 8… seconds, at most `maxLockSeconds`. Returns the lock length.
   */
  async failure(key: string, free = 5, maxLockSeconds = 15 * 60): Promise<number> {
    const countKey = `${PREFIX}:fail:${key}`;
    const count = await this.redis.incr(countKey);
    if (count === 1) await this.redis.expire(countKey, 24 * 3600);
    if (count <= free) return 0;
    const lock = Math.min(maxLockSeconds, 2 ** Math.min(30, count - free));
    await this.redis.set(`${PREFIX}:lock:${key}`, '1', 'EX', lock);
    return lock;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`${PREFIX}:fail:${key}`, `${PREFIX}:lock:${key}`);
  }
}
