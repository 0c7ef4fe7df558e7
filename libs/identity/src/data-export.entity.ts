import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';

import { UserEntity } from './user.entity';

/** A "download my data" archive; the link in the mail works for its owner until `expires_at`. */
@Entity({ name: 'data_exports' })
export class DataExportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('data_exports_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'data_exports_user_id_fkey' })
  user?: UserEntity;

  /** Path of the archive inside the tenant's storage once written; null while the job runs. */
  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
