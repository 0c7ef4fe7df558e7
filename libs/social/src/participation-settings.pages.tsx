import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SiteContextProvider } from '@plaza/spaces';
import { OrganizationEntity, TenantDb } from '@plaza/tenancy';
import {
  AdminLayout,
  AdminSections,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  formString,
  OnHost,
  renderPage,
  RequireAdmin,
  TextField,
} from '@plaza/web';

import { COMMENT_MAX_LENGTH_CAP } from './comment-limits';
import {
  ParticipationSettingsKey,
  participationSettingsT,
} from './participation-settings.messages';

type FormBody = Record<string, unknown>;

/** /admin/participation: the organization's participation settings (comment length). */
@Controller('admin/participation')
@OnHost('tenant')
@RequireAdmin()
export class ParticipationSettingsPages {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextProvider,
    private readonly sections: AdminSections,
  ) {
    sections.add({
      href: '/admin/participation',
      order: 65,
      label: (locale) => participationSettingsT(locale, 'section'),
    });
  }

  @Get()
  async show(
    @Query('saved') saved: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const organization = await this.tenantDb.run((em) =>
      em.findOneByOrFail(OrganizationEntity, { id: 1 }),
    );
    await this.render(request, reply, HttpStatus.OK, String(organization.commentsMaxLength), {
      saved: saved === '1',
    });
  }

  @Post()
  async save(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const raw = formString(body, 'comments_max_length');
    const value = Number(raw);
    if (!/^\d{1,5}$/.test(raw) || value < 1 || value > COMMENT_MAX_LENGTH_CAP) {
      const site = await this.siteContext.build(request);
      return this.render(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, raw, {
        errors: { comments_max_length: [participationSettingsT(site.locale, 'invalid')] },
      });
    }
    await this.tenantDb.run((em) =>
      em.update(OrganizationEntity, { id: 1 }, { commentsMaxLength: value }),
    );
    return reply.redirect('/admin/participation?saved=1', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    value: string,
    options: { saved?: boolean; errors?: FieldErrors },
  ) {
    const site = await this.siteContext.build(request);
    const t = (k: ParticipationSettingsKey) => participationSettingsT(site.locale, k);
    const errors = options.errors ?? {};
    const page = (
      <AdminLayout site={site} title={t('title')} sections={this.sections.navFor(site.locale)}>
        <h1>{t('title')}</h1>
        <ErrorSummary title={t('errorSummary')} errors={errors} />
        {options.saved && (
          <p class="notice" role="status">
            {t('saved')}
          </p>
        )}
        <form method="post" action="/admin/participation" noValidate>
          <CsrfField token={site.csrfToken} />
          <TextField
            name="comments_max_length"
            type="number"
            label={t('commentsMaxLength')}
            hint={t('commentsMaxLengthHint')}
            value={value}
            errors={errors}
            required
          />
          <button type="submit" class="button">
            {t('save')}
          </button>
        </form>
      </AdminLayout>
    );
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
  }
}
