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

import { TenantContext } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import {
  AdminLayout,
  AdminSections,
  ChoiceGroup,
  CsrfField,
  CurrentUsers,
  ErrorSummary,
  FieldErrors,
  FORM_CSS,
  formString,
  OnHost,
  RateLimiter,
  RequireAdmin,
  RequireSignIn,
  SelectField,
  SiteContext,
  SiteLayout,
  TextField,
} from '@plaza/web';

import { mailSiteOf, sendPage } from './page-kit';
import { VerificationEntity } from './verification.entity';
import { DOCUMENT_TYPES, DocumentType, isVerificationMethod } from './verification-methods';
import { VerificationsKey, verificationsT } from './verifications.messages';
import {
  VerificationMethodUnavailable,
  VerificationRefusal,
  VerificationsService,
} from './verifications.service';

type FormBody = Record<string, unknown>;
const REQUEST_LIMIT = { max: 10, windowSeconds: 3600 };

function translator(site: SiteContext) {
  return (key: VerificationsKey, params?: Record<string, string | number>) =>
    verificationsT(site.locale, key, params);
}

const withCss = (site: SiteContext): SiteContext => ({
  ...site,
  themeCss: `${site.themeCss ?? ''}${FORM_CSS}`,
});

function StatusText(props: { site: SiteContext; v: VerificationEntity | undefined }) {
  const t = translator(props.site);
  const v = props.v;
  return (
    <>
      <p>
        <strong>{t(`status.${v?.status ?? 'none'}`)}</strong>
      </p>
      {v?.reason && <p>{t('status.reason', { reason: v.reason })}</p>}
    </>
  );
}

/** /account/verifications: a participant's verifications and requests. */
@Controller('account/verifications')
@OnHost('tenant')
@RequireSignIn()
export class VerificationsAccountPages {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly users: CurrentUsers,
    private readonly verifications: VerificationsService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Get()
  async index(
    @Query('sent') sent: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const [site, methods, mine] = await Promise.all([
      this.siteContext.build(request),
      this.verifications.enabledMethods(),
      this.verifications.mine(user.id),
    ]);
    const t = translator(site);
    await sendPage(
      reply,
      HttpStatus.OK,
      <SiteLayout site={withCss(site)} title={t('account.title')}>
        <h1>{t('account.title')}</h1>
        {sent === '1' && (
          <p class="notice" role="status">
            {t('sent')}
          </p>
        )}
        <p>{methods.length ? t('account.intro') : t('account.none')}</p>
        {methods.map((m) => {
          const v = mine.find((x) => x.method === m);
          return (
            <section key={m} aria-labelledby={`method-${m}`}>
              <h2 id={`method-${m}`}>{t(`method.${m}`)}</h2>
              <p>{t(`method.${m}.hint`)}</p>
              <StatusText site={site} v={v} />
              {(!v || v.status === 'refused' || v.status === 'revoked') && (
                <p>
                  <a href={`/account/verifications/${m}`}>
                    {t(v ? 'account.retry' : 'account.start')}
                  </a>
                </p>
              )}
            </section>
          );
        })}
      </SiteLayout>,
    );
  }

  @Get(':method')
  async form(
    @Param('method') method: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.methodOrFail(method);
    await this.renderForm(request, reply, method, HttpStatus.OK, {}, {});
  }

  @Post(':method')
  async submit(
    @Param('method') method: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.methodOrFail(method);
    const user = (await this.users.of(request))!;
    await this.rateLimiter.hit({
      key: `verification-request:${TenantContext.current().id}:${user.id}`,
      ...REQUEST_LIMIT,
    });
    const values = {
      documentType: formString(body, 'document_type'),
      documentNumber: formString(body, 'document_number').slice(0, 60),
    };
    const site = await this.siteContext.build(request);
    const t = translator(site);
    const errors: FieldErrors = {};
    if (!(DOCUMENT_TYPES as readonly string[]).includes(values.documentType))
      errors.document_type = [t('error.typeInvalid')];
    if (!errors.document_type) {
      try {
        await this.verifications.request(user.id, method, {
          documentType: values.documentType as DocumentType,
          documentNumber: values.documentNumber,
        });
        return reply.redirect('/account/verifications?sent=1', 303);
      } catch (error) {
        if (!(error instanceof VerificationRefusal)) throw error;
        const field = error.problem === 'alreadyGranted' ? 'document_type' : 'document_number';
        errors[field] = [t(`error.${error.problem}`)];
      }
    }
    await this.renderForm(request, reply, method, HttpStatus.UNPROCESSABLE_ENTITY, values, errors);
  }

  private async methodOrFail(method: string): Promise<void> {
    if (
      !isVerificationMethod(method) ||
      !(await this.verifications.enabledMethods()).includes(method)
    )
      throw new VerificationMethodUnavailable();
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    method: string,
    status: number,
    values: { documentType?: string; documentNumber?: string },
    errors: FieldErrors,
  ): Promise<void> {
    const site = await this.siteContext.build(request);
    const t = translator(site);
    if (!isVerificationMethod(method)) throw new NotFoundException();
    const title = t('form.title', { method: t(`method.${method}`) });
    await sendPage(
      reply,
      status,
      <SiteLayout site={withCss(site)} title={title}>
        <h1>{title}</h1>
        <ErrorSummary title={t('form.errorSummary')} errors={errors} />
        <p>{t(`method.${method}.hint`)}</p>
        <form method="post" action={`/account/verifications/${method}`} noValidate>
          <CsrfField token={site.csrfToken} />
          <SelectField
            name="document_type"
            label={t('form.documentType')}
            value={values.documentType ?? ''}
            errors={errors}
            options={[
              { value: '', label: '—' },
              ...DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`doc.${d}`) })),
            ]}
          />
          <TextField
            name="document_number"
            label={t('form.documentNumber')}
            hint={t('form.numberHint')}
            value={values.documentNumber ?? ''}
            errors={errors}
            maxLength={40}
            autocomplete="off"
            required
          />
          <button type="submit" class="button">
            {t('form.submit')}
          </button>
        </form>
      </SiteLayout>,
    );
  }
}

