import {
  Body,
  Controller,
  Get,
  HttpStatus,
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
  CsrfField,
  CurrentUsers,
  ErrorSummary,
  FieldErrors,
  FORM_CSS,
  formString,
  OnHost,
  RateLimiter,
  RequireSignIn,
  SelectField,
  SiteContext,
  SiteLayout,
  TextField,
} from '@plaza/web';

import { sendPage } from './page-kit';
import { PersonalTokenEntity } from './personal-token.entity';
import { PersonalTokensKey, personalTokensT } from './personal-tokens.messages';
import {
  PersonalTokensService,
  TOKEN_LIFETIMES,
  TooManyTokensError,
} from './personal-tokens.service';

type FormBody = Record<string, unknown>;
const CREATE_LIMIT = { max: 20, windowSeconds: 3600 };

const CSS = `
.token-secret{display:block;font-family:monospace;font-size:1rem;padding:.75rem;border:2px solid var(--plaza-primary);word-break:break-all;max-width:40rem}
`;

interface PageState {
  created?: string;
  notice?: PersonalTokensKey;
  values?: { name?: string; lifetime?: string };
  errors?: FieldErrors;
}

/** /account/tokens: a participant's API tokens (created and shown once, listed, revoked). */
@Controller('account/tokens')
@OnHost('tenant')
@RequireSignIn()
export class PersonalTokensPages {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly users: CurrentUsers,
    private readonly tokens: PersonalTokensService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Get()
  async index(
    @Query('revoked') revoked: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(request, reply, HttpStatus.OK, {
      notice: revoked === '1' ? 'revoked' : undefined,
    });
  }

  @Post()
  async create(
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    await this.rateLimiter.hit({
      key: `personal-token-create:${TenantContext.current().id}:${user.id}`,
      ...CREATE_LIMIT,
    });
    const site = await this.siteContext.build(request);
    const t = (k: PersonalTokensKey) => personalTokensT(site.locale, k);
    const values = { name: formString(body, 'name'), lifetime: formString(body, 'lifetime') };
    const days = Number(values.lifetime);
    const errors: FieldErrors = {};
    if (!values.name || values.name.length > 100) errors.name = [t('error.name')];
    if (!(TOKEN_LIFETIMES as readonly number[]).includes(days) || values.lifetime === '')
      errors.lifetime = [t('error.lifetime')];
    if (!Object.keys(errors).length) {
      try {
        const { token } = await this.tokens.create(user.id, values.name, days);
        // The page that shows the token is never cached anywhere.
        reply.header('Cache-Control', 'no-store');
        return this.render(request, reply, HttpStatus.CREATED, { created: token });
      } catch (error) {
        if (!(error instanceof TooManyTokensError)) throw error;
        errors.name = [t('error.tooMany')];
      }
    }
    await this.render(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, { values, errors });
  }

  @Post(':id/revoke')
  async revoke(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.tokens.revoke((await this.users.of(request))!.id, id);
    return reply.redirect('/account/tokens?revoked=1', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: PageState,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const [base, list] = await Promise.all([
      this.siteContext.build(request),
      this.tokens.list(user.id),
    ]);
    const site: SiteContext = { ...base, themeCss: `${base.themeCss ?? ''}${FORM_CSS}${CSS}` };
    const t = (k: PersonalTokensKey, p?: Record<string, string>) =>
      personalTokensT(site.locale, k, p);
    const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
    const expiry = (tok: PersonalTokenEntity) =>
      !tok.expiresAt
        ? t('noExpiry')
        : tok.expiresAt <= new Date()
          ? t('expired')
          : when(tok.expiresAt);
    await sendPage(
      reply,
      status,
      <SiteLayout site={site} title={t('title')}>
        <h1>{t('title')}</h1>
        <ErrorSummary title={t('errorSummary')} errors={state.errors ?? {}} />
        {state.notice && (
          <p class="notice" role="status">
            {t(state.notice)}
          </p>
        )}
        {state.created && (
          <div class="notice" role="status">
            <p>{t('created')}</p>
            <p>
              <label for="new-token">{t('tokenLabel')}</label>
              <input
                id="new-token"
                class="token-secret"
                type="text"
                readOnly
                value={state.created}
              />
            </p>
          </div>
        )}
        <p>{t('intro')}</p>
        <p>
          <a href="/api/v1/docs">{t('apiDocs')}</a>
        </p>
        <h2>{t('list')}</h2>
        {list.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">{t('expires')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('revoke', { name: '' }).trim()}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((tok) => (
                <tr key={tok.id}>
                  <td>
                    {tok.name} (<code>{tok.prefix}…</code>)
                  </td>
                  <td>{tok.lastUsedAt ? when(tok.lastUsedAt) : t('never')}</td>
                  <td>{expiry(tok)}</td>
                  <td>
                    <form
                      method="post"
                      action={`/account/tokens/${tok.id}/revoke`}
                      class="inline-form"
                    >
                      <CsrfField token={site.csrfToken} />
                      <button type="submit" class="button secondary">
                        {t('revoke', { name: tok.name })}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('new')}</h2>
        <form method="post" action="/account/tokens" noValidate>
          <CsrfField token={site.csrfToken} />
          <TextField
            name="name"
            label={t('name')}
            hint={t('nameHint')}
            value={state.values?.name ?? ''}
            errors={state.errors}
            maxLength={100}
            required
          />
          <SelectField
            name="lifetime"
            label={t('lifetime')}
            value={state.values?.lifetime ?? '90'}
            errors={state.errors}
            options={TOKEN_LIFETIMES.map((d) => ({
              value: String(d),
              label: t(`lifetime.${d}`),
            }))}
          />
          <button type="submit" class="button">
            {t('create')}
          </button>
        </form>
      </SiteLayout>,
    );
  }
}
