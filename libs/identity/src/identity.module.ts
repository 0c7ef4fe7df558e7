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
import { Avatars } from './avatars.service';
import { CredentialPagesController } from './credentials.pages';
import { DataExportJob } from './data-export.job';
import { DataExportQueue } from './data-export.queue';
import { FirstAdminInvitation } from './first-admin-invitation';
import { ForceSignInGuard } from './force-sign-in.guard';
import { InvitationsService } from './invitations.service';
import { LocalAuthenticator } from './local-authenticator';
import { OrganizationAccess } from './organization-access';
import { OrganizationAdminController } from './organization-admin.pages';
import { OrganizationSettings } from './organization-settings.service';
import { ParticipantGuard } from './participant.guard';
import { PeopleAdminController } from './people-admin.pages';
import { PeopleAdminService } from './people-admin.service';
import { PersonalDataModule } from './personal-data.module';
import { PersonalTokensPages } from './personal-tokens.pages';
import { PersonalTokensService } from './personal-tokens.service';
import { ProfilesController } from './profiles.pages';
import { PublicContributions } from './public-contributions';
import { SessionUserResolver } from './session-user.resolver';
import { TotpSecrets } from './totp-secrets.service';
import { TwoFactorOutage } from './two-factor-outage';
import { VerificationDecisions } from './verification-decisions';
import { VerificationHashes } from './verification-hashes.service';
import { VerificationsAccountPages, VerificationsAdminPages } from './verifications.pages';
import { VerificationsService } from './verifications.service';

/** Accounts of tenant sites. Global so every feature's guards can resolve the current person. */
@Global()
@Module({
  imports: [MailModule, ThemingModule, StorageModule, PersonalDataModule],
  controllers: [
    AccountPagesController,
    CredentialPagesController,
    AccountController,
    PeopleAdminController,
    ProfilesController,
    VerificationsAccountPages,
    VerificationsAdminPages,
    PersonalTokensPages,
    OrganizationAdminController,
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
    OrganizationSettings,
    LocalAuthenticator,
    ParticipantGuard,
    TotpSecrets,
    Avatars,
    PublicContributions,
    TwoFactorOutage,
    VerificationsService,
    VerificationHashes,
    VerificationDecisions,
    PersonalTokensService,
    OrganizationAccess,
  ],
  exports: [
    Avatars,
    PublicContributions,
    VerificationsService,
    VerificationDecisions,
    PeopleAdminService,
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
  imports: [MailModule, PersonalDataModule],
  providers: [
    AccountsService,
    AccountMails,
    InvitationsService,
    FirstAdminInvitation,
    TotpSecrets,
    VerificationHashes,
  ],
  exports: [AccountsService, AccountMails, InvitationsService, TotpSecrets, VerificationHashes],
})
export class IdentityProvisioningModule {}

/** The worker's part of accounts: provisioning hooks and data exports. */
@Module({
  imports: [IdentityProvisioningModule, MailModule, StorageModule, PersonalDataModule],
  providers: [DataExportQueue, DataExportJob, Avatars],
})
export class IdentityJobsModule {}
