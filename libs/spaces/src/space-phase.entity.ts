import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';

import { SpaceEntity } from './space.entity';

/** A phase ("step") of a process. The partial unique index allows at most one active phase. */
@Entity({ name: 'space_phases' })
@Index('space_phases_one_active', ['spaceId'], { unique: true, where: 'active' })
export class SpacePhaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('space_phases_space_idx')
  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'jsonb', default: {} })
  description!: Translated;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  @Column({ type: 'boolean', default: false })
  active!: boolean;
}
