import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';

import { SpaceEntity } from './space.entity';

/** A category of a space, used to classify its proposals (Decidim's categories). */
@Entity({ name: 'space_categories' })
export class SpaceCategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('space_categories_space_idx')
  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ type: 'jsonb', default: {} })
  name!: Translated;

  @Column({ type: 'integer', default: 0 })
  weight!: number;
}
