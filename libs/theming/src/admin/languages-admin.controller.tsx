import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SUPPORTED_LOCALES } from '@plaza/core';
import { TenantContext, TenantRegistry } from '@plaza/tenancy';
import {
  AdminLayout,
  adminT,
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  formString,
  LOCALE_NAMES,
  OnHost,
  renderPage,
  RequireAdmin,
  SelectField,
  submitForm,
} from '@plaza/web';

import { themingT } from '../theming.messages';
import { AdminPage } from './admin-page';

/** Values of a repeated checkbox: a string when one is ticked, an array when several are. */
function formList(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** /admin/languages: which of the supported languages the site offers, and its default. */
@Controller('admin/languages')
@OnHost('tenant')
@RequireAdmin()
export class LanguagesAdminController {
  constructor(
    private readonly adminPage: AdminPage,
    private readonly registry: TenantRegistry,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const tenant = TenantContext.current();
    await this.render(request, reply, [...tenant.locales], tenant.defaultLocale, {}, saved === '1');
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const { site } = await this.adminPage.of(request);
    await submitForm(reply, {
      read: (errors) => {
        const locales = formList(body, 'locales').filter((l) =>
          (SUPPORTED_LOCALES as readonly string[]).includes(l),
        );
        const defaultLocale = formString(body, 'defaultLocale');
        if (locales.length === 0) errors.locales = [themingT(site.locale, 'languages.noneChosen')];
        else if (!locales.includes(defaultLocale))
          errors.defaultLocale = [themingT(site.locale, 'languages.defaultNotAvailable')];
        return { locales, defaultLocale };
      },
      save: async ({ locales, defaultLocale }) => {
        await this.registry.setLocales(tenant.id, locales, defaultLocale);
        return '/admin/languages?saved=1';
      },
      render: ({ locales, defaultLocale }, errors, status) =>
        this.render(request, reply, locales, defaultLocale, errors, false, status),
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    locales: string[],
    defaultLocale: string,
    errors: FieldErrors,
    saved: boolean,
    status = 200,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const t = (key: Parameters<typeof themingT>[1]) => themingT(site.locale, key);
    const title = t('section.languages');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        {saved && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        <p>{t('languages.hint')}</p>
        <form method="post" action="/admin/languages" noValidate>
          <CsrfField token={site.csrfToken} />
          <ChoiceGroup
            name="locales"
            legend={t('languages.available')}
            type="checkbox"
            options={SUPPORTED_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
            selected={locales}
            optionId={(l) => `locale-${l}`}
            errors={errors}
          />
          <SelectField
            name="defaultLocale"
            label={t('languages.default')}
            value={defaultLocale}
            errors={errors}
            options={SUPPORTED_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          />
          <p>
            <button type="submit" class="button">
              {t('languages.save')}
            </button>
          </p>
        </form>
      </AdminLayout>,
    );
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }
}
