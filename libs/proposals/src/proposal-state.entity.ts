import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';
import { ComponentEntity } from '@plaza/spaces';

/** An answer state a component adds to the built-in evaluating / accepted / rejected. */
@Entity({ name: 'proposal_states' })
@Index('proposal_states_component_token_key', ['componentId', 'token'], { unique: true })
export class ProposalStateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'component_id', type: 'uuid' })
  componentId!: string;

  @ManyToOne(() => ComponentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'component_id' })
  component?: ComponentEntity;

  @Column({ type: 'varchar', length: 40 })
  token!: string;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
