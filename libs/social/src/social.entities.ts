import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { UserEntity } from '@plaza/identity';

/** Comment alignment: against, neutral, in favour (Decidim's -1/0/1). */
export type Alignment = -1 | 0 | 1;

/** Threads go three levels deep: depth 0, 1 and 2. */
export const MAX_COMMENT_DEPTH = 2;

@Entity({ name: 'comments' })
@Index('comments_resource_idx', ['resourceType', 'resourceId', 'createdAt'])
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommentEntity | null;

  @Column({ type: 'smallint', default: 0 })
  depth!: number;

  @Index('comments_author_idx')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'smallint', default: 0 })
  alignment!: Alignment;

  @Column({ name: 'up_votes', type: 'integer', default: 0 })
  upVotes!: number;

  @Column({ name: 'down_votes', type: 'integer', default: 0 })
  downVotes!: number;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'comment_votes' })
@Index('comment_votes_comment_author_key', ['commentId', 'authorId'], { unique: true })
export class CommentVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId!: string;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: CommentEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  /** 1 up, -1 down. */
  @Column({ type: 'smallint' })
  weight!: 1 | -1;
}

@Entity({ name: 'follows' })
@Index('follows_user_resource_key', ['userId', 'resourceType', 'resourceId'], { unique: true })
@Index('follows_resource_idx', ['resourceType', 'resourceId'])
export class FollowEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'notifications' })
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 60 })
  event!: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  /** The resource's title when the event happened, and where to see it. */
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  url!: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const EMAIL_FREQUENCIES = ['real_time', 'daily', 'weekly', 'none'] as const;

/** Every event that notifies people; each one can be turned off in the notification settings. */
export const NOTIFICATION_EVENTS = [
  'comment_created',
  'mentioned',
  'proposal_created',
  'answer_published',
  'supports_threshold_reached',
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number];

/**
 * Decisions on the person's own account: always notified in the site (they
 * also get an email of their own), never muted, left out of digests.
 */
export const ACCOUNT_EVENTS = [
  'verification_granted',
  'verification_refused',
  'verification_revoked',
] as const;
export type AccountEventName = (typeof ACCOUNT_EVENTS)[number];
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'email_frequency', type: 'varchar', length: 16, default: 'real_time' })
  emailFrequency!: EmailFrequency;

  /** Events the person chose not to be notified of, in the site or by email. */
  @Column({
    name: 'muted_events',
    type: 'varchar',
    length: 40,
    array: true,
    default: () => "'{}'",
  })
  mutedEvents!: NotificationEventName[];
}

export const REPORT_REASONS = ['spam', 'offensive', 'does_not_belong', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** One reported resource: how many reports it has and whether it is hidden. */
@Entity({ name: 'moderations' })
@Index('moderations_resource_key', ['resourceType', 'resourceId'], { unique: true })
export class ModerationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 40 })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId!: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount!: number;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'reports' })
@Index('reports_moderation_user_key', ['moderationId', 'userId'], { unique: true })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'moderation_id', type: 'uuid' })
  moderationId!: string;

  @ManyToOne(() => ModerationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moderation_id' })
  moderation?: ModerationEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 24 })
  reason!: ReportReason;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  details!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
