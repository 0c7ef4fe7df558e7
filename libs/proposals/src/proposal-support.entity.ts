import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { UserEntity } from '@plaza/identity';

import { ProposalEntity } from './proposal.entity';

/** One participant's support of one proposal (unique), temporary until they reach the minimum. */
@Entity({ name: 'proposal_supports' })
@Index('proposal_supports_proposal_author_key', ['proposalId', 'authorId'], { unique: true })
@Index('proposal_supports_component_author_idx', ['componentId', 'authorId'])
export class ProposalSupportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: ProposalEntity;

  /** Denormalized so a participant's supports in a component are counted by index. */
  @Column({ name: 'component_id', type: 'uuid' })
  componentId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column({ type: 'boolean', default: false })
  temporary!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
