import '@fastify/cookie';

import {
  ArgumentsHost,
  Body,
  Catch,
  ConflictException,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  FieldsException,
  isLocale,
  PLAZA_CONFIG,
  PlazaConfig,
  SUPPORTED_LOCALES,
} from '@plaza/core';
import { TENANT_STATUSES } from '@plaza/tenancy';
import {
  LOCALE_COOKIE,
  LOCALE_NAMES,
  OnHost,
  renderPage,
  Sessions,
  stateOf,
  TooManyAttemptsException,
} from '@plaza/web';

import { ApiTokensService } from './api-tokens.service';
import { AuditLog } from './audit.service';
import {
  ConsoleAuthService,
  ConsoleSignInFailedException,
  SecondFactorFailedException,
  SecondFactorRequiredException,
} from './console-auth.service';
import {
  ConsoleLayout,
  ConsolePageContext,
  ConsoleT,
  ErrorSummary,
  Field,
  FieldErrors,
  formatDate,
  translatorFor,
} from './console-layout';
import {
  ConsolePrincipal,
  ConsolePrincipals,
  ConsoleRoute,
  ConsoleSignInRequiredException,
  Principal,
  roleAtLeast,
} from './console-principal';
import { ConsoleTenantsService, TenantView } from './console-tenants.service';
import { ConsoleTotpService, TotpEnrolment } from './console-totp.service';
import { CONSOLE_ROLES, ConsoleRole } from './console-user.entity';
import { ConsoleUsersService } from './console-users.service';
import { DomainsService } from './domains.service';
import { CreateApiTokenDto } from './dto/api-token.dto';
import { CreateConsoleUserDto } from './dto/console-user.dto';
import { MailSettingsDto } from './dto/mail-settings.dto';
import { CreateTenantDto, TENANT_SORTS, TenantSort, UpdateTenantDto } from './dto/tenant.dto';
import { listOf, textOf, validateForm } from './form-validation';
import { Page } from './pagination';
import { PlanAllowance } from './plan-allowance';
import { PlansService } from './plans.service';
import { TenantMailSettingsService } from './tenant-mail-settings.service';

/** Console pages send people who are not signed in to the sign-in page, then back. */
@Catch(ConsoleSignInRequiredException)
export class ConsoleSignInRedirect implements ExceptionFilter {
  catch(exception: ConsoleSignInRequiredException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.redirect(`/login?back=${encodeURIComponent(exception.back)}`, 303);
  }
}

type Form = Record<string, unknown>;

/** Only same-site paths: never an open redirect. */
function safeBack(back: unknown): string {
  const path = textOf(back);
  return path && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
    ? path
    : '/tenants';
}

const SORT_KEYS: Record<TenantSort, Parameters<ConsoleT>[0] | null> = {
  name: 'sort.name',
  '-name': 'sort.nameDesc',
  '-createdAt': 'sort.newest',
  createdAt: 'sort.oldest',
  status: 'sort.status',
  '-status': null,
  slug: null,
  '-slug': null,
};

