import { Global, Module } from '@nestjs/common';

import { MailModule } from '@plaza/mail';
import { ThemingModule } from '@plaza/theming';
import { CURRENT_USER_RESOLVER } from '@plaza/web';

import { AccountController } from './account.pages';
import { AccountMails } from './account-mails.service';
import { AccountPagesController } from './accounts.pages';
import { AccountsService } from './accounts.service';
import { CredentialPagesController } from './credentials.pages';
import { FirstAdminInvitation } from './first-admin-invitation';
import { InvitationsService } from './invitations.service';
import { LocalAuthenticator } from './local-authenticator';
import { ParticipantGuard } from './participant.guard';
import { SessionUserResolver } from './session-user.resolver';

/** Accounts of tenant sites. Global so every feature's guards can resolve the current person. */
@Global()
@Module({
  imports: [MailModule, ThemingModule],
  controllers: [AccountPagesController, CredentialPagesController, AccountController],
  providers: [
    { provide: CURRENT_USER_RESOLVER, useClass: SessionUserResolver },
    AccountsService,
    AccountMails,
    InvitationsService,
    LocalAuthenticator,
    ParticipantGuard,
  ],
  exports: [CURRENT_USER_RESOLVER, AccountsService, InvitationsService, ParticipantGuard],
})
export class IdentityModule {}

/** The worker's part of accounts: what follows provisioning (the first admin's invitation). */
@Module({
  imports: [MailModule],
  providers: [AccountsService, AccountMails, InvitationsService, FirstAdminInvitation],
})
export class IdentityJobsModule {}
