import { Controller, Get, HttpStatus, Inject, NotFoundException, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { LocalizedHttpException, OnHost, platformT } from '@plaza/web';

import {
  attachmentDisposition,
  FILE_STORAGE,
  FileNotFoundError,
  FileStorage,
} from './file-storage';
import { LOCAL_FILES_ROUTE, SignedFileQuery } from './file-url-signer';
import { LocalFileStorage } from './local-file-storage';
import { InvalidStorageKeyError, TenantKey, tenantKey } from './storage-key';

/**
 * Serves the local driver's signed URLs on the tenant's own host. The key is
 * rebuilt from the host's tenant, so a URL signed for one tenant matches no
 * signature on another tenant's host. With the S3 driver nothing is here.
 */
@Controller(LOCAL_FILES_ROUTE)
@OnHost('tenant')
export class LocalFilesController {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  @Get('*')
  async serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const storage = this.storage;
    if (!(storage instanceof LocalFileStorage)) {
      throw new NotFoundException('There is nothing at this address.');
    }
    const key = keyFromUrl(request.url);
    const check = storage.signer.verify(key, request.query as SignedFileQuery);
    if (!check.valid) {
      const key = check.reason === 'expired' ? 'fileLinkExpired' : 'fileLinkInvalid';
      throw new LocalizedHttpException(HttpStatus.FORBIDDEN, (locale) => platformT(locale, key));
    }
    let file;
    try {
      file = await storage.get(key);
    } catch (error) {
      if (error instanceof FileNotFoundError) {
        throw new NotFoundException('This file no longer exists.');
      }
      throw error;
    }
    const maxAge = Math.max(0, check.expiresAt - Math.floor(Date.now() / 1000));
    reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('cache-control', `private, max-age=${maxAge}`);
    if (check.downloadName !== undefined) {
      reply.header('content-disposition', attachmentDisposition(check.downloadName));
    }
    await reply.send(file.body);
  }
}

function keyFromUrl(url: string): TenantKey {
  const path = url.split('?')[0].slice(`/${LOCAL_FILES_ROUTE}/`.length);
  try {
    return tenantKey(...path.split('/').map(decodeURIComponent));
  } catch (error) {
    if (error instanceof InvalidStorageKeyError || error instanceof URIError) {
      throw new NotFoundException('There is nothing at this address.');
    }
    throw error;
  }
}
