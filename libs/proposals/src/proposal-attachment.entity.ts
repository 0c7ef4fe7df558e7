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
import { StoredFileEntity } from '@plaza/storage';

import { ProposalEntity } from './proposal.entity';

/** A file (PDF, image, office document) attached to a proposal by its author or an admin. */
@Entity({ name: 'proposal_attachments' })
export class ProposalAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('proposal_attachments_proposal_idx')
  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: ProposalEntity;

  /** One stored file per attachment; removing the attachment removes the file. */
  @Index('proposal_attachments_file_key', { unique: true })
  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  /** Shown instead of the file name when given. */
  @Column({ type: 'varchar', length: 200, default: '' })
  title!: string;

  @Column({ name: 'uploader_id', type: 'uuid', nullable: true })
  uploaderId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploader_id' })
  uploader?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
