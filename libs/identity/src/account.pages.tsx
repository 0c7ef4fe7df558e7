import { randomUUID } from 'node:crypto';

import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { MoreThan } from 'typeorm';

import { FILE_STORAGE, FileStorage, tenantKey, tenantPrefix } from '@plaza/storage';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import type { FieldErrors } from '@plaza/web';
import {
  CurrentUsers,
  OnHost,
  RateLimiter,
  RequireSignIn,
  Sessions,
  stateOf,
  uploadedFile,
} from '@plaza/web';

import { AccountMails } from './account-mails.service';
import { emailProblem, FieldProblems } from './account-validation';
import { AccountsMessageKey, accountsT } from './accounts.messages';
import { AccountsService, normalizeEmail } from './accounts.service';
import { AccountView, MessageView, TwoFactorSetupView } from './accounts.views';
import { AvatarRefusedError, Avatars } from './avatars.service';
import { DataExportEntity } from './data-export.entity';
import { DATA_EXPORT_LIFETIME_SECONDS, DataExportQueue } from './data-export.queue';
import {
  ChangeEmailDto,
  DeleteAccountDto,
  NewsletterDto,
  TwoFactorDto,
} from './dto/account-forms.dto';
import { fieldErrorsIn, mailSiteOf, sendPage } from './page-kit';
import { profileT } from './profile.messages';
import { ProfileSections } from './profile.views';
import { TotpSecrets, TotpSecretUnreadableError } from './totp-secrets.service';
import { newTotpSecret, totpQrDataUrl, totpStep } from './two-factor';
import { TwoFactorOutage } from './two-factor-outage';

const EXPORT_LIMIT = { max: 3, windowSeconds: 24 * 3600 };
const EMAIL_CHANGE_LIMIT = { max: 5, windowSeconds: 3600 };

