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
import { StoredFileEntity } from '@plaza/storage';

import { ProcessGroupEntity } from './process-group.entity';
import { ScopeEntity } from './scope.entity';

export const SPACE_KINDS = ['process', 'assembly'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

/**
 * Who may see an assembly. Public: everyone. Private: invited members only.
 * Transparent: a private assembly everyone may read, where only members take part.
 */
export const SPACE_VISIBILITIES = ['public', 'private', 'transparent'] as const;
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number];

/** Decidim's metadata of a process ("who participates", "how decisions are made", ...). */
export const PROCESS_METADATA_KEYS = [
  'developer_group',
  'local_area',
  'meta_scope',
  'target',
  'participatory_scope',
  'participatory_structure',
] as const;
export type ProcessMetadataKey = (typeof PROCESS_METADATA_KEYS)[number];

export const ASSEMBLY_TYPES = [
  'government',
  'executive',
  'consultative_advisory',
  'participatory',
  'working_group',
  'commission',
  'others',
] as const;
export type AssemblyType = (typeof ASSEMBLY_TYPES)[number];

/**
 * A participatory space: a process (with phases) or an assembly (with members).
 * One table for both, so components, roles and follows reference one kind of row.
 */
@Entity({ name: 'spaces' })
@Index('spaces_kind_slug_key', ['kind', 'slug'], { unique: true })
export class SpaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: SpaceKind;

  @Column({ type: 'varchar', length: 80 })
  slug!: string;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'jsonb', default: {} })
  subtitle!: Translated;

  @Column({ name: 'short_description', type: 'jsonb', default: {} })
  shortDescription!: Translated;

  @Column({ type: 'jsonb', default: {} })
  description!: Translated;

  @Column({ type: 'varchar', length: 80, nullable: true })
  hashtag!: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  /** Translated metadata texts keyed by PROCESS_METADATA_KEYS. */
  @Column({ type: 'jsonb', default: {} })
  metadata!: Partial<Record<ProcessMetadataKey, Translated>>;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  promoted!: boolean;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => ProcessGroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id' })
  group?: ProcessGroupEntity | null;

  @Column({ name: 'assembly_type', type: 'varchar', length: 40, nullable: true })
  assemblyType!: AssemblyType | null;

  @Column({ type: 'jsonb', default: {} })
  purpose!: Translated;

  @Column({ type: 'jsonb', default: {} })
  composition!: Translated;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => SpaceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: SpaceEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'public' })
  visibility!: SpaceVisibility;

  /** The area the space is about; its proposals take this scope or one below it. */
  @Column({ name: 'scope_id', type: 'uuid', nullable: true })
  scopeId!: string | null;

  @ManyToOne(() => ScopeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scope_id' })
  scope?: ScopeEntity | null;

  /** A stored image (`files`) shown at the top of the space's page and on its card. */
  @Column({ name: 'hero_image_id', type: 'uuid', nullable: true })
  heroImageId!: string | null;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'hero_image_id' })
  heroImage?: StoredFileEntity | null;

  /** Text alternative of the hero image, per locale; empty when the image is decorative. */
  @Column({ name: 'hero_image_alt', type: 'jsonb', default: {} })
  heroImageAlt!: Translated;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
