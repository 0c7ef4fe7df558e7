import { Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, In } from 'typeorm';

import { SpacesService } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { CommentEntity, ModerationEntity, ReportEntity, ReportReason } from './social.entities';
import { SocialRefusal } from './social.errors';
import { ResourceInfo, SocialResources } from './social-resources';

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
  async queue(user: CurrentUser): Promise<ModerationEntity[]> {
    const spaceIds = user.roles.includes('admin')
      ? null
      : await this.spaces.spacesWithRole(user.id, ['admin', 'moderator']);
    if (spaceIds && spaceIds.length === 0) return [];
    return this.tenantDb.run((em) =>
      em.find(ModerationEntity, {
        where: spaceIds ? { spaceId: In(spaceIds) } : {},
        order: { reportCount: 'DESC', createdAt: 'DESC' },
        take: 200,
      }),
    );
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
