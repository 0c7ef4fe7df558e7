import { randomUUID } from 'node:crypto';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { Logger } from 'pino';

import { buildOpenApiDocument, OpenApiDocument } from '@plaza/api-docs';
import { QueueDashboard } from '@plaza/console';
import { createValidationPipe, PinoNestLogger, PlazaConfig } from '@plaza/core';
import { HostResolver } from '@plaza/tenancy';
import { registerHttpPlugins } from '@plaza/web';

import { ApiModule, ModuleImport } from './api.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Builds the HTTP application; `main.ts` listens, tests use it through supertest. */
export async function createApiApp(
  config: PlazaConfig,
  logger: Logger,
  /** Tests mount probe controllers this way; production passes nothing. */
  extraImports: ModuleImport[] = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, logger, extraImports),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      bufferLogs: false,
      // Stripe signs the exact bytes it sent.
      rawBody: true,
    },
  );
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await registerHttpPlugins(app.getHttpAdapter().getInstance(), app.get(HostResolver), config);
  await app.get(QueueDashboard).register(app.getHttpAdapter().getInstance());
  await app.init();
  app.get(OpenApiDocument).set(buildOpenApiDocument(app));
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
