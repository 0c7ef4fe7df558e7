import { createReadStream } from 'node:fs';

import { Controller, Get, Param, Res } from '@nestjs/common';

import type { FastifyReply } from 'fastify';

import { OnHost } from '@plaza/web';

import { themingNotFound } from '../theming.messages';
import { fontFilePath } from './fonts';

/** The curated fonts, served from this site (CSP font-src 'self'; no third-party requests). */
@Controller('theme/fonts')
@OnHost('tenant')
export class FontsController {
  @Get(':font/:file')
  font(@Param('font') font: string, @Param('file') file: string, @Res() reply: FastifyReply): void {
    const weight = /^(\d{3})\.woff2$/.exec(file)?.[1];
    const path = weight ? fontFilePath(font, weight) : null;
    if (!path) throw themingNotFound('error.noSuchFont');
    void reply
      .type('font/woff2')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(path));
  }
}
