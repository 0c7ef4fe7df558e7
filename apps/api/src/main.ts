import 'reflect-metadata';

import { createLogger, loadConfigOrExit, publicUrl } from '@plaza/core';

import { createApiApp } from './api.app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'plaza-api');
  const app = await createApiApp(config, logger);
  await app.listen(config.port, config.host);
  logger.info(
    { console: publicUrl(config, config.consoleHost) },
    `Plaza API listening on ${config.host}:${config.port}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Plaza API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
