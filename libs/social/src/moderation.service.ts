import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';

import { EntityManager, In } from 'typeorm';

import { PeopleAdminService, UserEntity } from '@plaza/identity';
import { SpacesService } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { CommentEntity, ModerationEntity, ReportEntity, ReportReason } from './social.entities';
import { SocialRefusal } from './social.errors';
import { ResourceInfo, SocialResources } from './social-resources';

/** A queue line: the reported content and who wrote it. */
export interface ModerationItem extends ModerationEntity {
  authorId: string | null;
  authorName: string | null;
  authorBlocked: boolean;
}

/** Content people can report; spaces are followable but not reportable. */
const REPORTABLE = new Set(['proposal', 'comment']);

/**
 * Reports on proposals and comments (Decidim's moderations): content is hidden
 * automatically once its reports reach the component's threshold; moderators
 * of the space (or organization admins) hide and unhide it.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly resources: SocialResources,
    private readonly spaces: SpacesService,
    private readonly people: PeopleAdminService,
  ) {}

  async report(
    type: string,
    resourceId: string,
    user: CurrentUser | null,
    reason: ReportReason,
    details: string | null,
  ): Promise<ModerationEntity> {
    if (!user) throw new SocialRefusal('error.signIn');
    if (!REPORTABLE.has(type)) throw new NotFoundException('This content does not exist.');
    return this.tenantDb.run(async (em) => {
      const info = await this.describe(em, type, resourceId, user);
      await em
        .createQueryBuilder()
        .insert()
        .into(ModerationEntity)
        .values({
          resourceType: type,
          resourceId,
          spaceId: info.spaceId,
          title: info.title.slice(0, 300),
        })
        .orIgnore()
        .execute();
      const moderation = await em.findOneOrFail(ModerationEntity, {
        where: { resourceType: type, resourceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (await em.existsBy(ReportEntity, { moderationId: moderation.id, userId: user.id }))
        throw new SocialRefusal('error.alreadyReported');
      await em.insert(ReportEntity, {
        moderationId: moderation.id,
        userId: user.id,
        reason,
        details,
      });
      moderation.reportCount += 1;
      if (!moderation.hiddenAt && moderation.reportCount >= info.reportThreshold)
        moderation.hiddenAt = new Date();
      return em.save(moderation);
    });
  }

  async isHidden(type: string, resourceId: string, em?: EntityManager): Promise<boolean> {
    const work = async (m: EntityManager) =>
      !!(await m.findOneBy(ModerationEntity, { resourceType: type, resourceId }))?.hiddenAt;
    return em ? work(em) : this.tenantDb.run(work);
  }

  /** The moderation queue: everything reported in spaces the person moderates. */
  async queue(user: CurrentUser): Promise<ModerationItem[]> {
    const spaceIds = user.roles.includes('admin')
      ? null
      : await this.spaces.spacesWithRole(user.id, ['admin', 'moderator']);
    if (spaceIds && spaceIds.length === 0) return [];
    return this.tenantDb.run(async (em) => {
      const rows = await em.find(ModerationEntity, {
        where: spaceIds ? { spaceId: In(spaceIds) } : {},
        order: { reportCount: 'DESC', createdAt: 'DESC' },
        take: 200,
      });
      const authorIds = new Map<string, string | null>();
      for (const m of rows) authorIds.set(m.id, await this.authorOf(em, m));
      const ids = [...new Set([...authorIds.values()].filter((id): id is string => !!id))];
      const authors = new Map(
        (ids.length ? await em.findBy(UserEntity, { id: In(ids) }) : []).map((u) => [u.id, u]),
      );
      return rows.map((m) => {
        const author = authors.get(authorIds.get(m.id) ?? '');
        return Object.assign(m, {
          authorId: author?.id ?? null,
          authorName: author && !author.deletedAt ? author.name : null,
          authorBlocked: !!author?.blockedAt,
        });
      });
    });
  }

  /**
   * A moderator blocks the author of reported content (Decidim's "block user"):
   * the account is blocked with the reason and its sessions end; what they wrote
   * stays, under the usual moderation rules. Organization admins cannot be blocked here.
   */
  async blockAuthor(moderationId: string, user: CurrentUser, reason: string): Promise<void> {
    const text = reason.trim();
    const authorId = await this.tenantDb.run(async (em) => {
      const moderation = await em.findOneBy(ModerationEntity, { id: moderationId });
      if (!moderation) throw new NotFoundException('This report does not exist.');
      if (!(await this.canModerate(user, moderation.spaceId)))
        throw new ForbiddenException('Only moderators of this space can do this.');
      const id = await this.authorOf(em, moderation);
      const author = id ? await em.findOneBy(UserEntity, { id }) : null;
      if (!author || author.deletedAt)
        throw new NotFoundException('This content has no author to block.');
      if (author.id === user.id || author.roles.includes('admin'))
        throw new ForbiddenException('Administrators of the organization cannot be blocked here.');
      return author.id;
    });
    if (!text || text.length > 500)
      throw new BadRequestException('Give a reason for blocking (at most 500 characters).');
    await this.people.block(user.id, authorId, text);
  }

  async setHidden(moderationId: string, user: CurrentUser, hidden: boolean): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const moderation = await em.findOneBy(ModerationEntity, { id: moderationId });
      if (!moderation) throw new NotFoundException('This report does not exist.');
      if (!(await this.canModerate(user, moderation.spaceId)))
        throw new SocialRefusal('error.moderatorsOnly');
      moderation.hiddenAt = hidden ? new Date() : null;
      await em.save(moderation);
    });
  }

  async canModerate(user: CurrentUser, spaceId: string): Promise<boolean> {
    return (
      user.roles.includes('admin') || this.spaces.hasRole(spaceId, user.id, ['admin', 'moderator'])
    );
  }

  private async authorOf(em: EntityManager, m: ModerationEntity): Promise<string | null> {
    if (m.resourceType === 'comment')
      return (await em.findOneBy(CommentEntity, { id: m.resourceId }))?.authorId ?? null;
    return (await this.resources.get(m.resourceType)?.authorOf?.(em, m.resourceId)) ?? null;
  }

  /** Comments are described through the resource they belong to. */
  private async describe(
    em: EntityManager,
    type: string,
    id: string,
    user: CurrentUser,
  ): Promise<ResourceInfo> {
    if (type === 'comment') {
      const comment = await em.findOneBy(CommentEntity, { id });
      if (!comment) throw new NotFoundException('This content does not exist.');
      const parent = await this.resources
        .get(comment.resourceType)
        ?.describe(em, comment.resourceId, user);
      if (!parent) throw new NotFoundException('This content does not exist.');
      return { ...parent, title: comment.body.slice(0, 120) };
    }
    const info = await this.resources.get(type)?.describe(em, id, user);
    if (!info) throw new NotFoundException('This content does not exist.');
    return info;
  }
}
