import Redis, { RedisOptions } from 'ioredis';

/** One place that builds Redis connections so options stay consistent. */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    ...options,
  });
}
