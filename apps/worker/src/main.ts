import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { createLogger, loadConfigOrExit, PinoNestLogger } from '@plaza/core';

import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ admin: true });
  const logger = createLogger(config.logLevel, 'plaza-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  logger.info('Plaza worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Plaza worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
