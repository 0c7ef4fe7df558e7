import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { TenantContext } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import {
  AdminLayout,
  AdminSections,
  adminT,
  CsrfField,
  CurrentUsers,
  ErrorSummary,
  FieldErrors,
  formTranslated,
  LOCALE_NAMES,
  OnHost,
  RequireAdmin,
  SiteContext,
  submitForm,
  TranslatedField,
} from '@plaza/web';

import { OrganizationAdminKey, organizationAdminT } from './organization-admin.messages';
import {
  organizationProblems,
  OrganizationProfile,
  OrganizationSettings,
} from './organization-settings.service';
import { sendPage } from './page-kit';

/** /admin/organization: the organization's name and description (Decidim's "Organization"). */
@Controller('admin/organization')
@OnHost('tenant')
@RequireAdmin()
export class OrganizationAdminController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sections: AdminSections,
    private readonly users: CurrentUsers,
    private readonly settings: OrganizationSettings,
  ) {
    sections.add({
      href: '/admin/organization',
      order: 5,
      label: (locale) => organizationAdminT(locale, 'section'),
    });
  }

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const [site, profile] = await Promise.all([
      this.siteContext.build(request),
      this.settings.profile(),
    ]);
    await this.render(reply, site, profile, {}, saved === '1', HttpStatus.OK);
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    await submitForm(reply, {
      read: (errors) => {
        const profile: OrganizationProfile = {
          name: formTranslated(body, 'name', tenant.locales),
          description: formTranslated(body, 'description', tenant.locales),
        };
        const language =
          LOCALE_NAMES[tenant.defaultLocale as keyof typeof LOCALE_NAMES] ?? tenant.defaultLocale;
        for (const [field, problem] of Object.entries(
          organizationProblems(profile, tenant.defaultLocale),
        ))
          errors[field] = [organizationAdminT(site.locale, `error.${problem}`, { language })];
        return profile;
      },
      save: async (profile) => {
        // RequireAdmin has let only a signed-in admin through.
        const admin = (await this.users.of(request))!;
        await this.settings.update(admin.id, profile);
        return '/admin/organization?saved=1';
      },
      render: (profile, errors, status) => this.render(reply, site, profile, errors, false, status),
    });
  }

  private async render(
    reply: FastifyReply,
    site: SiteContext,
    profile: OrganizationProfile,
    errors: FieldErrors,
    saved: boolean,
    status: number,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const t = (key: OrganizationAdminKey) => organizationAdminT(site.locale, key);
    await sendPage(
      reply,
      status,
      <AdminLayout site={site} title={t('title')} sections={this.sections.navFor(site.locale)}>
        <h1>{t('title')}</h1>
        {saved && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        <p>{t('intro')}</p>
        <form method="post" action="/admin/organization" noValidate>
          <CsrfField token={site.csrfToken} />
          <TranslatedField
            name="name"
            label={t('name')}
            hint={t('nameHint')}
            locales={tenant.locales}
            value={profile.name}
            errors={errors}
          />
          <TranslatedField
            name="description"
            label={t('description')}
            hint={t('descriptionHint')}
            locales={tenant.locales}
            value={profile.description}
            errors={errors}
            multiline
          />
          <p>
            <button type="submit" class="button">
              {t('save')}
            </button>
          </p>
        </form>
        <h2>{t('elsewhere')}</h2>
        <ul>
          <li>
            <a href="/admin/appearance">{t('link.appearance')}</a>
          </li>
          <li>
            <a href="/admin/languages">{t('link.languages')}</a>
          </li>
        </ul>
      </AdminLayout>,
    );
  }
}
