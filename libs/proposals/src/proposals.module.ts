import { Module } from '@nestjs/common';

import { SocialModule } from '@plaza/social';
import { SpacesModule } from '@plaza/spaces';

import { ProposalAnswersService } from './proposal-answers.service';
import { ProposalSocial } from './proposal-social';
import { ProposalsApiController } from './proposals.api.controller';
import { ProposalsPages } from './proposals.pages';
import { ProposalsQuery } from './proposals.query';
import { ProposalsService } from './proposals.service';
import { ProposalsAdminPages } from './proposals-admin.pages';

/** Proposals component: proposals, supports, endorsements, answers. */
@Module({
  imports: [SpacesModule, SocialModule],
  controllers: [ProposalsPages, ProposalsAdminPages, ProposalsApiController],
  providers: [ProposalsService, ProposalsQuery, ProposalAnswersService, ProposalSocial],
  exports: [ProposalsService, ProposalsQuery, ProposalAnswersService],
})
export class ProposalsModule {}
