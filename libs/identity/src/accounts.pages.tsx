import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { OrganizationEntity, PlanLimitException, TenantContext, TenantDb } from '@plaza/tenancy';
import { SiteContextService, StaticPageEntity } from '@plaza/theming';
import {
  CurrentUsers,
  OnHost,
  planLimitMessage,
  RateLimiter,
  RequireSignIn,
  Sessions,
  SiteContext,
  stateOf,
  TooManyAttemptsException,
} from '@plaza/web';

import { AccountMails } from './account-mails.service';
import { FieldProblems, sameSitePath, signUpProblems } from './account-validation';
import { AccountsMessageKey, accountsT } from './accounts.messages';
import { AccountsService, normalizeEmail } from './accounts.service';
import {
  MessageView,
  ResendConfirmationForm,
  SignInView,
  SignUpView,
  TermsView,
  TwoFactorView,
} from './accounts.views';
import { AcceptTermsDto, SignInDto, SignUpDto, TwoFactorDto } from './dto/account-forms.dto';
import { LocalAuthenticator } from './local-authenticator';
import { fieldErrorsIn, mailSiteOf, sendPage, signInLockKey, tooManyMessage } from './page-kit';
import { TotpSecretUnreadableError } from './totp-secrets.service';
import { TwoFactorOutage } from './two-factor-outage';

/** Per tenant + IP: sign-in attempts in 5 minutes, registrations and resends in an hour. */
const SIGN_IN_IP_LIMIT = { max: 20, windowSeconds: 300 };
const SIGN_UP_IP_LIMIT = { max: 10, windowSeconds: 3600 };
const RESEND_LIMIT = { max: 3, windowSeconds: 3600 };
const TWO_FACTOR_STEP_MS = 5 * 60 * 1000;

