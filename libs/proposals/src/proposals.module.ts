import { Module } from '@nestjs/common';

import { SpacesModule } from '@plaza/spaces';

import { ProposalAnswersService } from './proposal-answers.service';
import { ProposalsQuery } from './proposals.query';
import { ProposalsService } from './proposals.service';

/** Proposals component: proposals, supports, endorsements, answers. */
@Module({
  imports: [SpacesModule],
  controllers: [],
  providers: [ProposalsService, ProposalsQuery, ProposalAnswersService],
  exports: [ProposalsService, ProposalsQuery, ProposalAnswersService],
})
export class ProposalsModule {}
