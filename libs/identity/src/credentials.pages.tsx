import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { TenantContext } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import {
  CurrentUsers,
  OnHost,
  RateLimiter,
  Sessions,
  SiteContext,
  TooManyAttemptsException,
} from '@plaza/web';

import { AccountMails } from './account-mails.service';
import { emailProblem, newPasswordProblem, signUpProblems } from './account-validation';
import { AccountsMessageKey, accountsT } from './accounts.messages';
import { AccountsService, normalizeEmail } from './accounts.service';
import {
  AcceptInvitationView,
  ForgotPasswordView,
  MessageView,
  NewPasswordView,
} from './accounts.views';
import { AcceptInvitationDto, ForgotPasswordDto, NewPasswordDto } from './dto/account-forms.dto';
import { InvitationsService } from './invitations.service';
import { fieldErrorsIn, mailSiteOf, sendPage, signInLockKey, tooManyMessage } from './page-kit';

/** Per tenant + IP, and per address typed: reset requests in an hour. */
const RESET_IP_LIMIT = { max: 10, windowSeconds: 3600 };
const RESET_ADDRESS_LIMIT = { max: 3, windowSeconds: 3600 };

/** Password reset by email and acceptance of invitations: both end with a password and a session. */
@Controller('users')
@OnHost('tenant')
export class CredentialPagesController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly rateLimiter: RateLimiter,
    private readonly accounts: AccountsService,
    private readonly invitations: InvitationsService,
    private readonly mails: AccountMails,
  ) {}

  @Get('password/new')
  async forgotPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.ensure(request, reply);
    const site = await this.siteContext.build(request);
    await sendPage(reply, HttpStatus.OK, <ForgotPasswordView site={site} />);
  }

  @Post('password/new')
  async requestReset(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: ForgotPasswordDto,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const email = normalizeEmail(body.email ?? '');
    const problem = emailProblem(email);
    if (problem)
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <ForgotPasswordView
          site={site}
          email={email}
          errors={fieldErrorsIn(site.locale, { email: problem })}
        />,
      );
    try {
      await this.rateLimiter.hit({ key: `reset:ip:${tenant.id}:${request.ip}`, ...RESET_IP_LIMIT });
      await this.rateLimiter.hit({
        key: `reset:address:${tenant.id}:${email}`,
        ...RESET_ADDRESS_LIMIT,
      });
    } catch (error) {
      if (!(error instanceof TooManyAttemptsException)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return sendPage(
        reply,
        HttpStatus.TOO_MANY_REQUESTS,
        <ForgotPasswordView
          site={site}
          email={email}
          general={tooManyMessage(site.locale, error.retryAfterSeconds)}
        />,
      );
    }
    const issued = await this.accounts.requestPasswordReset(email);
    if (issued) {
      const locale = issued.user.locale ?? site.locale;
      await this.mails.passwordReset(
        { ...mailSiteOf(request, site), locale },
        issued.user,
        issued.token,
      );
    }
    // The same answer whether or not an account uses the address.
    await this.message(
      reply,
      HttpStatus.OK,
      site,
      'reset.title',
      accountsT(site.locale, 'reset.sent', { email }),
    );
  }

  @Get('password/edit')
  async newPasswordPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    await this.sessions.ensure(request, reply);
    const site = await this.siteContext.build(request);
    if (!(await this.accounts.peekToken('reset', token ?? '')))
      return this.message(
        reply,
        HttpStatus.NOT_FOUND,
        site,
        'reset.title',
        accountsT(site.locale, 'reset.invalid'),
      );
    await sendPage(reply, HttpStatus.OK, <NewPasswordView site={site} token={token ?? ''} />);
  }

  @Post('password/edit')
  async resetPassword(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: NewPasswordDto,
  ): Promise<void> {
    const site = await this.siteContext.build(request);
    const token = body.token ?? '';
    const password = body.password ?? '';
    const problem = newPasswordProblem(password);
    if (problem)
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <NewPasswordView
          site={site}
          token={token}
          errors={fieldErrorsIn(site.locale, { password: problem })}
        />,
      );
    const user = await this.accounts.resetPassword(token, password);
    if (!user)
      return this.message(
        reply,
        HttpStatus.NOT_FOUND,
        site,
        'reset.title',
        accountsT(site.locale, 'reset.invalid'),
      );
    await this.startFresh(request, reply, user.id, user.email);
    void reply.redirect('/', HttpStatus.SEE_OTHER);
  }

  @Get('invitation')
  async invitationPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    await this.sessions.ensure(request, reply);
    const site = await this.siteContext.build(request);
    const invited = await this.accounts.peekToken('invite', token ?? '');
    if (!invited)
      return this.message(
        reply,
        HttpStatus.NOT_FOUND,
        site,
        'invite.title',
        accountsT(site.locale, 'invite.invalid'),
      );
    await sendPage(
      reply,
      HttpStatus.OK,
      <AcceptInvitationView
        site={site}
        token={token ?? ''}
        values={{ name: invited.name, nickname: invited.nickname }}
      />,
    );
  }

  @Post('invitation')
  async acceptInvitation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: AcceptInvitationDto,
  ): Promise<void> {
    const site = await this.siteContext.build(request);
    const token = body.token ?? '';
    const values = { name: body.name ?? '', nickname: body.nickname ?? '', tos: body.tos === '1' };
    const password = body.password ?? '';
    // The address is the invited one: only the other fields are checked.
    const problems = signUpProblems({ ...values, password, email: 'invited@example.org' });
    const form = (problemsToShow: typeof problems) =>
      sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <AcceptInvitationView
          site={site}
          token={token}
          values={values}
          errors={fieldErrorsIn(site.locale, problemsToShow)}
        />,
      );
    if (Object.keys(problems).length) return form(problems);
    const outcome = await this.invitations.accept(token, { ...values, password });
    if (outcome.kind === 'nickname-taken') return form({ nickname: 'error.nicknameTaken' });
    if (outcome.kind === 'invalid')
      return this.message(
        reply,
        HttpStatus.NOT_FOUND,
        site,
        'invite.title',
        accountsT(site.locale, 'invite.invalid'),
      );
    await this.startFresh(request, reply, outcome.user.id, outcome.user.email);
    void reply.redirect(
      outcome.user.roles.includes('admin') ? '/admin/people' : '/',
      HttpStatus.SEE_OTHER,
    );
  }

  /** A new password ends every other session of the account and lifts a sign-in lock. */
  private async startFresh(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    email: string,
  ): Promise<void> {
    const tenant = TenantContext.current();
    await this.sessions.store.destroyAllForUser(`tenant:${tenant.id}`, userId);
    await this.rateLimiter.reset(signInLockKey(tenant.id, email));
    await this.sessions.signIn(request, reply, userId);
    this.users.forget(request);
  }

  private message(
    reply: FastifyReply,
    status: number,
    site: SiteContext,
    titleKey: AccountsMessageKey,
    message: string,
  ): Promise<void> {
    return sendPage(
      reply,
      status,
      <MessageView site={site} title={accountsT(site.locale, titleKey)} message={message} />,
    );
  }
}