/** Sign-in, sign-out, registration, email confirmation and terms acceptance on a tenant site. */
@Controller('users')
@OnHost('tenant')
export class AccountPagesController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly rateLimiter: RateLimiter,
    private readonly authenticator: LocalAuthenticator,
    private readonly accounts: AccountsService,
    private readonly mails: AccountMails,
    private readonly tenantDb: TenantDb,
    private readonly outage: TwoFactorOutage,
  ) {}

  @Get('sign_in')
  async signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('back') back?: string,
  ): Promise<void> {
    const site = await this.visitorSite(request, reply);
    await this.send(reply, HttpStatus.OK, <SignInView site={site} back={sameSitePath(back)} />);
  }

  @Post('sign_in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: SignInDto,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const email = normalizeEmail(body.email ?? '');
    const back = sameSitePath(body.back);
    // Keyed by the address typed, whether or not an account has it: a lock reveals nothing.
    const accountKey = signInLockKey(tenant.id, email);
    const again = async (status: number, general: string) => {
      const site = await this.siteContext.build(request);
      await this.send(
        reply,
        status,
        <SignInView site={site} back={back} email={email} general={general} />,
      );
    };
    try {
      await this.rateLimiter.hit({
        key: `sign-in:ip:${tenant.id}:${request.ip}`,
        ...SIGN_IN_IP_LIMIT,
      });
      await this.rateLimiter.assertNotLocked(accountKey);
    } catch (error) {
      if (!(error instanceof TooManyAttemptsException)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return again(HttpStatus.TOO_MANY_REQUESTS, this.tooMany(request, error.retryAfterSeconds));
    }
    const user =
      email && body.password
        ? await this.authenticator.authenticate({ email, password: body.password })
        : null;
    if (!user) {
      if (email) await this.rateLimiter.failure(accountKey);
      return again(
        HttpStatus.UNPROCESSABLE_ENTITY,
        accountsT(this.locale(request), 'signIn.invalid'),
      );
    }
    await this.rateLimiter.reset(accountKey);
    if (user.totpSecret) {
      // Half signed in: the visitor session remembers who, until the code is given.
      const session = await this.sessions.ensure(request, reply);
      session.values = {
        ...session.values,
        twoFactorUserId: user.id,
        twoFactorBack: back,
        twoFactorSince: Date.now(),
      };
      await this.sessions.store.save(session);
      return void reply.redirect('/users/two_factor', HttpStatus.SEE_OTHER);
    }
    await this.sessions.signIn(request, reply, user.id);
    this.users.forget(request);
    void reply.redirect(back, HttpStatus.SEE_OTHER);
  }

  @Get('two_factor')
  async twoFactorPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.pendingTwoFactor(request)))
      return void reply.redirect('/users/sign_in', HttpStatus.SEE_OTHER);
    const site = await this.siteContext.build(request);
    await this.send(reply, HttpStatus.OK, <TwoFactorView site={site} />);
  }

  @Post('two_factor')
  async twoFactor(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: TwoFactorDto,
  ): Promise<void> {
    const pending = await this.pendingTwoFactor(request);
    if (!pending) return void reply.redirect('/users/sign_in', HttpStatus.SEE_OTHER);
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const lockKey = `two-factor:${tenant.id}:${pending.userId}`;
    const again = (status: number, general: string) =>
      this.send(reply, status, <TwoFactorView site={site} general={general} />);
    try {
      await this.rateLimiter.assertNotLocked(lockKey);
    } catch (error) {
      if (!(error instanceof TooManyAttemptsException)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return again(HttpStatus.TOO_MANY_REQUESTS, this.tooMany(request, error.retryAfterSeconds));
    }
    let accepted: boolean;
    try {
      accepted = await this.accounts.useTotpCode(pending.userId, body.code ?? '');
    } catch (error) {
      if (!(error instanceof TotpSecretUnreadableError)) throw error;
      this.outage.report(tenant.id, pending.userId);
      const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
      return this.send(
        reply,
        HttpStatus.CONFLICT,
        <MessageView
          site={site}
          title={t('twoFactor.title')}
          message={t('twoFactor.unavailable')}
        />,
      );
    }
    if (!accepted) {
      await this.rateLimiter.failure(lockKey);
      return again(HttpStatus.UNPROCESSABLE_ENTITY, accountsT(site.locale, 'twoFactor.invalid'));
    }
    await this.rateLimiter.reset(lockKey);
    await this.sessions.signIn(request, reply, pending.userId);
    this.users.forget(request);
    void reply.redirect(pending.back, HttpStatus.SEE_OTHER);
  }

  @Post('sign_out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(request, reply);
    this.users.forget(request);
    void reply.redirect('/', HttpStatus.SEE_OTHER);
  }

  @Get('sign_up')
  async signUpPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const site = await this.visitorSite(request, reply);
    const closed = await this.registrationClosed(site);
    if (closed) return this.send(reply, HttpStatus.OK, closed);
    await this.send(reply, HttpStatus.OK, <SignUpView site={site} />);
  }

  @Post('sign_up')
  async signUp(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: SignUpDto,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const closed = await this.registrationClosed(site);
    if (closed) return this.send(reply, HttpStatus.FORBIDDEN, closed);
    const values = {
      email: normalizeEmail(body.email ?? ''),
      name: body.name ?? '',
      nickname: body.nickname ?? '',
      tos: body.tos === '1',
      newsletter: body.newsletter === '1',
    };
    const form = (status: number, problems: FieldProblems, general?: string) =>
      this.send(
        reply,
        status,
        <SignUpView
          site={site}
          values={values}
          errors={fieldErrorsIn(site.locale, problems)}
          general={general}
        />,
      );
    try {
      await this.rateLimiter.hit({
        key: `sign-up:ip:${tenant.id}:${request.ip}`,
        ...SIGN_UP_IP_LIMIT,
      });
    } catch (error) {
      if (!(error instanceof TooManyAttemptsException)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return form(HttpStatus.TOO_MANY_REQUESTS, {}, this.tooMany(request, error.retryAfterSeconds));
    }
    const password = body.password ?? '';
    const problems = signUpProblems({ ...values, password });
    if (Object.keys(problems).length) return form(HttpStatus.UNPROCESSABLE_ENTITY, problems);
    let outcome: Awaited<ReturnType<AccountsService['register']>>;
    try {
      outcome = await this.accounts.register({
        ...values,
        password,
        locale: site.locale,
        termsVersion: await this.accounts.termsVersion(),
      });
    } catch (error) {
      if (!(error instanceof PlanLimitException)) throw error;
      return form(HttpStatus.FORBIDDEN, {}, planLimitMessage(site.locale, error));
    }
    if (outcome.kind === 'nickname-taken')
      return form(HttpStatus.UNPROCESSABLE_ENTITY, { nickname: 'error.nicknameTaken' });
    const mailSite = mailSiteOf(request, site);
    // The same answer whether or not the address already had an account; its owner is told by mail.
    if (outcome.kind === 'created')
      await this.mails.confirmation(mailSite, outcome.user, outcome.confirmToken);
    else
      await this.mails.emailTaken(
        { ...mailSite, locale: outcome.user.locale ?? site.locale },
        outcome.user.email,
      );
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key, { email: values.email });
    await this.send(
      reply,
      HttpStatus.OK,
      <MessageView
        site={site}
        title={t('signUp.checkEmailTitle')}
        message={t('signUp.checkEmail')}
      />,
    );
  }

  @Get('confirmation')
  async confirm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    const confirmed = await this.accounts.confirmEmail(token ?? '');
    this.users.forget(request);
    const site = await this.siteContext.build(request);
    const current = await this.users.of(request);
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
    await this.send(
      reply,
      confirmed ? HttpStatus.OK : HttpStatus.NOT_FOUND,
      <MessageView
        site={site}
        title={t('confirm.title')}
        message={t(confirmed ? 'confirm.done' : 'confirm.invalid')}
      >
        {!confirmed && current && !current.confirmed && <ResendConfirmationForm site={site} />}
      </MessageView>,
    );
  }

  /** The link sent to a new address: the account takes it, and the old address is told. */
  @Get('email_confirmation')
  async confirmEmailChange(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    const changed = await this.accounts.confirmEmailChange(token ?? '');
    this.users.forget(request);
    const site = await this.siteContext.build(request);
    const t = (key: AccountsMessageKey, params?: Record<string, string>) =>
      accountsT(site.locale, key, params);
    if (changed) {
      const { user, previous } = changed;
      await this.mails.emailChanged(
        { ...mailSiteOf(request, site), locale: user.locale ?? site.locale },
        previous,
        user,
      );
    }
    await this.send(
      reply,
      changed ? HttpStatus.OK : HttpStatus.NOT_FOUND,
      <MessageView
        site={site}
        title={t('email.title')}
        message={changed ? t('email.done', { email: changed.user.email }) : t('email.invalid')}
      />,
    );
  }

  /** A new confirmation link for the signed-in, still unconfirmed person. */
  @Post('confirmation')
  @RequireSignIn()
  async resendConfirmation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
    if (!user.confirmed) {
      await this.rateLimiter.hit({
        key: `confirm-resend:${tenant.id}:${user.id}`,
        ...RESEND_LIMIT,
      });
      const token = await this.accounts.newConfirmToken(user.id);
      await this.mails.confirmation(mailSiteOf(request, site), user, token);
    }
    await this.send(
      reply,
      HttpStatus.OK,
      <MessageView
        site={site}
        title={t('confirm.title')}
        message={t(user.confirmed ? 'confirm.done' : 'confirm.resent')}
      />,
    );
  }

  /** Shown when the terms changed since the person last accepted them. */
  @Get('terms')
  @RequireSignIn()
  async termsPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('back') back?: string,
  ): Promise<void> {
    await this.termsForm(request, reply, HttpStatus.OK, sameSitePath(back));
  }

  @Post('terms')
  @RequireSignIn()
  async acceptTerms(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: AcceptTermsDto,
  ): Promise<void> {
    const back = sameSitePath(body.back);
    if (body.accept !== '1')
      return this.termsForm(
        request,
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        back,
        'terms.required',
      );
    const user = (await this.users.of(request))!;
    await this.accounts.acceptTerms(user.id);
    void reply.redirect(back, HttpStatus.SEE_OTHER);
  }

  private async termsForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    back: string,
    error?: AccountsMessageKey,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const page = await this.tenantDb.run((em) => em.findOneBy(StaticPageEntity, { isTerms: true }));
    const title =
      translate(page?.title, site.locale, tenant.defaultLocale) ||
      accountsT(site.locale, 'terms.title');
    const content = translate(page?.content, site.locale, tenant.defaultLocale);
    await this.send(
      reply,
      status,
      <TermsView
        site={site}
        back={back}
        title={title}
        paragraphs={content.split(/\n{2,}/).filter((p) => p.trim())}
        error={error && accountsT(site.locale, error)}
      />,
    );
  }

  /** Visitors need a session before posting a form (its CSRF token). */
  private async visitorSite(request: FastifyRequest, reply: FastifyReply): Promise<SiteContext> {
    await this.sessions.ensure(request, reply);
    return this.siteContext.build(request);
  }

  /** Who passed the password step in this session, for at most 5 minutes. */
  private async pendingTwoFactor(
    request: FastifyRequest,
  ): Promise<{ userId: string; back: string } | null> {
    const values = (await this.sessions.current(request))?.values;
    const userId = values?.twoFactorUserId;
    const since = Number(values?.twoFactorSince ?? 0);
    if (typeof userId !== 'string' || Date.now() - since > TWO_FACTOR_STEP_MS) return null;
    return { userId, back: sameSitePath(String(values?.twoFactorBack ?? '/')) };
  }

  private async registrationClosed(site: SiteContext): Promise<preact.VNode | null> {
    const organization = await this.tenantDb.run((em) =>
      em.findOneByOrFail(OrganizationEntity, { id: 1 }),
    );
    if (organization.registrationMode === 'open') return null;
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
    return (
      <MessageView
        site={site}
        title={t('signUp.title')}
        message={t(
          organization.registrationMode === 'closed' ? 'signUp.closed' : 'signUp.invitationOnly',
        )}
      />
    );
  }

  private tooMany(request: FastifyRequest, seconds: number): string {
    return tooManyMessage(this.locale(request), seconds);
  }

  private locale(request: FastifyRequest): string {
    return stateOf(request)?.locale ?? TenantContext.current().defaultLocale;
  }

  private send(reply: FastifyReply, status: number, page: preact.VNode): Promise<void> {
    return sendPage(reply, status, page);
  }
}
