import { Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, In, IsNull } from 'typeorm';

import { Avatars, PublicAuthor, publicAuthor } from '@plaza/identity';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser } from '@plaza/web';

import { FollowsService } from './follows.service';
import { NotificationsService } from './notifications.service';
import {
  Alignment,
  CommentEntity,
  CommentVoteEntity,
  MAX_COMMENT_DEPTH,
  ModerationEntity,
} from './social.entities';
import { SocialRefusal } from './social.errors';
import { ResourceInfo, SocialResources } from './social-resources';

/** A comment as shown: hidden or deleted ones keep their place with no body. */
export interface CommentView {
  id: string;
  parentId: string | null;
  depth: number;
  authorId: string;
  /** Null when deleted, hidden, or once the author deleted their account. */
  authorName: string | null;
  /** Null when the comment is deleted or hidden; `deleted: true` once its author deleted their account. */
  author: PublicAuthor | null;
  /** The author's picture, or null for their initials (and for concealed comments). */
  authorAvatarUrl: string | null;
  body: string | null;
  alignment: Alignment;
  upVotes: number;
  downVotes: number;
  edited: boolean;
  deleted: boolean;
  hidden: boolean;
  createdAt: Date;
  replies: CommentView[];
}

/** `@nickname` mentions in a text, at most 20, lower-cased and unique. */
export function mentionsIn(text: string): string[] {
  const found = [...text.matchAll(/(?:^|[^\w@])@([a-z0-9_]{2,40})\b/gi)].map((m) =>
    m[1].toLowerCase(),
  );
  return [...new Set(found)].slice(0, 20);
}

export class CommentNotFoundException extends NotFoundException {
  constructor() {
    super('This comment does not exist.');
  }
}

