import { Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, In, IsNull, Not, QueryFailedError } from 'typeorm';

import { FollowsService, NotificationEvent, NotificationsService, Recipient } from '@plaza/social';
import {
  boolSetting,
  ComponentInContext,
  intSetting,
  ParticipationContext,
  permissionProblem,
  scopeAllowed,
  SpaceCategoryEntity,
  SpacesService,
} from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { ProposalEntity } from './proposal.entity';
import { ProposalRefusal } from './proposal.errors';
import { ProposalEndorsementEntity } from './proposal-endorsement.entity';
import { ProposalInput } from './proposal-input';
import { proposalsPath } from './proposal-paths';
import { ProposalSupportEntity } from './proposal-support.entity';
import { ProposalVersionEntity } from './proposal-version.entity';

export class ProposalNotFoundException extends NotFoundException {
  constructor() {
    super('This proposal does not exist.');
  }
}

export class UnknownCategoryError extends Error {
  constructor() {
    super('Choose one of the categories of this space.');
  }
}

export class UnknownScopeError extends Error {
  constructor() {
    super("Choose one of the scopes offered (the space's scope or one inside it).");
  }
}

export class BodyTooLongError extends Error {
  constructor(readonly max: number) {
    super(`The text must have at most ${max} characters.`);
  }
}

/** What a participant's supports in a component look like after an action. */
export interface SupportStatus {
  supportsCount: number;
  supported: boolean;
  temporary: boolean;
  /** Supports left under `vote_limit`; null when unlimited. */
  remaining: number | null;
  /** Supports still needed to reach `minimum_votes_per_user`; 0 when reached or no minimum. */
  missingForMinimum: number;
}

const RETRYABLE = new Set(['40P01', '40001']);

function pgCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string } | undefined)?.code
    : undefined;
}

