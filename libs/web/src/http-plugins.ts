import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';

import { PlazaConfig } from '@plaza/core';
import { HostResolver } from '@plaza/tenancy';

import { registerHostRouting } from './host-routing';

/** Fastify plugins every Plaza HTTP server needs: cookies, then host routing (Nest parses forms). */
export async function registerHttpPlugins(
  app: FastifyInstance,
  resolver: HostResolver,
  config: PlazaConfig,
): Promise<void> {
  await app.register(fastifyCookie);
  registerHostRouting(app, resolver, config);
}
