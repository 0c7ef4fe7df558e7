import { Module } from '@nestjs/common';

import { MailModule } from '@plaza/mail';
import { SocialModule } from '@plaza/social';
import { SpacesModule } from '@plaza/spaces';
import { StorageModule } from '@plaza/storage';
import { ThemingModule } from '@plaza/theming';

import { ProposalAnswersService } from './proposal-answers.service';
import { ProposalAttachmentsPages, ProposalDeletionAdminPages } from './proposal-attachments.pages';
import { ProposalAttachmentsService } from './proposal-attachments.service';
import { ProposalContributions } from './proposal-contributions';
import { ProposalExportJob, ProposalExportQueue } from './proposal-export.job';
import { ProposalPersonalData } from './proposal-personal-data';
import { ProposalSocial } from './proposal-social';
import { ProposalValuationService } from './proposal-valuation.service';
import { ProposalsApiController } from './proposals.api.controller';
import { ProposalsPages } from './proposals.pages';
import { ProposalsQuery } from './proposals.query';
import { ProposalsService } from './proposals.service';
import { ProposalsActivity } from './proposals-activity';
import { ProposalsAdminPages } from './proposals-admin.pages';

/** Proposals component: proposals, supports, endorsements, answers. */
@Module({
  imports: [SpacesModule, SocialModule, StorageModule, ThemingModule],
  controllers: [
    ProposalsPages,
    ProposalsAdminPages,
    ProposalsApiController,
    ProposalAttachmentsPages,
    ProposalDeletionAdminPages,
  ],
  providers: [
    ProposalsService,
    ProposalsQuery,
    ProposalAnswersService,
    ProposalSocial,
    ProposalExportQueue,
    ProposalValuationService,
    ProposalContributions,
    ProposalAttachmentsService,
    ProposalPersonalData,
    ProposalsActivity,
  ],
  exports: [ProposalsService, ProposalsQuery, ProposalAnswersService],
})
export class ProposalsModule {}

/** Worker side: the export job and what it needs (storage, mail). */
@Module({
  imports: [StorageModule, MailModule],
  providers: [ProposalExportJob, ProposalPersonalData],
})
export class ProposalsJobsModule {}
