import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { MailModule } from '@plaza/mail';
import { StorageModule } from '@plaza/storage';
import { ThemingModule } from '@plaza/theming';
import { CURRENT_USER_RESOLVER } from '@plaza/web';

import { AccountController } from './account.pages';
import { AccountMails } from './account-mails.service';
import { AccountPagesController } from './accounts.pages';
import { AccountsService } from './accounts.service';
import { ActionLog } from './action-log.service';
import { CredentialPagesController } from './credentials.pages';
import { DataExportJob } from './data-export.job';
import { DataExportQueue } from './data-export.queue';
import { FirstAdminInvitation } from './first-admin-invitation';
import { ForceSignInGuard } from './force-sign-in.guard';
import { InvitationsService } from './invitations.service';
import { LocalAuthenticator } from './local-authenticator';
import { OrganizationAccess } from './organization-access';
import { ParticipantGuard } from './participant.guard';
import { PeopleAdminController } from './people-admin.pages';
import { PeopleAdminService } from './people-admin.service';
import { PersonalDataSections } from './personal-data';
import { SessionUserResolver } from './session-user.resolver';

/** Accounts of tenant sites. Global so every feature's guards can resolve the current person. */
@Global()
@Module({
  imports: [MailModule, ThemingModule, StorageModule],
  controllers: [
    AccountPagesController,
    CredentialPagesController,
    AccountController,
    PeopleAdminController,
  ],
  providers: [
    { provide: CURRENT_USER_RESOLVER, useClass: SessionUserResolver },
    { provide: APP_GUARD, useClass: ForceSignInGuard },
    AccountsService,
    AccountMails,
    InvitationsService,
    DataExportQueue,
    ActionLog,
    PeopleAdminService,
    LocalAuthenticator,
    ParticipantGuard,
    OrganizationAccess,
  ],
  exports: [
    CURRENT_USER_RESOLVER,
    AccountsService,
    InvitationsService,
    ParticipantGuard,
    ActionLog,
  ],
})
export class IdentityModule {}

/**
 * What follows provisioning (the first admin's invitation), for every process
 * that provisions tenants: the worker's job and the CLI's tenants:create.
 */
@Module({
  imports: [MailModule],
  providers: [AccountsService, AccountMails, InvitationsService, FirstAdminInvitation],
  exports: [AccountsService, AccountMails, InvitationsService],
})
export class IdentityProvisioningModule {}

/** The worker's part of accounts: provisioning hooks and data exports. */
@Module({
  imports: [IdentityProvisioningModule, MailModule, StorageModule],
  providers: [PersonalDataSections, DataExportQueue, DataExportJob],
  exports: [PersonalDataSections],
})
export class IdentityJobsModule {}
