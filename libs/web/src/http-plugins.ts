import fastifyCookie from '@fastify/cookie';
import fastifyMultipart, { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

import { PlazaConfig } from '@plaza/core';
import { HostResolver } from '@plaza/tenancy';

import { registerHostRouting, registerTenantContext } from './host-routing';
import { MULTIPART_MAX_FILE_BYTES, UploadedFile } from './uploaded-file';

/**
 * Fastify plugins every Plaza HTTP server needs: cookies, multipart forms, then
 * host routing and the tenant context of tenant routes (Nest parses urlencoded forms).
 */
export async function registerHttpPlugins(
  app: FastifyInstance,
  resolver: HostResolver,
  config: PlazaConfig,
): Promise<void> {
  await app.register(fastifyCookie);
  // Multipart fields land in request.body as plain values, so the CSRF guard and
  // forms read them as they read urlencoded ones; files arrive as UploadedFile.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MULTIPART_MAX_FILE_BYTES, files: 10, fields: 200, fieldSize: 1024 * 1024 },
    throwFileSizeLimit: false,
    onFile: async (part: MultipartFile) => {
      const data = await part.toBuffer();
      const file: UploadedFile = {
        kind: 'file',
        filename: part.filename,
        data,
        truncated: part.file.truncated,
      };
      (part as MultipartFile & { value: unknown }).value = file;
    },
  });
  registerHostRouting(app, resolver, config);
  registerTenantContext(app);
}
