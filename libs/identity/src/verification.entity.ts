import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { UserEntity } from './user.entity';

export const VERIFICATION_STATUSES = ['pending', 'granted', 'refused', 'revoked'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * A participant's verification by one method (Decidim's authorization). The
 * document number is kept only while an admin has to read it; once decided,
 * only its hash (one document verifies one account) and its last characters stay.
 */
@Entity({ name: 'verifications' })
@Index('verifications_user_method_key', ['userId', 'method'], { unique: true })
@Index('verifications_granted_document_key', ['method', 'uniqueHash'], {
  unique: true,
  where: `status = 'granted'`,
})
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'verifications_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  method!: string;

  @Index('verifications_status_idx')
  @Column({ type: 'varchar', length: 16 })
  status!: VerificationStatus;

  @Column({ name: 'document_type', type: 'varchar', length: 24 })
  documentType!: string;

  /** Readable by admins while pending; erased when the request is decided. */
  @Column({ name: 'document_number', type: 'varchar', length: 40, nullable: true })
  documentNumber!: string | null;

  /**
   * `k1.` + HMAC-SHA-256 (key from SECRETS_KEY and the organization's salt) of the SHA-256 of the
   * method and the normalized number; bare SHA-256 hex in rows `migrate` has not keyed yet.
   */
  @Column({ name: 'unique_hash', type: 'varchar', length: 64 })
  uniqueHash!: string;

  /** The last three characters, so people recognise which document they used. */
  @Column({ name: 'number_hint', type: 'varchar', length: 8 })
  numberHint!: string;

  /** Why it was refused or revoked, shown to the participant. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;
}