/** The console's HTML pages: the same services as the JSON API, for people. */
@Controller()
@OnHost('console')
@UseFilters(ConsoleSignInRedirect)
export class ConsolePagesController {
  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly sessions: Sessions,
    private readonly principals: ConsolePrincipals,
    private readonly auth: ConsoleAuthService,
    private readonly tenants: ConsoleTenantsService,
    private readonly audit: AuditLog,
    private readonly tokens: ApiTokensService,
    private readonly totp: ConsoleTotpService,
    private readonly domains: DomainsService,
    private readonly mailSettings: TenantMailSettingsService,
    private readonly users: ConsoleUsersService,
    private readonly plans: PlansService,
  ) {}

  /** Not `/locale/:locale`: routes are shared by all hosts and tenant sites own that one. */
  @Get('language/:locale')
  chooseLocale(
    @Param('locale') locale: string,
    @Query('back') back: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    if (!isLocale(locale))
      throw new NotFoundException('The console is not available in that language.');
    reply.setCookie(LOCALE_COOKIE, locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge: 365 * 24 * 3600,
    });
    void reply.redirect(safeBack(back), 303);
  }

  // ---- sign-in ------------------------------------------------------------

  @Get('login')
  async loginPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('back') back: string | undefined,
  ): Promise<void> {
    if (await this.principals.of(request)) return void reply.redirect(safeBack(back), 303);
    await this.renderLogin(request, reply, { back: safeBack(back), email: '' });
  }

  @Post('login')
  async login(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    const email = textOf(body.email) ?? '';
    const back = safeBack(body.back);
    try {
      await this.auth.signIn(request, reply, {
        email,
        password: String(body.password ?? ''),
        totp: textOf(body.totp),
      });
    } catch (error) {
      const t = this.t(request);
      if (error instanceof ConsoleSignInFailedException) {
        reply.code(401);
        return this.renderLogin(request, reply, { back, email, error: t('login.failed') });
      }
      if (
        error instanceof SecondFactorRequiredException ||
        error instanceof SecondFactorFailedException
      ) {
        reply.code(401);
        const message =
          error instanceof SecondFactorRequiredException
            ? t('login.totpRequired')
            : t('login.totpWrong');
        return this.renderLogin(request, reply, { back, email, error: message });
      }
      if (error instanceof TooManyAttemptsException) {
        reply.code(429).header('retry-after', String(error.retryAfterSeconds));
        return this.renderLogin(request, reply, {
          back,
          email,
          error: t('login.tooMany', { seconds: error.retryAfterSeconds }),
        });
      }
      throw error;
    }
    void reply.redirect(back, 303);
  }

  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.signOut(request, reply);
    void reply.redirect('/login', 303);
  }

  private async renderLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { back: string; email: string; error?: string },
  ): Promise<void> {
    const session = await this.sessions.ensure(request, reply);
    const page = this.context(request, session.csrfToken, null);
    const t = translatorFor(page.locale);
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('login.title')}>
        <h1>{t('login.title')}</h1>
        {form.error && <ErrorSummary t={t} errors={[form.error]} />}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <input type="hidden" name="back" value={form.back} />
          <Field
            name="email"
            type="email"
            label={t('login.email')}
            value={form.email}
            autocomplete="username"
            required
          />
          <Field
            name="password"
            type="password"
            label={t('login.password')}
            autocomplete="current-password"
            required
          />
          <Field
            name="totp"
            label={t('login.totp')}
            hint={t('login.totpHint')}
            autocomplete="one-time-code"
          />
          <div>
            <button type="submit">{t('login.submit')}</button>
          </div>
        </form>
      </ConsoleLayout>,
    );
  }

  // ---- organizations ------------------------------------------------------

  @Get('tenants')
  @ConsoleRoute('viewer')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Query() query: Form,
  ): Promise<void> {
    const status = textOf(query.status);
    const sort = textOf(query.sort);
    const filters = {
      q: textOf(query.q)?.slice(0, 100),
      status:
        status && (TENANT_STATUSES as readonly string[]).includes(status) ? status : undefined,
      plan: textOf(query.plan)?.slice(0, 40),
      sort:
        sort && (TENANT_SORTS as readonly string[]).includes(sort) ? (sort as TenantSort) : 'name',
      page: Math.max(1, Number(textOf(query.page)) || 1),
      perPage: 25,
    };
    const result = await this.tenants.list(filters);
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    const link = (n: number) =>
      `/tenants?${new URLSearchParams(
        Object.entries({ ...filters, page: String(n), perPage: '' }).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
        ),
      ).toString()}`;
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('tenants.title')}>
        <h1>{t('tenants.title')}</h1>
        {roleAtLeast(principal.user.role, 'operator') && (
          <p>
            <a href="/tenants/new">{t('tenants.new')}</a>
          </p>
        )}
        <form method="get" action="/tenants" class="filters" aria-label={t('tenants.filters')}>
          <Field name="q" type="search" label={t('tenants.search')} value={filters.q} />
          <div class="field">
            <label for="field-status">{t('col.status')}</label>
            <select id="field-status" name="status">
              <option value="">{t('tenants.any')}</option>
              {TENANT_STATUSES.filter((s) => s !== 'deleted').map((s) => (
                <option key={s} value={s} selected={filters.status === s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="plan" label={t('col.plan')} value={filters.plan} />
          <div class="field">
            <label for="field-sort">{t('sort.label')}</label>
            <select id="field-sort" name="sort">
              {Object.entries(SORT_KEYS)
                .filter((e): e is [TenantSort, Parameters<ConsoleT>[0]] => e[1] !== null)
                .map(([value, key]) => (
                  <option key={value} value={value} selected={filters.sort === value}>
                    {t(key)}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit">{t('tenants.apply')}</button>
        </form>
        <p role="status">{t('tenants.count', { total: result.meta.total })}</p>
        {result.data.length === 0 ? (
          <p>{t('tenants.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th>
                <th scope="col">{t('col.slug')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('col.plan')}</th>
                <th scope="col">{t('usage.participants')}</th>
                <th scope="col">{t('col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((tenant) => (
                <tr key={tenant.id}>
                  <td>
                    <a href={`/tenants/${tenant.id}`}>{tenant.name}</a>
                  </td>
                  <td>{tenant.slug}</td>
                  <td>{t(`status.${tenant.status}`)}</td>
                  <td>{tenant.plan ?? '—'}</td>
                  <td>{tenant.usage?.participants ?? '—'}</td>
                  <td>{formatDate(page.locale, tenant.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination t={t} meta={result.meta} link={link} />
      </ConsoleLayout>,
    );
  }

  @Get('tenants/new')
  @ConsoleRoute('operator')
  async newTenant(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderNewTenant(request, reply, principal, {}, null);
  }

  @Post('tenants')
  @ConsoleRoute('operator')
  async createTenant(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    const plain = {
      name: textOf(body.name) ?? '',
      slug: (textOf(body.slug) ?? '').toLowerCase(),
      defaultLocale: textOf(body.defaultLocale) ?? '',
      locales: listOf(body.locales),
      plan: textOf(body.plan),
      adminEmail: textOf(body.adminEmail) ?? '',
      adminName: textOf(body.adminName) ?? '',
      template: textOf(body.template),
    };
    const { value, errors } = await validateForm(CreateTenantDto, plain);
    if (errors) return this.renderNewTenant(request, reply, principal, plain, errors);
    try {
      const tenant = await this.tenants.create({ principal, request }, value);
      void reply.redirect(`/tenants/${tenant.id}`, 303);
    } catch (error) {
      const fields = fieldErrorsOf(error, 'slug');
      if (!fields) throw error;
      await this.renderNewTenant(request, reply, principal, plain, fields);
    }
  }

  private async renderNewTenant(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    form: Partial<Record<string, string | string[] | undefined>>,
    errors: FieldErrors | null,
  ): Promise<void> {
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    if (errors) reply.code(422);
    const locales = (form.locales as string[] | undefined) ?? ['en'];
    const str = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('new.title')}>
        <h1>{t('new.title')}</h1>
        {errors && <ErrorSummary t={t} errors={errors} />}
        <form method="post" action="/tenants" class="stack" noValidate>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <Field
            name="name"
            label={t('field.name')}
            value={str('name')}
            errors={errors ?? {}}
            required
          />
          <Field
            name="slug"
            label={t('field.slug')}
            value={str('slug')}
            hint={t('field.slugHint', { example: `slug.${this.config.baseDomain}` })}
            errors={errors ?? {}}
            required
          />
          <LocaleChoice
            t={t}
            selected={locales}
            chosenDefault={str('defaultLocale') || 'en'}
            errors={errors ?? {}}
          />
          <Field name="plan" label={t('field.plan')} value={str('plan')} errors={errors ?? {}} />
          <Field
            name="adminEmail"
            type="email"
            label={t('field.adminEmail')}
            value={str('adminEmail')}
            errors={errors ?? {}}
            required
          />
          <Field
            name="adminName"
            label={t('field.adminName')}
            value={str('adminName')}
            errors={errors ?? {}}
            required
          />
          <fieldset id="field-template">
            <legend>{t('field.template')}</legend>
            {(['empty', 'demo'] as const).map((template) => (
              <div key={template}>
                <input
                  type="radio"
                  id={`template-${template}`}
                  name="template"
                  value={template}
                  checked={(str('template') || 'empty') === template}
                />
                <label for={`template-${template}`}>{t(`template.${template}`)}</label>
              </div>
            ))}
          </fieldset>
          <div>
            <button type="submit">{t('new.submit')}</button>
          </div>
        </form>
      </ConsoleLayout>,
    );
  }

  @Get('tenants/:id')
  @ConsoleRoute('viewer')
  async detail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.renderDetail(request, reply, principal, id, null, null);
  }

  @Post('tenants/:id')
  @ConsoleRoute('operator')
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    const plain = {
      name: textOf(body.name) ?? '',
      locales: listOf(body.locales),
      defaultLocale: textOf(body.defaultLocale),
      plan: textOf(body.plan) ?? null,
    };
    const { value, errors } = await validateForm(UpdateTenantDto, plain);
    if (errors) return this.renderDetail(request, reply, principal, id, plain, errors);
    try {
      await this.tenants.update({ principal, request }, id, value);
      void reply.redirect(`/tenants/${id}`, 303);
    } catch (error) {
      const fields = fieldErrorsOf(error, 'name');
      if (!fields) throw error;
      await this.renderDetail(request, reply, principal, id, plain, fields);
    }
  }

  @Post('tenants/:id/domains')
  @ConsoleRoute('operator')
  async addDomain(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    await this.domainAction(request, reply, principal, id, () =>
      this.domains.add({ principal, request }, id, textOf(body.domain) ?? ''),
    );
  }

  @Post('tenants/:id/mail-settings')
  @ConsoleRoute('operator')
  async saveMailSettings(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Body() body: Form,
  ): Promise<void> {
    await this.tenants.get(id);
    if (textOf(body.reset)) {
      await this.mailSettings.remove(id);
      await this.audit.record(
        { principal, request },
        { action: 'tenant.mail-settings', tenantId: id, after: null },
      );
      return void reply.redirect(`/tenants/${id}`, 303);
    }
    const port = Number(textOf(body.port));
    const plain = {
      host: textOf(body.host) ?? '',
      port: Number.isInteger(port) ? port : -1,
      secure: textOf(body.secure) === 'on',
      username: textOf(body.username) ?? null,
      password: textOf(body.password),
      senderName: textOf(body.senderName) ?? '',
      senderAddress: textOf(body.senderAddress) ?? '',
    };
    const { value, errors } = await validateForm(MailSettingsDto, plain);
    if (errors) {
      reply.code(422);
      return this.renderDetail(request, reply, principal, id, null, null, null, errors);
    }
    const after = await this.mailSettings.set(id, value);
    await this.audit.record(
      { principal, request },
      { action: 'tenant.mail-settings', tenantId: id, after: { ...after } },
    );
    void reply.redirect(`/tenants/${id}`, 303);
  }

  @Post('tenants/:id/domains/:domain/:action')
  @ConsoleRoute('operator')
  async changeDomain(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('domain') domain: string,
    @Param('action') action: string,
  ): Promise<void> {
    const actor = { principal, request };
    await this.domainAction(request, reply, principal, id, async () => {
      if (action === 'verify') await this.domains.verify(actor, id, domain);
      else if (action === 'primary') await this.domains.setPrimary(actor, id, domain);
      else if (action === 'remove') await this.domains.remove(actor, id, domain);
      else if (action === 'platform') await this.domains.clearPrimary(actor, id);
      else throw new NotFoundException('There is nothing at this address.');
    });
  }

  /** Runs a domain change; problems are shown on the detail page, next to the domains. */
  private async domainAction(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    id: string,
    change: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() === 404) throw error;
      reply.code(error.getStatus());
      const fields = fieldErrorsOf(error, 'domain') ?? { domain: [error.message] };
      return this.renderDetail(request, reply, principal, id, null, null, fields);
    }
    void reply.redirect(`/tenants/${id}`, 303);
  }

  @Post('tenants/:id/:action')
  @ConsoleRoute('operator')
  async act(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('action') action: string,
  ): Promise<void> {
    const actor = { principal, request };
    if (action === 'suspend' || action === 'resume' || action === 'archive') {
      await this.tenants.transition(actor, id, action);
    } else if (action === 'delete') {
      await this.tenants.scheduleDeletion(actor, id);
    } else if (action === 'restore') {
      await this.tenants.cancelDeletion(actor, id);
    } else {
      throw new NotFoundException('There is nothing at this address.');
    }
    void reply.redirect(`/tenants/${id}`, 303);
  }

  private async renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    id: string,
    form: { name: string; locales: string[]; defaultLocale?: string; plan: string | null } | null,
    errors: FieldErrors | null,
    domainErrors: FieldErrors | null = null,
    mailErrors: FieldErrors | null = null,
  ): Promise<void> {
    const tenant = await this.tenants.get(id);
    const customDomains = await this.domains.list(id);
    const mail = await this.mailSettings.get(id);
    const overrides = await this.plans.overridesOf(id);
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    const canAct = roleAtLeast(principal.user.role, 'operator');
    if (errors) reply.code(422);
    const edit = form ?? {
      name: tenant.name,
      locales: tenant.locales,
      defaultLocale: tenant.defaultLocale,
      plan: tenant.plan,
    };
    this.send(
      reply,
      <ConsoleLayout page={page} title={tenant.name}>
        <h1>{tenant.name}</h1>
        <dl>
          <dt>{t('detail.status')}</dt>
          <dd>
            <ProvisioningStatus t={t} tenant={tenant} nonce={page.nonce} locale={page.locale} />
          </dd>
          <dt>{t('detail.domains')}</dt>
          <dd>
            <ul>
              {tenant.domains.map((d) => (
                <li key={d.domain}>
                  {d.domain}
                  {d.primary && ` (${t('detail.primary')})`}
                  {!d.verified && ` (${t('detail.unverified')})`}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('detail.plan')}</dt>
          <dd>{tenant.plan ?? t('detail.noPlan')}</dd>
          <dt>{t('detail.locales')}</dt>
          <dd>
            {tenant.locales
              .map((l) => LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l)
              .join(', ')}
          </dd>
          <dt>{t('detail.usage')}</dt>
          <dd>
            <UsageFigures t={t} locale={page.locale} tenant={tenant} />
          </dd>
        </dl>
        <p>
          <a href={`/tenants/${tenant.id}/billing`}>{t('detail.billing')}</a>
        </p>
        <PlanAllowance
          locale={page.locale}
          tenant={tenant}
          overrides={overrides}
          canEdit={principal.user.role === 'owner'}
        />
        {canAct && tenant.status !== 'provisioning' && (
          <>
            <h2>{t('detail.actions')}</h2>
            <div class="actions">
              {lifecycleActions(tenant).map((action) => (
                <form key={action} method="post" action={`/tenants/${tenant.id}/${action}`}>
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <button type="submit">{t(`action.${action}`)}</button>
                </form>
              ))}
            </div>
          </>
        )}
        {canAct && tenant.status !== 'deleting' && (
          <>
            <h2 id="domains">{t('detail.domains')}</h2>
            {domainErrors && <ErrorSummary t={t} errors={domainErrors} />}
            {customDomains.map((d) => {
              const action = (name: string, label: string) => (
                <form method="post" action={`/tenants/${tenant.id}/domains/${d.domain}/${name}`}>
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <button type="submit">{label}</button>
                </form>
              );
              return (
                <div key={d.domain}>
                  <h3>{d.domain}</h3>
                  {!d.verified && (
                    <p>
                      {t('domains.record')}{' '}
                      <code>
                        {d.verification.name} TXT {d.verification.value}
                      </code>
                    </p>
                  )}
                  <div class="actions">
                    {!d.verified && action('verify', t('domains.verify', { domain: d.domain }))}
                    {d.verified &&
                      !d.primary &&
                      action('primary', t('domains.primary', { domain: d.domain }))}
                    {action('remove', t('domains.remove', { domain: d.domain }))}
                  </div>
                </div>
              );
            })}
            {customDomains.some((d) => d.primary) && (
              <form method="post" action={`/tenants/${tenant.id}/domains/-/platform`}>
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                <button type="submit">{t('domains.usePlatform')}</button>
              </form>
            )}
            <form method="post" action={`/tenants/${tenant.id}/domains`} class="stack" noValidate>
              <input type="hidden" name="_csrf" value={page.csrfToken} />
              <Field name="domain" label={t('domains.field')} errors={domainErrors ?? {}} />
              <div>
                <button type="submit">{t('domains.add')}</button>
              </div>
            </form>
            <h2 id="mail">{t('mail.title')}</h2>
            {!mail && <p>{t('mail.platform')}</p>}
            {mailErrors && <ErrorSummary t={t} errors={mailErrors} />}
            <form
              method="post"
              action={`/tenants/${tenant.id}/mail-settings`}
              class="stack"
              noValidate
            >
              <input type="hidden" name="_csrf" value={page.csrfToken} />
              <Field
                name="host"
                label={t('mail.host')}
                value={mail?.host}
                errors={mailErrors ?? {}}
              />
              <Field
                name="port"
                type="number"
                label={t('mail.port')}
                value={String(mail?.port ?? 587)}
                errors={mailErrors ?? {}}
              />
              <div>
                <input
                  type="checkbox"
                  id="field-secure"
                  name="secure"
                  checked={mail?.secure ?? false}
                />
                <label for="field-secure">{t('mail.secure')}</label>
              </div>
              <Field
                name="username"
                label={t('mail.username')}
                value={mail?.username ?? ''}
                autocomplete="off"
                errors={mailErrors ?? {}}
              />
              <Field
                name="password"
                type="password"
                label={t('mail.password')}
                hint={mail?.passwordSet ? t('mail.passwordKept') : undefined}
                autocomplete="new-password"
                errors={mailErrors ?? {}}
              />
              <Field
                name="senderName"
                label={t('mail.senderName')}
                value={mail?.senderName ?? tenant.name}
                errors={mailErrors ?? {}}
              />
              <Field
                name="senderAddress"
                type="email"
                label={t('mail.senderAddress')}
                value={mail?.senderAddress}
                errors={mailErrors ?? {}}
              />
              <div class="actions">
                <button type="submit">{t('mail.save')}</button>
                {mail && (
                  <button type="submit" name="reset" value="1">
                    {t('mail.reset')}
                  </button>
                )}
              </div>
            </form>
            <h2>{t('detail.edit')}</h2>
            {errors && <ErrorSummary t={t} errors={errors} />}
            <form method="post" action={`/tenants/${tenant.id}`} class="stack" noValidate>
              <input type="hidden" name="_csrf" value={page.csrfToken} />
              <Field
                name="name"
                label={t('field.name')}
                value={edit.name}
                errors={errors ?? {}}
                required
              />
              <LocaleChoice
                t={t}
                selected={edit.locales}
                chosenDefault={edit.defaultLocale ?? tenant.defaultLocale}
                errors={errors ?? {}}
              />
              <Field
                name="plan"
                label={t('field.plan')}
                value={edit.plan ?? ''}
                errors={errors ?? {}}
              />
              <div>
                <button type="submit">{t('detail.save')}</button>
              </div>
            </form>
          </>
        )}
        <h2>{t('detail.events')}</h2>
        {tenant.recentEvents.length === 0 ? (
          <p>{t('detail.noEvents')}</p>
        ) : (
          <AuditTable t={t} locale={page.locale} events={tenant.recentEvents} />
        )}
        <p>
          <a href={`/audit?tenantId=${tenant.id}`}>{t('detail.allEvents')}</a>
        </p>
      </ConsoleLayout>,
    );
  }

  // ---- audit log ----------------------------------------------------------

  @Get('audit')
  @ConsoleRoute('viewer')
  async auditLog(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Query() query: Form,
  ): Promise<void> {
    const tenantId = textOf(query.tenantId);
    const action = textOf(query.action);
    const filters = {
      tenantId: tenantId && /^[a-z0-9]{1,16}$/.test(tenantId) ? tenantId : undefined,
      action: action && /^[a-z.]{1,60}$/.test(action) ? action : undefined,
      actor: textOf(query.actor)?.slice(0, 254),
      page: Math.max(1, Number(textOf(query.page)) || 1),
      perPage: 50,
    };
    const result = await this.audit.list(filters);
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    const link = (n: number) =>
      `/audit?${new URLSearchParams(
        Object.entries({ ...filters, page: String(n), perPage: '' }).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
        ),
      ).toString()}`;
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('audit.title')}>
        <h1>{t('audit.title')}</h1>
        <form method="get" action="/audit" class="filters" aria-label={t('audit.filters')}>
          <Field name="tenantId" label={t('audit.tenant')} value={filters.tenantId} />
          <Field name="action" label={t('audit.action')} value={filters.action} />
          <Field name="actor" type="email" label={t('audit.actor')} value={filters.actor} />
          <button type="submit">{t('tenants.apply')}</button>
        </form>
        {result.data.length === 0 ? (
          <p>{t('audit.none')}</p>
        ) : (
          <AuditTable t={t} locale={page.locale} events={result.data} withTenant />
        )}
        <Pagination t={t} meta={result.meta} link={link} />
      </ConsoleLayout>,
    );
  }

  // ---- API tokens ---------------------------------------------------------

  @Get('tokens')
  @ConsoleRoute('viewer')
  async tokensPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderTokens(request, reply, principal, {});
  }

  @Post('tokens')
  @ConsoleRoute('viewer')
  @HttpCode(200)
  async createToken(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    const days = textOf(body.expiresInDays);
    const plain = { name: textOf(body.name) ?? '', expiresInDays: days ? Number(days) : undefined };
    const { value, errors } = await validateForm(CreateApiTokenDto, plain);
    if (errors) {
      reply.code(422);
      return this.renderTokens(request, reply, principal, { errors, name: plain.name, days });
    }
    const expiresAt = value.expiresInDays
      ? new Date(Date.now() + value.expiresInDays * 24 * 3600 * 1000)
      : null;
    const issued = await this.tokens.issue(principal.user.id, value.name, expiresAt);
    await this.audit.record(
      { principal, request },
      { action: 'token.create', after: { id: issued.token.id, name: issued.token.name } },
    );
    reply.header('cache-control', 'no-store');
    await this.renderTokens(request, reply, principal, { secret: issued.secret });
  }

  @Post('tokens/:id/revoke')
  @ConsoleRoute('viewer')
  async revokeToken(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
  ): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException('There is no such token.');
    const token = await this.tokens.revoke(principal.user.id, id);
    await this.audit.record(
      { principal, request },
      { action: 'token.revoke', before: { id: token.id, name: token.name } },
    );
    void reply.redirect('/tokens', 303);
  }

  private async renderTokens(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    state: { secret?: string; errors?: FieldErrors; name?: string; days?: string },
  ): Promise<void> {
    const tokens = await this.tokens.listFor(principal.user.id);
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('tokens.title')}>
        <h1>{t('tokens.title')}</h1>
        <p>{t('tokens.intro')}</p>
        {state.secret && (
          <div class="notice" role="status">
            <p>{t('tokens.created')}</p>
            <code class="secret">{state.secret}</code>
          </div>
        )}
        {state.errors && <ErrorSummary t={t} errors={state.errors} />}
        <form method="post" action="/tokens" class="stack" noValidate>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <Field
            name="name"
            label={t('tokens.name')}
            value={state.name}
            errors={state.errors}
            required
          />
          <Field
            name="expiresInDays"
            type="number"
            label={t('tokens.days')}
            value={state.days}
            errors={state.errors}
          />
          <div>
            <button type="submit">{t('tokens.create')}</button>
          </div>
        </form>
        {tokens.length === 0 ? (
          <p>{t('tokens.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('tokens.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.tokenPrefix}…</code>
                  </td>
                  <td>
                    {token.expiresAt ? formatDate(page.locale, token.expiresAt) : t('tokens.never')}
                  </td>
                  <td>
                    {token.lastUsedAt
                      ? formatDate(page.locale, token.lastUsedAt)
                      : t('tokens.never')}
                  </td>
                  <td>
                    {token.revokedAt ? (
                      t('tokens.revoked')
                    ) : (
                      <form method="post" action={`/tokens/${token.id}/revoke`}>
                        <input type="hidden" name="_csrf" value={page.csrfToken} />
                        <button type="submit">
                          {t('tokens.revoke')}
                          <span class="visually-hidden"> {token.name}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ConsoleLayout>,
    );
  }

  // ---- my account: two-step sign-in ----------------------------------------

  @Get('me')
  @ConsoleRoute('viewer')
  async account(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderAccount(request, reply, principal, {});
  }

  @Post('me/totp')
  @ConsoleRoute('viewer')
  @HttpCode(200)
  async startTotp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    const enrolment = await this.totp.start(principal.user);
    reply.header('cache-control', 'no-store');
    await this.renderAccount(request, reply, principal, { enrolment });
  }

  @Post('me/totp/confirm')
  @ConsoleRoute('viewer')
  @HttpCode(200)
  async confirmTotp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    try {
      const recoveryCodes = await this.totp.confirm(principal.user, textOf(body.code) ?? '');
      await this.audit.record({ principal, request }, { action: 'user.totp.enable' });
      reply.header('cache-control', 'no-store');
      principal.user.totpEnabledAt = new Date();
      await this.renderAccount(request, reply, principal, { recoveryCodes });
    } catch (error) {
      const fields = fieldErrorsOf(error, 'code');
      if (!fields) throw error;
      reply.code(422);
      await this.renderAccount(request, reply, principal, {
        enrolment: await this.totp.resume(principal.user),
        errors: fields,
      });
    }
  }

  @Post('me/totp/disable')
  @ConsoleRoute('viewer')
  async disableTotp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    try {
      await this.totp.disable(principal.user, textOf(body.code) ?? '');
    } catch (error) {
      const fields = fieldErrorsOf(error, 'code');
      if (!fields) throw error;
      reply.code(422);
      return this.renderAccount(request, reply, principal, { errors: fields });
    }
    await this.audit.record({ principal, request }, { action: 'user.totp.disable' });
    void reply.redirect('/me', 303);
  }

  private async renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    state: { enrolment?: TotpEnrolment; recoveryCodes?: string[]; errors?: FieldErrors },
  ): Promise<void> {
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    const enabled = !!principal.user.totpEnabledAt;
    const codeForm = (action: string, label: string) => (
      <form method="post" action={action} class="stack" noValidate>
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <Field
          name="code"
          label={t('account.code')}
          autocomplete="one-time-code"
          errors={state.errors}
          required
        />
        <div>
          <button type="submit">{label}</button>
        </div>
      </form>
    );
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('account.title')}>
        <h1>{t('account.title')}</h1>
        <p>
          {principal.user.name} — {principal.user.email} ({principal.user.role})
        </p>
        <p role="status">{enabled ? t('account.totpOn') : t('account.totpOff')}</p>
        {state.errors && <ErrorSummary t={t} errors={state.errors} />}
        {state.recoveryCodes && (
          <div class="notice">
            <p>{t('account.recovery')}</p>
            <ul>
              {state.recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {state.enrolment && (
          <>
            <p>{t('account.scan')}</p>
            <figure>
              <div
                role="img"
                aria-label={t('account.qr')}
                dangerouslySetInnerHTML={{ __html: state.enrolment.qrSvg }}
              />
            </figure>
            <p>
              <code class="secret">{state.enrolment.secret}</code>
            </p>
            {codeForm('/me/totp/confirm', t('account.confirm'))}
          </>
        )}
        {!enabled && !state.enrolment && (
          <form method="post" action="/me/totp">
            <input type="hidden" name="_csrf" value={page.csrfToken} />
            <button type="submit">{t('account.setUp')}</button>
          </form>
        )}
        {enabled && !state.recoveryCodes && codeForm('/me/totp/disable', t('account.disable'))}
      </ConsoleLayout>,
    );
  }

  // ---- console users (owners) ----------------------------------------------

  @Get('users')
  @ConsoleRoute('owner')
  async usersPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
  ): Promise<void> {
    await this.renderUsers(request, reply, principal, {});
  }

  @Post('users')
  @ConsoleRoute('owner')
  async createUser(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Body() body: Form,
  ): Promise<void> {
    const plain = {
      email: textOf(body.email) ?? '',
      name: textOf(body.name) ?? '',
      password: typeof body.password === 'string' ? body.password : '',
      role: textOf(body.role) ?? '',
    };
    const { value, errors } = await validateForm(CreateConsoleUserDto, plain);
    try {
      if (errors) throw new FieldsException('The console user cannot be created as given.', errors);
      const user = await this.users.create(value);
      await this.audit.record(
        { principal, request },
        { action: 'user.create', after: { email: user.email, role: user.role } },
      );
    } catch (error) {
      const fields = fieldErrorsOf(error, 'email');
      if (!fields) throw error;
      reply.code(422);
      return this.renderUsers(request, reply, principal, { errors: fields, form: plain });
    }
    void reply.redirect('/users', 303);
  }

  @Post('users/:id/:action')
  @ConsoleRoute('owner')
  async changeUser(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: ConsolePrincipal,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: Form,
  ): Promise<void> {
    const actor = { principal, request };
    if (action === 'role') {
      const role = textOf(body.role);
      if (!role || !(CONSOLE_ROLES as readonly string[]).includes(role)) {
        throw new FieldsException('Choose a role.', {
          role: ['Choose owner, operator or viewer.'],
        });
      }
      const { before, after } = await this.users.update(id, { role: role as ConsoleRole });
      if (before.role !== after.role) await this.sessions.store.destroyAllForUser('console', id);
      await this.audit.record(actor, {
        action: 'user.update',
        before: { email: before.email, role: before.role },
        after: { email: after.email, role: after.role },
      });
    } else if (action === 'remove') {
      const user = await this.users.remove(id);
      await this.sessions.store.destroyAllForUser('console', id);
      await this.audit.record(actor, {
        action: 'user.delete',
        before: { email: user.email, role: user.role },
      });
    } else {
      throw new NotFoundException('There is nothing at this address.');
    }
    void reply.redirect('/users', 303);
  }

  private async renderUsers(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: ConsolePrincipal,
    state: { errors?: FieldErrors; form?: Record<string, string> },
  ): Promise<void> {
    const users = await this.users.list();
    const page = await this.page(request, principal);
    const t = translatorFor(page.locale);
    const chosenRole = state.form?.role || 'viewer';
    this.send(
      reply,
      <ConsoleLayout page={page} title={t('users.title')}>
        <h1>{t('users.title')}</h1>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('users.remove', { name: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  <form method="post" action={`/users/${user.id}/role`} class="filters">
                    <input type="hidden" name="_csrf" value={page.csrfToken} />
                    <label class="visually-hidden" for={`role-${user.id}`}>
                      {t('users.role')}
                    </label>
                    <select id={`role-${user.id}`} name="role">
                      {CONSOLE_ROLES.map((role) => (
                        <option key={role} value={role} selected={user.role === role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit">{t('users.save', { name: user.name })}</button>
                  </form>
                </td>
                <td>
                  <form method="post" action={`/users/${user.id}/remove`}>
                    <input type="hidden" name="_csrf" value={page.csrfToken} />
                    <button type="submit">{t('users.remove', { name: user.name })}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('users.add')}</h2>
        {state.errors && <ErrorSummary t={t} errors={state.errors} />}
        <form method="post" action="/users" class="stack" noValidate>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <Field
            name="email"
            type="email"
            label={t('users.email')}
            value={state.form?.email}
            errors={state.errors}
            required
          />
          <Field
            name="name"
            label={t('users.name')}
            value={state.form?.name}
            errors={state.errors}
            required
          />
          <Field
            name="password"
            type="password"
            label={t('users.password')}
            autocomplete="new-password"
            errors={state.errors}
            required
          />
          <fieldset id="field-role">
            <legend>{t('users.role')}</legend>
            {CONSOLE_ROLES.map((role) => (
              <div key={role}>
                <input
                  type="radio"
                  id={`new-role-${role}`}
                  name="role"
                  value={role}
                  checked={chosenRole === role}
                />
                <label for={`new-role-${role}`}>{t(`role.${role}`)}</label>
              </div>
            ))}
          </fieldset>
          <div>
            <button type="submit">{t('users.add')}</button>
          </div>
        </form>
      </ConsoleLayout>,
    );
  }

  // ---- helpers ------------------------------------------------------------

  private t(request: FastifyRequest): ConsoleT {
    return translatorFor(stateOf(request)?.locale ?? 'en');
  }

  private context(
    request: FastifyRequest,
    csrfToken: string,
    principal: ConsolePrincipal | null,
  ): ConsolePageContext {
    const state = stateOf(request);
    return {
      locale: state?.locale ?? 'en',
      nonce: state?.nonce ?? '',
      path: request.url,
      csrfToken,
      user: principal ? { name: principal.user.name, role: principal.user.role } : null,
    };
  }

  private async page(
    request: FastifyRequest,
    principal: ConsolePrincipal,
  ): Promise<ConsolePageContext> {
    const session = await this.sessions.current(request);
    return this.context(request, session?.csrfToken ?? '', principal);
  }

  private send(reply: FastifyReply, element: preact.VNode): void {
    void reply.type('text/html; charset=utf-8').send(renderPage(element));
  }
}

/** Service errors that belong next to a field: field errors, or a conflict on `conflictField`. */
function fieldErrorsOf(error: unknown, conflictField: string): FieldErrors | null {
  if (error instanceof ConflictException) return { [conflictField]: [error.message] };
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const fields =
      'fields' in error
        ? (error as HttpException & { fields: FieldErrors }).fields
        : typeof response === 'object' && response !== null && 'fields' in response
          ? (response as { fields: FieldErrors }).fields
          : null;
    if (fields) return fields;
  }
  return null;
}

type LifecycleAction = 'suspend' | 'resume' | 'archive' | 'delete' | 'restore';

function lifecycleActions(tenant: TenantView): LifecycleAction[] {
  switch (tenant.status) {
    case 'active':
      return ['suspend', 'archive', 'delete'];
    case 'suspended':
      return ['resume', 'archive', 'delete'];
    case 'archived':
      return ['resume', 'suspend', 'delete'];
    case 'failed':
      return ['delete'];
    case 'deleting':
      return ['restore'];
    default:
      return [];
  }
}

function LocaleChoice(props: {
  t: ConsoleT;
  selected: readonly string[];
  chosenDefault: string;
  errors: FieldErrors;
}) {
  const { t, errors } = props;
  return (
    <>
      <fieldset
        id="field-locales"
        aria-describedby={errors.locales ? 'field-locales-error' : undefined}
      >
        <legend>{t('field.locales')}</legend>
        {errors.locales && (
          <p class="error" id="field-locales-error">
            {errors.locales.join(' ')}
          </p>
        )}
        {SUPPORTED_LOCALES.map((l) => (
          <div key={l}>
            <input
              type="checkbox"
              id={`locale-${l}`}
              name="locales"
              value={l}
              checked={props.selected.includes(l)}
            />
            <label for={`locale-${l}`} lang={l}>
              {LOCALE_NAMES[l]}
            </label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="field-defaultLocale">{t('field.defaultLocale')}</label>
        {errors.defaultLocale && (
          <span class="error" id="field-defaultLocale-error">
            {errors.defaultLocale.join(' ')}
          </span>
        )}
        <select
          id="field-defaultLocale"
          name="defaultLocale"
          aria-invalid={errors.defaultLocale ? 'true' : undefined}
          aria-describedby={errors.defaultLocale ? 'field-defaultLocale-error' : undefined}
        >
          {SUPPORTED_LOCALES.map((l) => (
            <option key={l} value={l} selected={props.chosenDefault === l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/**
 * Status, and while provisioning a progress bar that a small script keeps
 * current from the JSON API; without JavaScript, a link reloads the page.
 */
function ProvisioningStatus({
  t,
  tenant,
  nonce,
  locale,
}: {
  t: ConsoleT;
  tenant: TenantView;
  nonce: string;
  locale: string;
}) {
  if (tenant.status === 'failed') {
    return (
      <>
        {t('status.failed')} — {t('detail.failed', { error: tenant.error ?? '' })}
      </>
    );
  }
  if (tenant.status === 'deleting') {
    return (
      <>
        {t('status.deleting')} —{' '}
        {t('detail.purgeAfter', { date: formatDate(locale, tenant.purgeAfter ?? null) })}
      </>
    );
  }
  if (tenant.status !== 'provisioning') {
    return (
      <>
        {t(`status.${tenant.status}`)}
        {tenant.status === 'active' && (
          <>
            {' — '}
            <a href={tenant.url}>{t('detail.open')}</a>
          </>
        )}
      </>
    );
  }
  const progress = tenant.progress ?? 0;
  const script = `(function(){var bar=document.getElementById('progress');var text=document.getElementById('progress-text');
function tick(){fetch('/api/console/v1/tenants/'+bar.dataset.tenant,{credentials:'same-origin',headers:{accept:'application/json'}})
.then(function(r){return r.json();}).then(function(b){var d=b.data;if(!d||d.status!=='provisioning'){location.reload();return;}
bar.value=d.progress;text.textContent=bar.dataset.template.replace('{progress}',d.progress);setTimeout(tick,1000);})
.catch(function(){setTimeout(tick,3000);});}
setTimeout(tick,1000);})();`;
  return (
    <>
      <div aria-live="polite">
        <span id="progress-text">{t('detail.progress', { progress })}</span>
      </div>
      <progress
        id="progress"
        max={100}
        value={progress}
        aria-labelledby="progress-text"
        data-tenant={tenant.id}
        data-template={t('detail.progress', { progress: '{progress}' })}
      />
      <p>
        <a href={`/tenants/${tenant.id}`}>{t('detail.refresh')}</a>
      </p>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />
    </>
  );
}

const MB = 1024 * 1024;

/** Usage with the limit beside each figure that has one. */
function UsageFigures({ t, locale, tenant }: { t: ConsoleT; locale: string; tenant: TenantView }) {
  const usage = tenant.usage;
  if (!usage) return <>{t('detail.usageNone')}</>;
  const withLimit = (value: number, max: number | null) =>
    max === null ? String(value) : t('usage.ofLimit', { value, max });
  const rows: [Parameters<ConsoleT>[0], string][] = [
    ['usage.participants', withLimit(usage.participants, tenant.limits.participants)],
    ['usage.spaces', withLimit(usage.spaces, tenant.limits.spaces)],
    ['usage.contributions', String(usage.contributions)],
    ['usage.storage', withLimit(Math.ceil(usage.storageBytes / MB), tenant.limits.storageMb)],
    ['usage.emails', String(usage.emailsThisMonth)],
  ];
  return (
    <>
      <ul>
        {rows.map(([key, value]) => (
          <li key={key}>
            {t(key)}: {value}
          </li>
        ))}
      </ul>
      <p>{t('usage.measuredAt', { date: formatDate(locale, usage.measuredAt) })}</p>
    </>
  );
}

function AuditTable(props: {
  t: ConsoleT;
  locale: string;
  events: {
    id: string;
    createdAt: Date;
    actorEmail: string | null;
    action: string;
    tenantId: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    ip: string | null;
  }[];
  withTenant?: boolean;
}) {
  const { t } = props;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('audit.when')}</th>
          <th scope="col">{t('audit.who')}</th>
          <th scope="col">{t('audit.action')}</th>
          {props.withTenant && <th scope="col">{t('audit.tenant')}</th>}
          <th scope="col">{t('audit.changes')}</th>
          <th scope="col">{t('audit.ip')}</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr key={e.id}>
            <td>{formatDate(props.locale, e.createdAt)}</td>
            <td>{e.actorEmail ?? t('audit.system')}</td>
            <td>
              <code>{e.action}</code>
            </td>
            {props.withTenant && (
              <td>{e.tenantId ? <a href={`/tenants/${e.tenantId}`}>{e.tenantId}</a> : '—'}</td>
            )}
            <td>
              {e.before && <code>{JSON.stringify(e.before)}</code>}
              {e.before && e.after && ' → '}
              {e.after && <code>{JSON.stringify(e.after)}</code>}
            </td>
            <td>{e.ip ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pagination(props: {
  t: ConsoleT;
  meta: Page<unknown>['meta'];
  link: (page: number) => string;
}) {
  const { t, meta } = props;
  if (meta.pages <= 1) return null;
  return (
    <nav aria-label={t('page.label')}>
      <p>{t('page.of', { page: meta.page, pages: meta.pages })}</p>
      <ul class="actions">
        {meta.page > 1 && (
          <li>
            <a href={props.link(meta.page - 1)} rel="prev">
              {t('page.prev')}
            </a>
          </li>
        )}
        {meta.page < meta.pages && (
          <li>
            <a href={props.link(meta.page + 1)} rel="next">
              {t('page.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
