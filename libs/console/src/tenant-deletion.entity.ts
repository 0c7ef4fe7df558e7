import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';

import type { TenantStatus } from '@plaza/tenancy';
import { TenantEntity } from '@plaza/tenancy';

/** A scheduled deletion: cancellable until `purgeAfter`, then purged by the worker. */
@Entity({ schema: 'platform', name: 'tenant_deletions' })
export class TenantDeletionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_deletions_tenant_fk' })
  tenant?: TenantEntity;

  @Index('tenant_deletions_purge_after_idx')
  @Column({ name: 'purge_after', type: 'timestamptz' })
  purgeAfter!: Date;

  /** Status restored when the deletion is cancelled. */
  @Column({ name: 'previous_status', type: 'varchar', length: 16 })
  previousStatus!: TenantStatus;

  @Column({ name: 'requested_by', type: 'varchar', length: 254, nullable: true })
  requestedBy!: string | null;

  /** The export archive made before anything is deleted; null until the worker made it. */
  @Column({ name: 'export_path', type: 'varchar', length: 1000, nullable: true })
  exportPath!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