/** /admin/verifications: the organization's methods and the review of requests. */
@Controller('admin/verifications')
@OnHost('tenant')
@RequireAdmin()
export class VerificationsAdminPages {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly users: CurrentUsers,
    private readonly verifications: VerificationsService,
    private readonly sections: AdminSections,
  ) {
    sections.add({
      href: '/admin/verifications',
      order: 70,
      label: (locale) => verificationsT(locale, 'section'),
    });
  }

  @Get()
  async index(
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(request, reply, HttpStatus.OK, done === '1' ? 'admin.done' : null, {});
  }

  @Post('methods')
  async methods(
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const raw = body.methods;
    const methods = (Array.isArray(raw) ? raw : [raw]).filter(
      (m): m is string => typeof m === 'string',
    );
    await this.verifications.setEnabledMethods((await this.users.of(request))!.id, methods);
    return reply.redirect('/admin/verifications?done=1', 303);
  }

  @Post(':id/:action')
  async decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('action') action: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const actor = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    const mailSite = mailSiteOf(request, site);
    // Each row's reason field has its own name, so its label and error are unique on the page.
    const reason = formString(body, `reason-${id}`);
    try {
      if (action === 'grant') await this.verifications.grant(actor.id, id, mailSite);
      else if (action === 'refuse') await this.verifications.refuse(actor.id, id, reason, mailSite);
      else if (action === 'revoke') await this.verifications.revoke(actor.id, id, reason, mailSite);
      else throw new NotFoundException();
    } catch (error) {
      if (!(error instanceof VerificationRefusal)) throw error;
      return this.render(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, null, {
        [`reason-${id}`]: [translator(site)(`error.${error.problem}`)],
      });
    }
    return reply.redirect('/admin/verifications?done=1', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    notice: VerificationsKey | null,
    errors: FieldErrors,
  ): Promise<void> {
    const [site, enabled, { pending, decided }] = await Promise.all([
      this.siteContext.build(request),
      this.verifications.enabledMethods(),
      this.verifications.forAdmin(),
    ]);
    const t = translator(site);
    const method = (m: string) => (isVerificationMethod(m) ? t(`method.${m}`) : m);
    const reasonForm = (v: VerificationEntity, action: 'refuse' | 'revoke') => (
      <form method="post" action={`/admin/verifications/${v.id}/${action}`} class="inline-form">
        <CsrfField token={site.csrfToken} />
        <TextField
          name={`reason-${v.id}`}
          label={t('admin.reasonFor', { name: v.user?.name ?? '' })}
          errors={errors}
          maxLength={500}
        />
        <button type="submit" class="button secondary">
          {t(action === 'refuse' ? 'admin.refuse' : 'admin.revoke')}
        </button>
      </form>
    );
    await sendPage(
      reply,
      status,
      <AdminLayout
        site={site}
        title={t('admin.title')}
        sections={this.sections.navFor(site.locale)}
      >
        <h1>{t('admin.title')}</h1>
        <ErrorSummary title={t('form.errorSummary')} errors={errors} />
        {notice && (
          <p class="notice" role="status">
            {t(notice)}
          </p>
        )}
        <form method="post" action="/admin/verifications/methods">
          <CsrfField token={site.csrfToken} />
          <ChoiceGroup
            name="methods"
            legend={t('admin.methods')}
            type="checkbox"
            options={(['id_documents'] as const).map((m) => ({
              value: m,
              label: t(`method.${m}`),
            }))}
            selected={enabled}
            optionId={(m) => `method-${m}`}
          />
          <button type="submit" class="button">
            {t('admin.saveMethods')}
          </button>
        </form>
        <h2>{t('admin.pending')}</h2>
        {pending.length === 0 ? (
          <p>{t('admin.noPending')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.person')}</th>
                <th scope="col">{t('admin.method')}</th>
                <th scope="col">{t('admin.document')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.user?.name} (@{v.user?.nickname})
                  </td>
                  <td>{method(v.method)}</td>
                  <td>
                    {t(`doc.${v.documentType as DocumentType}`)} {v.documentNumber}
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`/admin/verifications/${v.id}/grant`}
                      class="inline-form"
                    >
                      <CsrfField token={site.csrfToken} />
                      <button type="submit" class="button">
                        {t('admin.grant')}
                      </button>
                    </form>
                    {reasonForm(v, 'refuse')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('admin.decided')}</h2>
        {decided.length === 0 ? (
          <p>{t('admin.noDecided')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.person')}</th>
                <th scope="col">{t('admin.method')}</th>
                <th scope="col">{t('admin.document')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.user?.name} (@{v.user?.nickname})
                  </td>
                  <td>{method(v.method)}</td>
                  <td>
                    {t(`doc.${v.documentType as DocumentType}`)} …{v.numberHint}
                  </td>
                  <td>
                    {t(`status.${v.status}`)}
                    {v.reason ? ` — ${v.reason}` : ''}
                  </td>
                  <td>{v.status === 'granted' && reasonForm(v, 'revoke')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AdminLayout>,
    );
  }
}