/** Decidim-style comments: threads three levels deep, alignment, votes, edit, soft delete. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly resources: SocialResources,
    private readonly follows: FollowsService,
    private readonly notifications: NotificationsService,
    private readonly avatars: Avatars,
  ) {}

  async describe(
    em: EntityManager,
    type: string,
    id: string,
    user: CurrentUser | null,
  ): Promise<ResourceInfo> {
    const info = await this.resources.get(type)?.describe(em, id, user);
    if (!info) throw new NotFoundException('This content does not exist.');
    return info;
  }

  /** 404 unless the resource exists here and the person may see it. */
  async describeVisible(type: string, id: string, user: CurrentUser | null): Promise<ResourceInfo> {
    return this.tenantDb.run((em) => this.describe(em, type, id, user));
  }

  async add(
    type: string,
    resourceId: string,
    user: CurrentUser | null,
    input: { body: string; alignment: Alignment; parentId: string | null },
  ): Promise<CommentEntity> {
    const event = { title: '', url: '' };
    const { comment, recipients, mentioned } = await this.tenantDb.run(async (em) => {
      const info = await this.describe(em, type, resourceId, user);
      if (!user) throw new SocialRefusal('error.signIn');
      if (!info.commentsOpen || !info.canParticipate)
        throw new SocialRefusal('error.commentsClosed');
      if (info.verificationRequired) throw new SocialRefusal('error.verificationRequired');
      const body = input.body.trim();
      if (!body || body.length > info.commentMaxLength)
        throw new SocialRefusal('error.commentLength', { max: String(info.commentMaxLength) });
      let depth = 0;
      if (input.parentId) {
        const parent = await em.findOneBy(CommentEntity, {
          id: input.parentId,
          resourceType: type,
          resourceId,
        });
        if (!parent) throw new CommentNotFoundException();
        if (parent.depth >= MAX_COMMENT_DEPTH) throw new SocialRefusal('error.depth');
        depth = parent.depth + 1;
      }
      const saved = await em.save(
        em.create(CommentEntity, {
          resourceType: type,
          resourceId,
          parentId: input.parentId,
          depth,
          authorId: user.id,
          body,
          alignment: input.alignment,
        }),
      );
      await this.resources.get(type)?.commentsChanged?.(em, resourceId, 1);
      Object.assign(event, { title: info.title, url: info.url });
      const notified = await this.notifications.notifyFollowers(em, {
        event: 'comment_created',
        resourceType: type,
        resourceId,
        title: info.title,
        url: info.url,
        actorId: user.id,
      });
      // Decidim: commenting on something makes you follow it.
      await this.follows.follow(user.id, type, resourceId, em);
      const mentioned = await this.notifications.notifyNicknames(em, mentionsIn(body), {
        event: 'mentioned',
        resourceType: type,
        resourceId,
        title: info.title,
        url: info.url,
        actorId: user.id,
      });
      return { comment: saved, recipients: notified, mentioned };
    });
    await this.notifications.sendEmails(
      { event: 'comment_created', resourceType: type, resourceId, actorId: user!.id, ...event },
      recipients,
    );
    await this.notifications.sendEmails(
      { event: 'mentioned', resourceType: type, resourceId, actorId: user!.id, ...event },
      mentioned,
    );
    return comment;
  }

  async edit(commentId: string, user: CurrentUser | null, body: string): Promise<CommentEntity> {
    return this.tenantDb.run(async (em) => {
      const comment = await this.own(em, commentId, user);
      const info = await this.describe(em, comment.resourceType, comment.resourceId, user);
      const text = body.trim();
      if (!text || text.length > info.commentMaxLength)
        throw new SocialRefusal('error.commentLength', { max: String(info.commentMaxLength) });
      comment.body = text;
      comment.editedAt = new Date();
      return em.save(comment);
    });
  }

  /** Soft delete: the thread keeps its shape, the body disappears. */
  async remove(commentId: string, user: CurrentUser | null): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const comment = await this.own(em, commentId, user);
      comment.deletedAt = new Date();
      await em.save(comment);
      await this.resources.get(comment.resourceType)?.commentsChanged?.(em, comment.resourceId, -1);
    });
  }

  /** Up (1) or down (-1); voting the same way again removes the vote. */
  async vote(commentId: string, user: CurrentUser | null, weight: 1 | -1) {
    return this.tenantDb.run(async (em) => {
      if (!user) throw new SocialRefusal('error.signIn');
      const comment = await em.findOne(CommentEntity, {
        where: { id: commentId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!comment) throw new CommentNotFoundException();
      const info = await this.describe(em, comment.resourceType, comment.resourceId, user);
      if (!info.canParticipate) throw new SocialRefusal('error.commentsClosed');
      const existing = await em.findOneBy(CommentVoteEntity, { commentId, authorId: user.id });
      if (existing) {
        await em.delete(CommentVoteEntity, { id: existing.id });
        if (existing.weight === 1) comment.upVotes -= 1;
        else comment.downVotes -= 1;
      }
      if (!existing || existing.weight !== weight) {
        await em.insert(CommentVoteEntity, { commentId, authorId: user.id, weight });
        if (weight === 1) comment.upVotes += 1;
        else comment.downVotes += 1;
      }
      await em.save(comment);
      return { upVotes: comment.upVotes, downVotes: comment.downVotes };
    });
  }

  /** The resource's comments as threads, oldest first. */
  async threads(
    type: string,
    resourceId: string,
    user: CurrentUser | null,
  ): Promise<CommentView[]> {
    return this.tenantDb.run(async (em) => {
      await this.describe(em, type, resourceId, user);
      const rows = await em.find(CommentEntity, {
        where: { resourceType: type, resourceId },
        relations: { author: true },
        order: { createdAt: 'ASC' },
      });
      const hidden = rows.length
        ? new Set(
            (
              await em.find(ModerationEntity, {
                where: { resourceType: 'comment', resourceId: In(rows.map((r) => r.id)) },
              })
            )
              .filter((m) => m.hiddenAt)
              .map((m) => m.resourceId),
          )
        : new Set<string>();
      const avatarUrls = await this.avatars.urls(
        em,
        rows.filter((r) => !r.deletedAt && !hidden.has(r.id)).map((r) => r.author?.avatarFileId),
      );
      const views = new Map<string, CommentView>();
      const roots: CommentView[] = [];
      for (const c of rows) {
        const concealed = !!c.deletedAt || hidden.has(c.id);
        const view: CommentView = {
          id: c.id,
          parentId: c.parentId,
          depth: c.depth,
          authorId: c.authorId,
          authorName: concealed ? null : publicAuthor(c.author).name,
          author: concealed ? null : publicAuthor(c.author),
          authorAvatarUrl: concealed
            ? null
            : (avatarUrls.get(c.author?.avatarFileId ?? '') ?? null),
          body: concealed ? null : c.body,
          alignment: c.alignment,
          upVotes: c.upVotes,
          downVotes: c.downVotes,
          edited: !!c.editedAt,
          deleted: !!c.deletedAt,
          hidden: hidden.has(c.id),
          createdAt: c.createdAt,
          replies: [],
        };
        views.set(c.id, view);
        const parent = c.parentId ? views.get(c.parentId) : undefined;
        if (parent) parent.replies.push(view);
        else roots.push(view);
      }
      return roots;
    });
  }

  private async own(em: EntityManager, commentId: string, user: CurrentUser | null) {
    if (!user) throw new SocialRefusal('error.signIn');
    const comment = await em.findOne(CommentEntity, {
      where: { id: commentId, authorId: user.id, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!comment) throw new CommentNotFoundException();
    return comment;
  }
}