/** The signed-in person's own account: sessions, data export and deletion. */
@Controller('account')
@OnHost('tenant')
@RequireSignIn()
export class AccountController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly accounts: AccountsService,
    private readonly rateLimiter: RateLimiter,
    private readonly tenantDb: TenantDb,
    private readonly exports: DataExportQueue,
    private readonly mails: AccountMails,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly totpSecrets: TotpSecrets,
    private readonly avatars: Avatars,
    private readonly outage: TwoFactorOutage,
  ) {}

  /** The secret being enrolled, kept sealed in the session (Redis) like in the database. */
  private pendingSecret(values: Record<string, unknown>): string | null {
    const sealed = values.pendingTotpSecret;
    if (typeof sealed !== 'string') return null;
    try {
      return this.totpSecrets.open(sealed);
    } catch {
      return null;
    }
  }

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.accountPage(request, reply, HttpStatus.OK);
  }

  private async accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form: { reason?: string; newEmail?: string; notice?: string; errors?: FieldErrors } = {},
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const [site, twoFactor, row] = await Promise.all([
      this.siteContext.build(request),
      this.accounts.twoFactorState(user.id),
      this.accounts.findActive(user.id),
    ]);
    const profile = (
      <ProfileSections
        site={site}
        name={user.name}
        nickname={user.nickname}
        avatarUrl={user.avatarUrl ?? null}
        newsletterConsentAt={row?.newsletterConsentAt ?? null}
        avatarError={form.errors?.avatar}
      />
    );
    await sendPage(
      reply,
      status,
      <AccountView
        site={site}
        email={user.email}
        confirmed={user.confirmed}
        twoFactor={twoFactor.enabled}
        twoFactorRequired={twoFactor.required && !twoFactor.enabled}
        unconfirmedEmail={row?.unconfirmedEmail ?? null}
        profile={profile}
        {...form}
      />,
    );
  }

  /** The new address gets a link; the account keeps its address until it is followed. */
  @Post('email')
  async changeEmail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: ChangeEmailDto,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const user = (await this.users.of(request))!;
    const locale = stateOf(request)?.locale ?? tenant.defaultLocale;
    const newEmail = normalizeEmail(body.email ?? '');
    const problems: FieldProblems = {};
    const emailIssue = emailProblem(newEmail);
    if (emailIssue) problems.email = emailIssue;
    await this.rateLimiter.hit({
      key: `email-change:${tenant.id}:${user.id}`,
      ...EMAIL_CHANGE_LIMIT,
    });
    if (!(await this.accounts.authenticate(user.email, body.password ?? '')))
      problems.password = 'error.passwordWrong';
    if (Object.keys(problems).length)
      return this.accountPage(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, {
        newEmail,
        errors: fieldErrorsIn(locale, problems),
      });
    const token = await this.accounts.requestEmailChange(user.id, newEmail);
    const site = await this.siteContext.build(request);
    // The same answer when the address is taken: this form does not tell who has an account.
    if (token) await this.mails.emailChange(mailSiteOf(request, site), user, newEmail, token);
    await this.accountPage(request, reply, HttpStatus.OK, {
      notice: accountsT(locale, 'email.sent', { email: newEmail }),
    });
  }

  /** A multipart form: the picture is checked, re-encoded to squares and replaces the previous one. */
  @Post('avatar')
  async uploadAvatar(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const locale = stateOf(request)?.locale ?? TenantContext.current().defaultLocale;
    try {
      await this.avatars.replace(user.id, uploadedFile(body, 'avatar'), locale);
    } catch (error) {
      if (!(error instanceof AvatarRefusedError)) throw error;
      return this.accountPage(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, {
        errors: { avatar: error.message },
      });
    }
    this.users.forget(request);
    await this.accountPage(request, reply, HttpStatus.OK, {
      notice: profileT(locale, 'avatar.saved'),
    });
  }

  @Post('avatar/remove')
  async removeAvatar(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = (await this.users.of(request))!;
    const locale = stateOf(request)?.locale ?? TenantContext.current().defaultLocale;
    await this.avatars.remove(user.id);
    this.users.forget(request);
    await this.accountPage(request, reply, HttpStatus.OK, {
      notice: profileT(locale, 'avatar.removed'),
    });
  }

  /** Consent to the newsletter, dated; withdrawing it clears the date. */
  @Post('newsletter')
  async newsletter(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: NewsletterDto,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const locale = stateOf(request)?.locale ?? TenantContext.current().defaultLocale;
    await this.accounts.setNewsletterConsent(user.id, body.newsletter === '1');
    await this.accountPage(request, reply, HttpStatus.OK, {
      notice: profileT(locale, 'newsletter.saved'),
    });
  }

  /** Step 1: a new secret, kept in the session until a code proves the app has it. */
  @Get('two_factor')
  async twoFactorSetup(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.twoFactorSetupPage(request, reply, HttpStatus.OK);
  }

  @Post('two_factor')
  async enableTwoFactor(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: TwoFactorDto,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const user = (await this.users.of(request))!;
    const session = (await this.sessions.current(request))!;
    const secret = this.pendingSecret(session.values);
    const step = secret === null ? null : totpStep(secret, body.code ?? '');
    if (secret === null || step === null)
      return this.twoFactorSetupPage(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, true);
    await this.accounts.setTotpSecret(user.id, secret, step);
    // A privilege change: other sessions end (they never gave a code) and this one gets a new id.
    await this.sessions.store.destroyAllForUser(`tenant:${tenant.id}`, user.id, session.id);
    delete session.values.pendingTotpSecret;
    await this.sessions.store.save(session);
    await this.sessions.rotate(request, reply);
    this.users.forget(request);
    void reply.redirect('/account', HttpStatus.SEE_OTHER);
  }

  @Post('two_factor/disable')
  async disableTwoFactor(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: TwoFactorDto,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    let accepted: boolean;
    try {
      accepted = await this.accounts.useTotpCode(user.id, body.code ?? '');
    } catch (error) {
      if (!(error instanceof TotpSecretUnreadableError)) throw error;
      this.outage.report(TenantContext.current().id, user.id);
      const site = await this.siteContext.build(request);
      const errors = { code: accountsT(site.locale, 'twoFactor.unavailable') };
      return this.accountPage(request, reply, HttpStatus.CONFLICT, { errors });
    }
    if (!accepted) {
      const site = await this.siteContext.build(request);
      const errors = { code: accountsT(site.locale, 'twoFactor.invalid') };
      return this.accountPage(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, { errors });
    }
    await this.accounts.setTotpSecret(user.id, null, null);
    this.users.forget(request);
    void reply.redirect('/account', HttpStatus.SEE_OTHER);
  }

  private async twoFactorSetupPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    invalid = false,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const session = (await this.sessions.current(request))!;
    let secret = this.pendingSecret(session.values);
    if (secret === null) {
      secret = newTotpSecret();
      session.values = { ...session.values, pendingTotpSecret: this.totpSecrets.seal(secret) };
      await this.sessions.store.save(session);
    }
    const site = await this.siteContext.build(request);
    const qrDataUrl = await totpQrDataUrl(secret, user.email, site.organizationName);
    await sendPage(
      reply,
      status,
      <TwoFactorSetupView
        site={site}
        qrDataUrl={qrDataUrl}
        secret={secret}
        general={invalid ? accountsT(site.locale, 'twoFactor.invalid') : undefined}
      />,
    );
  }

  /** Ends every session of the account, this one included. */
  @Post('sign_out_everywhere')
  async signOutEverywhere(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    await this.sessions.store.destroyAllForUser(`tenant:${TenantContext.current().id}`, user.id);
    await this.sessions.signOut(request, reply);
    this.users.forget(request);
    void reply.redirect('/', HttpStatus.SEE_OTHER);
  }

  @Post('data_export')
  async requestDataExport(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const user = (await this.users.of(request))!;
    await this.rateLimiter.hit({ key: `data-export:${tenant.id}:${user.id}`, ...EXPORT_LIMIT });
    const site = await this.siteContext.build(request);
    const exportId = randomUUID();
    await this.tenantDb.run((em) =>
      em.insert(DataExportEntity, {
        id: exportId,
        userId: user.id,
        storageKey: null,
        expiresAt: new Date(Date.now() + DATA_EXPORT_LIFETIME_SECONDS * 1000),
      }),
    );
    await this.exports.enqueue({
      tenantId: tenant.id,
      exportId,
      userId: user.id,
      host: request.hostname,
      siteName: site.organizationName,
      locale: user.locale ?? site.locale,
    });
    const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
    await sendPage(
      reply,
      HttpStatus.OK,
      <MessageView
        site={site}
        title={t('account.exportTitle')}
        message={t('account.exportRequested')}
      />,
    );
  }

  /** The mailed link: for the signed-in owner only, until the archive expires. */
  @Get('data_export/:id')
  async downloadDataExport(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const row = await this.tenantDb.run((em) =>
      em.findOneBy(DataExportEntity, { id, userId: user.id, expiresAt: MoreThan(new Date()) }),
    );
    if (!row?.storageKey) {
      const site = await this.siteContext.build(request);
      const t = (key: AccountsMessageKey) => accountsT(site.locale, key);
      return sendPage(
        reply,
        HttpStatus.NOT_FOUND,
        <MessageView site={site} title={t('account.exportTitle')} message={t('export.expired')} />,
      );
    }
    const url = await this.storage.signedUrl(tenantKey(row.storageKey), {
      expiresInSeconds: 300,
      downloadName: 'personal-data.zip',
    });
    void reply.redirect(url, HttpStatus.SEE_OTHER);
  }

  @Post('delete')
  async delete(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: DeleteAccountDto,
  ): Promise<void> {
    const user = (await this.users.of(request))!;
    const reason = (body.reason ?? '').trim();
    const problems: FieldProblems = {};
    if (reason.length > 500) problems.reason = 'error.reasonLong';
    if (body.confirm !== '1') problems.confirm = 'error.deleteConfirm';
    if (Object.keys(problems).length) {
      const locale = stateOf(request)?.locale ?? TenantContext.current().defaultLocale;
      return this.accountPage(request, reply, HttpStatus.UNPROCESSABLE_ENTITY, {
        reason,
        errors: fieldErrorsIn(locale, problems),
      });
    }
    // The picture goes with the account (its row keeps no trace of it).
    await this.avatars.remove(user.id);
    await this.accounts.deleteAccount(user.id, reason || null);
    // Archives of the person's data go with the account.
    await this.storage.deletePrefix(tenantPrefix('data-exports', user.id));
    await this.sessions.store.destroyAllForUser(`tenant:${TenantContext.current().id}`, user.id);
    await this.sessions.signOut(request, reply);
    this.users.forget(request);
    const site = await this.siteContext.build(request);
    const title = accountsT(site.locale, 'account.deleteTitle');
    await sendPage(
      reply,
      HttpStatus.OK,
      <MessageView site={site} title={title} message={accountsT(site.locale, 'account.deleted')} />,
    );
  }
}