/**
 * Proposals and their supports. Every rule that counts (vote_limit, proposal_limit,
 * threshold) is checked and written in one TenantDb transaction, serialized by a
 * transaction-level advisory lock per (component, participant) and a row lock on
 * the proposal, so concurrent requests can neither exceed a limit nor lose a count.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly spaces: SpacesService,
    private readonly follows: FollowsService,
    private readonly notifications: NotificationsService,
  ) {}

  async context(componentId: string, user: CurrentUser | null) {
    const ctx = await this.spaces.componentInContext(componentId, user);
    if (ctx.component.manifest !== 'proposals') throw new NotFoundException();
    return ctx;
  }

  async findPublished(componentId: string, proposalId: string): Promise<ProposalEntity> {
    return this.tenantDb.run(async (em) => {
      const p = await em.findOne(ProposalEntity, {
        where: { id: proposalId, componentId, publishedAt: Not(IsNull()) },
        relations: { author: true },
      });
      if (!p) throw new ProposalNotFoundException();
      return p;
    });
  }

  async create(
    componentId: string,
    user: CurrentUser | null,
    input: ProposalInput,
    options: { official?: boolean } = {},
  ): Promise<ProposalEntity> {
    let announced: { event: NotificationEvent; recipients: Recipient[] } | null = null;
    const created = await this.transaction(async (em) => {
      announced = null;
      const ctx = await this.contextIn(em, componentId, user);
      const official = options.official === true;
      if (official) {
        if (!user?.roles.includes('admin')) throw new ProposalRefusal('notAuthor');
        if (!boolSetting(ctx.settings.global, 'official_proposals_enabled'))
          throw new ProposalRefusal('creationDisabled');
      } else {
        const author = this.participant(ctx, user, 'create');
        if (!boolSetting(ctx.settings.step, 'creation_enabled'))
          throw new ProposalRefusal('creationDisabled');
        await this.lockParticipant(em, componentId, author.id);
        const limit = intSetting(ctx.settings.global, 'proposal_limit');
        if (limit > 0) {
          const mine = await em.countBy(ProposalEntity, {
            componentId,
            authorId: author.id,
            withdrawnAt: IsNull(),
          });
          if (mine >= limit) throw new ProposalRefusal('proposalLimit');
        }
      }
      const max = intSetting(ctx.settings.global, 'proposal_length');
      if (max > 0 && input.body.length > max) throw new BodyTooLongError(max);
      const geocoding = boolSetting(ctx.settings.global, 'geocoding_enabled');
      const categoryId = await this.category(em, ctx, input.categoryId);
      const scopeId = await this.scope(em, ctx, input.scopeId);
      const proposal = await em.save(
        em.create(ProposalEntity, {
          componentId,
          authorId: official ? null : user!.id,
          official,
          title: input.title,
          body: input.body,
          address: geocoding ? (input.address ?? null) : null,
          latitude: geocoding ? (input.latitude ?? null) : null,
          longitude: geocoding ? (input.longitude ?? null) : null,
          categoryId,
          scopeId,
          publishedAt: new Date(),
        }),
      );
      // Decidim: authors follow their proposals.
      if (user) await this.follows.follow(user.id, 'proposal', proposal.id, em);
      await em.save(
        em.create(ProposalVersionEntity, {
          proposalId: proposal.id,
          number: 1,
          title: proposal.title,
          body: proposal.body,
          editorId: user?.id ?? null,
        }),
      );
      // Followers of the space hear about the new proposal.
      const event: NotificationEvent = {
        event: 'proposal_created',
        resourceType: 'space',
        resourceId: ctx.space.id,
        title: proposal.title,
        url: `${proposalsPath(ctx)}/${proposal.id}`,
        actorId: user?.id ?? null,
      };
      announced = { event, recipients: await this.notifications.notifyFollowers(em, event) };
      return proposal;
    });
    const done = announced as { event: NotificationEvent; recipients: Recipient[] } | null;
    if (done) await this.notifications.sendEmails(done.event, done.recipients);
    return created;
  }

  /** The author edits within `proposal_edit_time_limit` minutes of publication. */
  async update(
    componentId: string,
    proposalId: string,
    user: CurrentUser | null,
    input: ProposalInput,
    now = new Date(),
  ): Promise<ProposalEntity> {
    return this.transaction(async (em) => {
      const ctx = await this.contextIn(em, componentId, user);
      const author = this.participant(ctx, user);
      const proposal = await this.lockProposal(em, componentId, proposalId);
      if (proposal.authorId !== author.id) throw new ProposalRefusal('notAuthor');
      const minutes = intSetting(ctx.settings.global, 'proposal_edit_time_limit');
      const published = proposal.publishedAt ?? proposal.createdAt;
      if (proposal.withdrawnAt || now.getTime() > published.getTime() + minutes * 60_000)
        throw new ProposalRefusal('editWindowClosed');
      const max = intSetting(ctx.settings.global, 'proposal_length');
      if (max > 0 && input.body.length > max) throw new BodyTooLongError(max);
      const geocoding = boolSetting(ctx.settings.global, 'geocoding_enabled');
      Object.assign(proposal, {
        categoryId: await this.category(em, ctx, input.categoryId),
        scopeId: await this.scope(em, ctx, input.scopeId),
        title: input.title,
        body: input.body,
        address: geocoding ? (input.address ?? null) : null,
        latitude: geocoding ? (input.latitude ?? null) : null,
        longitude: geocoding ? (input.longitude ?? null) : null,
      });
      await em.save(proposal);
      const versions = await em.countBy(ProposalVersionEntity, { proposalId });
      await em.save(
        em.create(ProposalVersionEntity, {
          proposalId,
          number: versions + 1,
          title: proposal.title,
          body: proposal.body,
          editorId: author.id,
        }),
      );
      return proposal;
    });
  }

  /** Decidim: only the author, and only while nobody supports it. */
  async withdraw(componentId: string, proposalId: string, user: CurrentUser | null) {
    return this.transaction(async (em) => {
      const ctx = await this.contextIn(em, componentId, user);
      const author = this.participant(ctx, user);
      const proposal = await this.lockProposal(em, componentId, proposalId);
      if (proposal.authorId !== author.id) throw new ProposalRefusal('notAuthor');
      if (proposal.withdrawnAt) throw new ProposalRefusal('alreadyWithdrawn');
      if (await em.existsBy(ProposalSupportEntity, { proposalId }))
        throw new ProposalRefusal('withdrawHasSupports');
      proposal.withdrawnAt = new Date();
      return em.save(proposal);
    });
  }

  /**
   * Supports a proposal under the component's rules (Decidim's VoteProposal):
   * supports enabled and not blocked in the active phase; at most `vote_limit`
   * per participant; none once `threshold_per_proposal` is reached unless
   * `can_accumulate_votes_beyond_threshold`; temporary until the participant
   * has `minimum_votes_per_user`, at which point all of theirs count.
   */
  async support(componentId: string, proposalId: string, user: CurrentUser | null) {
    let reached: { event: NotificationEvent; recipients: Recipient[] } | null = null;
    const status = await this.transaction(async (em) => {
      reached = null;
      const ctx = await this.contextIn(em, componentId, user);
      const author = this.participant(ctx, user, 'support');
      this.requireSupports(ctx);
      await this.lockParticipant(em, componentId, author.id);
      const proposal = await this.lockProposal(em, componentId, proposalId);
      if (proposal.withdrawnAt || (proposal.state === 'rejected' && proposal.statePublishedAt))
        throw new ProposalRefusal('notSupportable');
      if (await em.existsBy(ProposalSupportEntity, { proposalId, authorId: author.id }))
        throw new ProposalRefusal('alreadySupported');
      const limit = intSetting(ctx.settings.global, 'vote_limit');
      const minimum = intSetting(ctx.settings.global, 'minimum_votes_per_user');
      const threshold = intSetting(ctx.settings.global, 'threshold_per_proposal');
      const used = await em.countBy(ProposalSupportEntity, { componentId, authorId: author.id });
      if (limit > 0 && used >= limit) throw new ProposalRefusal('voteLimit');
      if (
        threshold > 0 &&
        !boolSetting(ctx.settings.global, 'can_accumulate_votes_beyond_threshold') &&
        proposal.supportsCount >= threshold
      )
        throw new ProposalRefusal('thresholdReached');
      const temporary = minimum > 0 && used + 1 < minimum;
      await em.insert(ProposalSupportEntity, {
        proposalId,
        componentId,
        authorId: author.id,
        temporary,
      });
      if (!temporary) {
        const promoted = await em.find(ProposalSupportEntity, {
          where: { componentId, authorId: author.id, temporary: true },
          select: ['id', 'proposalId'],
        });
        if (promoted.length) {
          await em.update(
            ProposalSupportEntity,
            { id: In(promoted.map((s) => s.id)) },
            { temporary: false },
          );
        }
        await this.bumpCounts(em, [proposalId, ...promoted.map((s) => s.proposalId)], 1);
        if (threshold > 0 && proposal.supportsCount < threshold) {
          const after = await em.findOneByOrFail(ProposalEntity, { id: proposalId });
          if (after.supportsCount >= threshold) {
            const event: NotificationEvent = {
              event: 'supports_threshold_reached',
              resourceType: 'proposal',
              resourceId: proposalId,
              title: proposal.title,
              url: `${proposalsPath(ctx)}/${proposalId}`,
              actorId: null,
            };
            reached = { event, recipients: await this.notifications.notifyFollowers(em, event) };
          }
        }
      }
      return this.status(em, ctx, proposalId, author.id);
    });
    const done = reached as { event: NotificationEvent; recipients: Recipient[] } | null;
    if (done) await this.notifications.sendEmails(done.event, done.recipients);
    return status;
  }

  /** Withdraws a support; below the minimum, the participant's other supports become temporary again. */
  async unsupport(componentId: string, proposalId: string, user: CurrentUser | null) {
    return this.transaction(async (em) => {
      const ctx = await this.contextIn(em, componentId, user);
      const author = this.participant(ctx, user);
      this.requireSupports(ctx);
      await this.lockParticipant(em, componentId, author.id);
      await this.lockProposal(em, componentId, proposalId);
      const support = await em.findOneBy(ProposalSupportEntity, {
        proposalId,
        authorId: author.id,
      });
      if (!support) throw new ProposalRefusal('notSupported');
      await em.delete(ProposalSupportEntity, { id: support.id });
      if (!support.temporary) await this.bumpCounts(em, [proposalId], -1);
      const minimum = intSetting(ctx.settings.global, 'minimum_votes_per_user');
      if (minimum > 0) {
        const finals = await em.find(ProposalSupportEntity, {
          where: { componentId, authorId: author.id, temporary: false },
          select: ['id', 'proposalId'],
        });
        if (finals.length > 0 && finals.length < minimum) {
          await em.update(
            ProposalSupportEntity,
            { id: In(finals.map((s) => s.id)) },
            { temporary: true },
          );
          await this.bumpCounts(
            em,
            finals.map((s) => s.proposalId),
            -1,
          );
        }
      }
      return this.status(em, ctx, proposalId, author.id);
    });
  }

  async endorse(
    componentId: string,
    proposalId: string,
    user: CurrentUser | null,
    endorse: boolean,
  ) {
    return this.transaction(async (em) => {
      const ctx = await this.contextIn(em, componentId, user);
      const author = this.participant(ctx, user, 'endorse');
      if (!boolSetting(ctx.settings.step, 'endorsements_enabled'))
        throw new ProposalRefusal('endorsementsDisabled');
      const proposal = await this.lockProposal(em, componentId, proposalId);
      if (proposal.withdrawnAt) throw new ProposalRefusal('notSupportable');
      const existing = await em.findOneBy(ProposalEndorsementEntity, {
        proposalId,
        authorId: author.id,
      });
      if (endorse && !existing) {
        // The proposal row lock above serializes endorsements of this proposal.
        await em.insert(ProposalEndorsementEntity, { proposalId, authorId: author.id });
        await em.increment(ProposalEntity, { id: proposalId }, 'endorsementsCount', 1);
      } else if (!endorse && existing) {
        await em.delete(ProposalEndorsementEntity, { id: existing.id });
        await em.decrement(ProposalEntity, { id: proposalId }, 'endorsementsCount', 1);
      }
      const after = await em.findOneByOrFail(ProposalEntity, { id: proposalId });
      return { endorsementsCount: after.endorsementsCount, endorsed: endorse };
    });
  }

  /** A participant's support state in a component, for pages and the API. */
  async supportStatus(componentId: string, proposalId: string, user: CurrentUser) {
    return this.tenantDb.run(async (em) => {
      const ctx = await this.contextIn(em, componentId, user);
      return this.status(em, ctx, proposalId, user.id);
    });
  }

  private async status(
    em: EntityManager,
    ctx: ComponentInContext,
    proposalId: string,
    userId: string,
  ): Promise<SupportStatus> {
    const componentId = ctx.component.id;
    const proposal = await em.findOneByOrFail(ProposalEntity, { id: proposalId });
    const mine = await em.findOneBy(ProposalSupportEntity, { proposalId, authorId: userId });
    const used = await em.countBy(ProposalSupportEntity, { componentId, authorId: userId });
    const limit = intSetting(ctx.settings.global, 'vote_limit');
    const minimum = intSetting(ctx.settings.global, 'minimum_votes_per_user');
    return {
      supportsCount: proposal.supportsCount,
      supported: !!mine,
      temporary: mine?.temporary ?? false,
      remaining: limit > 0 ? Math.max(0, limit - used) : null,
      missingForMinimum: minimum > 0 ? Math.max(0, minimum - used) : 0,
    };
  }

  /** A category of the component's space, or a clear refusal. */
  private async category(em: EntityManager, ctx: ComponentInContext, id: string | undefined) {
    if (!id) return null;
    if (!(await em.existsBy(SpaceCategoryEntity, { id, spaceId: ctx.space.id })))
      throw new UnknownCategoryError();
    return id;
  }

  /** A scope allowed in the component's space, or a clear refusal. */
  private async scope(em: EntityManager, ctx: ComponentInContext, id: string | undefined) {
    if (!id) return null;
    if (!(await scopeAllowed(em, id, ctx.space.scopeId))) throw new UnknownScopeError();
    return id;
  }

  private async contextIn(em: EntityManager, componentId: string, user: CurrentUser | null) {
    const ctx = await this.spaces.componentInContext(componentId, user, em);
    if (ctx.component.manifest !== 'proposals') throw new NotFoundException();
    return ctx;
  }

  /** Signed in, allowed in the space, and permitted `action` by the component's permissions. */
  private participant(
    ctx: ParticipationContext,
    user: CurrentUser | null,
    action?: 'create' | 'support' | 'endorse',
  ): CurrentUser {
    if (!user) throw new ProposalRefusal('signInRequired');
    if (!ctx.canParticipate) throw new ProposalRefusal('membersOnly');
    const problem = action ? permissionProblem(ctx, action) : null;
    if (problem?.kind === 'membersOnly') throw new ProposalRefusal('membersOnly');
    if (problem?.kind === 'verification')
      throw new ProposalRefusal('verificationRequired', problem.method);
    return user;
  }

  private requireSupports(ctx: ComponentInContext): void {
    if (!boolSetting(ctx.settings.step, 'votes_enabled'))
      throw new ProposalRefusal('supportsDisabled');
    if (boolSetting(ctx.settings.step, 'votes_blocked'))
      throw new ProposalRefusal('supportsBlocked');
  }

  /** Serializes one participant's actions in one component until the transaction ends. */
  private async lockParticipant(em: EntityManager, componentId: string, userId: string) {
    await em.query('select pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
      componentId,
      userId,
    ]);
  }

  private async lockProposal(em: EntityManager, componentId: string, proposalId: string) {
    const proposal = await em.findOne(ProposalEntity, {
      where: { id: proposalId, componentId, publishedAt: Not(IsNull()) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!proposal) throw new ProposalNotFoundException();
    return proposal;
  }

  /** Counter updates in id order, so two transactions never lock the same rows in opposite orders. */
  private async bumpCounts(em: EntityManager, proposalIds: string[], by: 1 | -1) {
    for (const id of [...proposalIds].sort()) {
      await em.query(
        'update proposals set supports_count = greatest(supports_count + $2, 0) where id = $1',
        [id, by],
      );
    }
  }

  /** Runs `work` in one tenant transaction, retried when PostgreSQL resolves a deadlock. */
  private async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tenantDb.run(work);
      } catch (error) {
        const code = pgCode(error);
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
      }
    }
  }
}
