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

import { StaticPageTopicEntity } from './static-page-topic.entity';

@Entity({ name: 'static_pages' })
export class StaticPageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('static_pages_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug!: string;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'jsonb', default: {} })
  content!: Translated;

  /** The terms-of-service page cannot be deleted; editing it bumps `version`. */
  @Column({ name: 'is_terms', type: 'boolean', default: false })
  isTerms!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'integer', default: 0 })
  weight!: number;

  @Column({ name: 'topic_id', type: 'uuid', nullable: true })
  topicId!: string | null;

  @ManyToOne(() => StaticPageTopicEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'topic_id' })
  topic?: StaticPageTopicEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
