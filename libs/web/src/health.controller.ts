import { Controller, Get, Res } from '@nestjs/common';

import type { FastifyReply } from 'fastify';

import { PlatformDb, TenantEvents } from '@plaza/tenancy';

import { OnHost } from './host-kind.guard';

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
@OnHost('any')
export class HealthController {
  constructor(
    private readonly platformDb: PlatformDb,
    private readonly events: TenantEvents,
  ) {}

  /** The process is alive. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer: the process can serve. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, string>> {
    const checks: Record<string, string> = {};
    const [pg, redis] = await Promise.allSettled([
      within(2000, this.platformDb.query('select 1')),
      within(2000, this.events.redis.ping()),
    ]);
    checks.postgres =
      pg.status === 'fulfilled'
        ? 'ok'
        : `failing: ${pg.reason instanceof Error ? pg.reason.message : 'error'}`;
    checks.redis =
      redis.status === 'fulfilled'
        ? 'ok'
        : `failing: ${redis.reason instanceof Error ? redis.reason.message : 'error'}`;
    const ok = pg.status === 'fulfilled' && redis.status === 'fulfilled';
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', ...checks };
  }
}
