import '@fastify/cookie';

import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Inject } from '@nestjs/common';

import type { FastifyReply } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import { LOCALE_COOKIE, OnHost } from '@plaza/web';

import { themingNotFound } from './theming.messages';

/** The language switcher: remembers the choice in a cookie and goes back. */
@Controller('locale')
@OnHost('tenant')
export class LocaleController {
  constructor(@Inject(PLAZA_CONFIG) private readonly config: PlazaConfig) {}

  @Get(':locale')
  choose(
    @Param('locale') locale: string,
    @Query('back') back: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const tenant = TenantContext.current();
    if (!tenant.locales.includes(locale)) throw themingNotFound('error.noSuchLanguage');
    // Only same-site paths: never an open redirect.
    const target =
      back && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
    reply.setCookie(LOCALE_COOKIE, locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge: 365 * 24 * 3600,
    });
    void reply.redirect(target, 303);
  }
}
