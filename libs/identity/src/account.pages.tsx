import { Body, Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { TenantContext } from '@plaza/tenancy';
import { SiteContextService } from '@plaza/theming';
import { CurrentUsers, OnHost, RequireSignIn, Sessions } from '@plaza/web';

import type { FieldProblems } from './account-validation';
import { accountsT } from './accounts.messages';
import { AccountsService } from './accounts.service';
import { AccountView, MessageView } from './accounts.views';
import { DeleteAccountDto } from './dto/account-forms.dto';
import { fieldErrorsIn, sendPage } from './page-kit';

/** The signed-in person's own account: sessions and deletion. */
@Controller('account')
@OnHost('tenant')
@RequireSignIn()
export class AccountController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = (await this.users.of(request))!;
    const site = await this.siteContext.build(request);
    await sendPage(
      reply,
      HttpStatus.OK,
      <AccountView site={site} email={user.email} confirmed={user.confirmed} />,
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
      const site = await this.siteContext.build(request);
      return sendPage(
        reply,
        HttpStatus.UNPROCESSABLE_ENTITY,
        <AccountView
          site={site}
          email={user.email}
          confirmed={user.confirmed}
          reason={reason}
          errors={fieldErrorsIn(site.locale, problems)}
        />,
      );
    }
    await this.accounts.deleteAccount(user.id, reason || null);
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
