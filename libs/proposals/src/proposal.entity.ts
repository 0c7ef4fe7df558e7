import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { Translated } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { ComponentEntity, ScopeEntity, SpaceCategoryEntity } from '@plaza/spaces';

/** Decidim's default answer states; `withdrawn` is set by the author, never by an answer. */
export const ANSWER_STATES = ['evaluating', 'accepted', 'rejected'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];
export type ProposalState = AnswerState | 'withdrawn' | 'not_answered';

@Entity({ name: 'proposals' })
@Index('proposals_component_published_idx', ['componentId', 'publishedAt'])
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'component_id', type: 'uuid' })
  componentId!: string;

  @ManyToOne(() => ComponentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'component_id' })
  component?: ComponentEntity;

  /** Null for official proposals (by the organization). */
  @Index('proposals_author_idx')
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity | null;

  @Column({ type: 'boolean', default: false })
  official!: boolean;

  @Column({ type: 'varchar', length: 150 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId!: string | null;

  @ManyToOne(() => SpaceCategoryEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'category_id' })
  category?: SpaceCategoryEntity | null;

  /** One of the organization's scopes, within the space's scope when the space has one. */
  @Index('proposals_scope_idx')
  @Column({ name: 'scope_id', type: 'uuid', nullable: true })
  scopeId!: string | null;

  @ManyToOne(() => ScopeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scope_id' })
  scope?: ScopeEntity | null;

  /** Final supports only; temporary ones (below `minimum_votes_per_user`) are not counted. */
  @Column({ name: 'supports_count', type: 'integer', default: 0 })
  supportsCount!: number;

  @Column({ name: 'endorsements_count', type: 'integer', default: 0 })
  endorsementsCount!: number;

  @Column({ name: 'comments_count', type: 'integer', default: 0 })
  commentsCount!: number;

  /** A state token: one of ANSWER_STATES or a component's custom state. Null: not answered. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  state!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  answer!: Translated | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** Answers are visible to the public only once published (immediately or in bulk). */
  @Column({ name: 'state_published_at', type: 'timestamptz', nullable: true })
  statePublishedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  cost!: number | null;

  @Column({ name: 'cost_report', type: 'jsonb', nullable: true })
  costReport!: Translated | null;

  @Column({ name: 'execution_period', type: 'jsonb', nullable: true })
  executionPeriod!: Translated | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
