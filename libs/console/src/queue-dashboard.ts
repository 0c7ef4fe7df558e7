import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';

import { createRedis, PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { MAIL_QUEUE } from '@plaza/mail';
import { PROVISIONING_QUEUE } from '@plaza/tenancy';
import { stateOf } from '@plaza/web';

import { ConsolePrincipals, roleAtLeast } from './console-principal';
import { CONSOLE_MAINTENANCE_QUEUE } from './tenant-purge.job';
import { USAGE_QUEUE } from './usage.job';

export const QUEUE_DASHBOARD_PATH = '/queues';

const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const QUEUE_NAMES = [PROVISIONING_QUEUE, MAIL_QUEUE, CONSOLE_MAINTENANCE_QUEUE, USAGE_QUEUE];

/**
 * bull-board on the console host, for owners and operators only. Its routes
 * are plain Fastify routes (not Nest), so this guards them with its own hook:
 * console host, a signed-in operator or owner, and same-origin writes.
 */
@Injectable()
export class QueueDashboard implements OnModuleDestroy {
  private readonly connection: Redis;
  private readonly queues: Queue[];

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly principals: ConsolePrincipals,
  ) {
    this.connection = createRedis(config.redisUrl, 'plaza-queue-dashboard');
    this.queues = QUEUE_NAMES.map(
      (name) => new Queue(name, { connection: this.connection, prefix: config.queuePrefix }),
    );
  }

  /** Called by the API's composition root before the app starts listening. */
  async register(app: FastifyInstance): Promise<void> {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Plaza queues' } },
    });
    const guard = (request: FastifyRequest, reply: FastifyReply) => this.guard(request, reply);
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', guard);
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }

  private async guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (stateOf(request)?.resolution.kind !== 'console') {
      return void reply.code(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: 'There is nothing at this address.',
      });
    }
    const principal = await this.principals.of(request);
    if (!principal) {
      if (request.method === 'GET' && !request.url.includes('/api/')) {
        return void reply.redirect(`/login?back=${encodeURIComponent(request.url)}`, 303);
      }
      return void reply.code(401).send({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'You need to sign in to the console to do this.',
      });
    }
    if (!roleAtLeast(principal.user.role, 'operator')) {
      return void reply.code(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: 'The queue dashboard is for operators and owners.',
      });
    }
    // bull-board's React UI sets inline styles; scripts stay 'self' only.
    reply.header('content-security-policy', DASHBOARD_CSP);
    // The dashboard's own writes cannot carry a CSRF token: accept them only from the console itself.
    if (!['GET', 'HEAD'].includes(request.method) && principal.via === 'session') {
      const origin = request.headers.origin;
      if (origin !== publicUrl(this.config, this.config.consoleHost, '').replace(/\/$/, '')) {
        return void reply.code(403).send({
          statusCode: 403,
          error: 'Forbidden',
          message: 'This request did not come from the console.',
        });
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.queues.map((q) => q.close()));
    await this.connection.quit();
  }
}
