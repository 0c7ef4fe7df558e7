import { Injectable, OnModuleInit } from '@nestjs/common';

import { AccountErasure, PersonalDataSections } from '@plaza/identity';

import {
  CommentEntity,
  CommentVoteEntity,
  FollowEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  ReportEntity,
} from './social.entities';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * What social features keep about a person, for "download my data", and what
 * account deletion removes: follows, notifications and settings go; reports
 * stay counted without their free text; comments and votes stay as
 * contributions of the anonymized account.
 */
@Injectable()
export class SocialPersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly erasure: AccountErasure,
  ) {}

  onModuleInit(): void {
    this.sections.register('comments', async (em, userId) => {
      const rows = await em.find(CommentEntity, {
        where: { authorId: userId },
        order: { createdAt: 'ASC' },
      });
      return rows.map((c) => ({
        id: c.id,
        resource_type: c.resourceType,
        resource_id: c.resourceId,
        parent_id: c.parentId,
        body: c.body,
        alignment: c.alignment,
        up_votes: c.upVotes,
        down_votes: c.downVotes,
        created_at: iso(c.createdAt),
        edited_at: iso(c.editedAt),
        deleted_at: iso(c.deletedAt),
      }));
    });
    this.sections.register('comment_votes', async (em, userId) => {
      const rows = await em.find(CommentVoteEntity, {
        where: { authorId: userId },
        relations: { comment: true },
        order: { commentId: 'ASC' },
      });
      return rows.map((v) => ({
        comment_id: v.commentId,
        resource_type: v.comment?.resourceType ?? null,
        resource_id: v.comment?.resourceId ?? null,
        vote: v.weight === 1 ? 'up' : 'down',
      }));
    });
    this.sections.register('follows', async (em, userId) => {
      const rows = await em.find(FollowEntity, { where: { userId }, order: { createdAt: 'ASC' } });
      return rows.map((f) => ({
        resource_type: f.resourceType,
        resource_id: f.resourceId,
        created_at: iso(f.createdAt),
      }));
    });
    this.sections.register('notifications', async (em, userId) => {
      const rows = await em.find(NotificationEntity, {
        where: { userId },
        order: { createdAt: 'ASC' },
      });
      return rows.map((n) => ({
        event: n.event,
        resource_type: n.resourceType,
        resource_id: n.resourceId,
        title: n.title,
        url: n.url,
        read_at: iso(n.readAt),
        created_at: iso(n.createdAt),
      }));
    });
    this.sections.register('notification_preferences', async (em, userId) => {
      const row = await em.findOneBy(NotificationPreferenceEntity, { userId });
      return row
        ? [{ email_frequency: row.emailFrequency, muted_events: row.mutedEvents.join(' ') }]
        : [];
    });
    // What was reported is named by type and id: its title may quote someone else's words.
    this.sections.register('reports', async (em, userId) => {
      const rows = await em.find(ReportEntity, {
        where: { userId },
        relations: { moderation: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((r) => ({
        resource_type: r.moderation?.resourceType ?? null,
        resource_id: r.moderation?.resourceId ?? null,
        reason: r.reason,
        details: r.details,
        created_at: iso(r.createdAt),
      }));
    });

    this.erasure.register('social', async (em, userId) => {
      await em.delete(FollowEntity, { userId });
      await em.delete(NotificationEntity, { userId });
      await em.delete(NotificationPreferenceEntity, { userId });
      // The report still counts towards hiding the resource; what the person wrote goes.
      await em.update(ReportEntity, { userId }, { details: null });
    });
  }
}
