import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { ProposalEntity } from './proposal.entity';

/** The proposal's title and body as they were after each edit (version 1 = as published). */
@Entity({ name: 'proposal_versions' })
@Index('proposal_versions_proposal_number_key', ['proposalId', 'number'], { unique: true })
export class ProposalVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: ProposalEntity;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 150 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'editor_id', type: 'uuid', nullable: true })
  editorId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
