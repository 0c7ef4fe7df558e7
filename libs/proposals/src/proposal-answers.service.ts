import { Injectable } from '@nestjs/common';

import { In, IsNull, Not } from 'typeorm';

import type { Translated } from '@plaza/core';
import { boolSetting, SpacesService } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { ANSWER_STATES, AnswerState, ProposalEntity } from './proposal.entity';
import { ProposalNotFoundException } from './proposals.service';

export interface AnswerInput {
  state: AnswerState;
  answer: Translated;
  cost: number | null;
  costReport: Translated | null;
  executionPeriod: Translated | null;
}

export function isAnswerState(value: unknown): value is AnswerState {
  return typeof value === 'string' && (ANSWER_STATES as readonly string[]).includes(value);
}

/**
 * Admin answers (Decidim's AnswerProposal): the answer is public at once when the
 * active phase says `publish_answers_immediately`, otherwise when published in bulk.
 */
@Injectable()
export class ProposalAnswersService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly spaces: SpacesService,
  ) {}

  async answer(componentId: string, proposalId: string, admin: CurrentUser, input: AnswerInput) {
    return this.tenantDb.run(async (em) => {
      const ctx = await this.spaces.componentInContext(componentId, admin, em);
      const proposal = await em.findOne(ProposalEntity, {
        where: { id: proposalId, componentId, publishedAt: Not(IsNull()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal || proposal.withdrawnAt) throw new ProposalNotFoundException();
      const withCosts =
        boolSetting(ctx.settings.step, 'answers_with_costs') && input.state === 'accepted';
      Object.assign(proposal, {
        state: input.state,
        answer: input.answer,
        answeredAt: new Date(),
        cost: withCosts ? input.cost : null,
        costReport: withCosts ? input.costReport : null,
        executionPeriod: withCosts ? input.executionPeriod : null,
        statePublishedAt: boolSetting(ctx.settings.step, 'publish_answers_immediately')
          ? new Date()
          : null,
      });
      return em.save(proposal);
    });
  }

  /** Publishes the answers of `proposalIds` that are answered and not yet published. */
  async publish(componentId: string, proposalIds: string[]): Promise<number> {
    if (proposalIds.length === 0) return 0;
    return this.tenantDb.run(async (em) => {
      const result = await em.update(
        ProposalEntity,
        {
          componentId,
          id: In(proposalIds),
          state: Not(IsNull()),
          statePublishedAt: IsNull(),
          withdrawnAt: IsNull(),
        },
        { statePublishedAt: new Date() },
      );
      return result.affected ?? 0;
    });
  }
}
