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

import { SpaceEntity } from './space.entity';

export type SettingValue = boolean | number | string | Translated;
export type Settings = Record<string, SettingValue>;

/** Actions whose permissions an admin sets per component (Decidim's component permissions). */
export const PERMISSION_ACTIONS = ['create', 'support', 'endorse', 'comment'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** Per action: the verification method a participant must hold. */
export type ComponentPermissions = Partial<Record<PermissionAction, { verification?: string }>>;

/**
 * A feature placed in a space (proposals, a page...). Global settings apply
 * always; step settings apply while their phase is active (`defaultStepSettings`
 * when the space has no active phase).
 */
@Entity({ name: 'components' })
export class ComponentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('components_space_idx')
  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ type: 'varchar', length: 40 })
  manifest!: string;

  @Column({ type: 'jsonb', default: {} })
  name!: Translated;

  @Column({ type: 'integer', default: 0 })
  weight!: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'jsonb', default: {} })
  settings!: Settings;

  /** Phase id → step settings. */
  @Column({ name: 'step_settings', type: 'jsonb', default: {} })
  stepSettings!: Record<string, Settings>;

  @Column({ name: 'default_step_settings', type: 'jsonb', default: {} })
  defaultStepSettings!: Settings;

  @Column({ type: 'jsonb', default: {} })
  permissions!: ComponentPermissions;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
