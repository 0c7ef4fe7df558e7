import {
  Body,
  Controller,
  Get,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { enabledVerificationMethods, isVerificationMethod, verificationsT } from '@plaza/identity';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import {
  CsrfField,
  ErrorSummary,
  FieldErrors,
  FORM_CSS,
  formString,
  OnHost,
  renderPage,
  SelectField,
  SiteLayout,
} from '@plaza/web';

import { ComponentEntity, ComponentPermissions, PERMISSION_ACTIONS } from './component.entity';
import { permissionsT } from './component-permissions.messages';
import { SiteContextProvider } from './site-context.provider';
import { RequireSpaceRole } from './space-role.guard';

type FormBody = Record<string, unknown>;

/**
 * /admin/spaces/:id/components/:componentId/permissions: the verification a
 * component requires per action (Decidim's component permissions).
 */
@Controller('admin/spaces/:id/components/:componentId/permissions')
@OnHost('tenant')
@RequireSpaceRole('admin')
export class ComponentPermissionsPages {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextProvider,
  ) {}

  @Get()
  async show(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Query('saved') saved: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { component, methods } = await this.load(id, componentId);
    await this.render(request, reply, HttpStatus.OK, component, methods, component.permissions, {
      saved: saved === '1',
    });
  }

  @Post()
  async save(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { component, methods } = await this.load(id, componentId);
    const permissions: ComponentPermissions = {};
    const invalid: string[] = [];
    for (const action of PERMISSION_ACTIONS) {
      const value = formString(body, `verification_${action}`);
      if (!value) continue;
      if (!(methods as string[]).includes(value)) invalid.push(action);
      else permissions[action] = { verification: value };
    }
    if (invalid.length) {
      const site = await this.siteContext.build(request);
      const message = permissionsT(site.locale, 'invalid');
      const errors: FieldErrors = Object.fromEntries(
        invalid.map((a) => [`verification_${a}`, [message]]),
      );
      return this.render(
        request,
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        component,
        methods,
        permissions,
        {
          errors,
        },
      );
    }
    await this.tenantDb.run((em) =>
      em.update(ComponentEntity, { id: componentId, spaceId: id }, { permissions }),
    );
    return reply.redirect(`/admin/spaces/${id}/components/${componentId}/permissions?saved=1`, 303);
  }

  private async load(spaceId: string, componentId: string) {
    return this.tenantDb.run(async (em) => {
      const component = await em.findOneBy(ComponentEntity, { id: componentId, spaceId });
      if (!component) throw new NotFoundException('This component does not exist.');
      return { component, methods: await enabledVerificationMethods(em) };
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    component: ComponentEntity,
    methods: string[],
    permissions: ComponentPermissions,
    options: { saved?: boolean; errors?: FieldErrors },
  ) {
    const base = await this.siteContext.build(request);
    const site = { ...base, themeCss: `${base.themeCss ?? ''}${FORM_CSS}` };
    const t = (key: Parameters<typeof permissionsT>[1], params?: Record<string, string>) =>
      permissionsT(site.locale, key, params);
    const name = translate(component.name, site.locale, TenantContext.current().defaultLocale);
    const title = t('title', { name });
    const methodLabel = (m: string) =>
      isVerificationMethod(m) ? verificationsT(site.locale, `method.${m}`) : m;
    const errors = options.errors ?? {};
    const settingsPath = `/admin/spaces/${component.spaceId}/components/${component.id}`;
    const page = (
      <SiteLayout site={site} title={title}>
        <p>
          <a href={settingsPath}>{t('back')}</a>
        </p>
        <h1>{title}</h1>
        <ErrorSummary title={t('errorSummary')} errors={errors} />
        {options.saved && (
          <p class="notice" role="status">
            {t('saved')}
          </p>
        )}
        <p>{t('intro')}</p>
        {methods.length === 0 && (
          <p class="notice">
            <a href="/admin/verifications">{t('noMethods')}</a>
          </p>
        )}
        <form method="post" action={`${settingsPath}/permissions`} noValidate>
          <CsrfField token={site.csrfToken} />
          {PERMISSION_ACTIONS.map((action) => (
            <SelectField
              key={action}
              name={`verification_${action}`}
              label={t(`action.${action}`)}
              value={permissions[action]?.verification ?? ''}
              errors={errors}
              options={[
                { value: '', label: t('none') },
                ...methods.map((m) => ({ value: m, label: methodLabel(m) })),
              ]}
            />
          ))}
          <button type="submit" class="button">
            {t('save')}
          </button>
        </form>
      </SiteLayout>
    );
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
  }
}
