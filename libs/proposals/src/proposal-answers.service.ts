import { Injectable } from '@nestjs/common';

import { EntityManager, In, IsNull, Not } from 'typeorm';

import type { Translated } from '@plaza/core';
import { NotificationsService, Recipient } from '@plaza/social';
import { boolSetting, ComponentEntity, SpacesService } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { ANSWER_STATES, AnswerState, ProposalEntity } from './proposal.entity';
import { proposalsPath } from './proposal-paths';
import { ProposalStateEntity } from './proposal-state.entity';
import { ProposalNotFoundException } from './proposals.service';

export interface AnswerInput {
  /** A built-in state or one of the component's custom states. */
  state: string;
  answer: Translated;
  cost: number | null;
  costReport: Translated | null;
  executionPeriod: Translated | null;
}

export function isAnswerState(value: unknown): value is AnswerState {
  return typeof value === 'string' && (ANSWER_STATES as readonly string[]).includes(value);
}

/** Tokens of custom states: lowercase letters, digits and underscores, not a reserved word. */
export const STATE_TOKEN = /^[a-z][a-z0-9_]{1,39}$/;
const RESERVED = new Set<string>([...ANSWER_STATES, 'withdrawn', 'not_answered']);

export class UnknownStateError extends Error {
  constructor() {
    super('Choose one of the answer states of this component.');
  }
}

export class StateTokenError extends Error {
  constructor() {
    super('Use 2 to 40 lowercase letters, digits or underscores, not a built-in state.');
  }
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
    private readonly notifications: NotificationsService,
  ) {}

  async answer(componentId: string, proposalId: string, admin: CurrentUser, input: AnswerInput) {
    const sent: Announcement[] = [];
    const saved = await this.tenantDb.run(async (em) => {
      const ctx = await this.spaces.componentInContext(componentId, admin, em);
      const proposal = await em.findOne(ProposalEntity, {
        where: { id: proposalId, componentId, publishedAt: Not(IsNull()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal || proposal.withdrawnAt) throw new ProposalNotFoundException();
      if (
        !isAnswerState(input.state) &&
        !(await em.existsBy(ProposalStateEntity, { componentId, token: input.state }))
      )
        throw new UnknownStateError();
      const withCosts =
        boolSetting(ctx.settings.step, 'answers_with_costs') && input.state === 'accepted';
      const publish = boolSetting(ctx.settings.step, 'publish_answers_immediately');
      Object.assign(proposal, {
        state: input.state,
        answer: input.answer,
        answeredAt: new Date(),
        cost: withCosts ? input.cost : null,
        costReport: withCosts ? input.costReport : null,
        executionPeriod: withCosts ? input.executionPeriod : null,
        statePublishedAt: publish ? new Date() : null,
      });
      const result = await em.save(proposal);
      if (publish)
        sent.push(await this.announce(em, proposal, `${proposalsPath(ctx)}/${proposal.id}`));
      return result;
    });
    await this.deliver(sent);
    return saved;
  }

  /** The component's custom states, in order. */
  async customStates(componentId: string): Promise<ProposalStateEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(ProposalStateEntity, {
        where: { componentId },
        order: { position: 'ASC', token: 'ASC' },
      }),
    );
  }

  async addState(
    componentId: string,
    token: string,
    title: Translated,
  ): Promise<ProposalStateEntity> {
    if (!STATE_TOKEN.test(token) || RESERVED.has(token)) throw new StateTokenError();
    return this.tenantDb.run(async (em) => {
      const position = await em.countBy(ProposalStateEntity, { componentId });
      await em
        .createQueryBuilder()
        .insert()
        .into(ProposalStateEntity)
        .values({ componentId, token, title, position })
        .orIgnore()
        .execute();
      return em.findOneByOrFail(ProposalStateEntity, { componentId, token });
    });
  }

  /** Publishes the answers of `proposalIds` that are answered and not yet published. */
  async publish(componentId: string, proposalIds: string[]): Promise<number> {
    if (proposalIds.length === 0) return 0;
    const sent: Announcement[] = [];
    const count = await this.tenantDb.run(async (em) => {
      const due = await em.find(ProposalEntity, {
        where: {
          componentId,
          id: In(proposalIds),
          state: Not(IsNull()),
          statePublishedAt: IsNull(),
          withdrawnAt: IsNull(),
        },
        lock: { mode: 'pessimistic_write' },
      });
      if (due.length === 0) return 0;
      await em.update(
        ProposalEntity,
        { id: In(due.map((p) => p.id)) },
        { statePublishedAt: new Date() },
      );
      const component = await em.findOneOrFail(ComponentEntity, {
        where: { id: componentId },
        relations: { space: true },
      });
      const base = proposalsPath({ space: component.space!, component });
      for (const p of due) sent.push(await this.announce(em, p, `${base}/${p.id}`));
      return due.length;
    });
    await this.deliver(sent);
    return count;
  }

  /** Followers of the proposal learn that its answer is public. */
  private async announce(em: EntityManager, p: ProposalEntity, url: string): Promise<Announcement> {
    const event = {
      event: 'answer_published' as const,
      resourceType: 'proposal',
      resourceId: p.id,
      title: p.title,
      url,
      actorId: null,
    };
    return { event, recipients: await this.notifications.notifyFollowers(em, event) };
  }

  private async deliver(sent: Announcement[]): Promise<void> {
    for (const { event, recipients } of sent)
      await this.notifications.sendEmails(event, recipients);
  }
}

interface Announcement {
  event: Parameters<NotificationsService['sendEmails']>[0];
  recipients: Recipient[];
}
