import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TENANT_STATUSES = [
  'provisioning',
  'active',
  'suspended',
  'archived',
  'deleting',
  'deleted',
  'failed',
] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

@Entity({ schema: 'platform', name: 'tenants' })
export class TenantEntity {
  /** Short immutable id; schema and role names derive from it, never from the slug. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id!: string;

  @Index('tenants_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  slug!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('tenants_status_idx')
  @Column({ type: 'varchar', length: 16, default: 'provisioning' })
  status!: TenantStatus;

  @Column({ name: 'default_locale', type: 'varchar', length: 8 })
  defaultLocale!: string;

  @Column({ type: 'varchar', length: 8, array: true })
  locales!: string[];

  @Column({ name: 'plan_code', type: 'varchar', length: 40, nullable: true })
  planCode!: string | null;

  @Column({ name: 'schema_name', type: 'varchar', length: 63 })
  schemaName!: string;

  @Column({ name: 'role_name', type: 'varchar', length: 63 })
  roleName!: string;

  @Column({ name: 'admin_email', type: 'varchar', length: 254, nullable: true })
  adminEmail!: string | null;

  @Column({ name: 'admin_name', type: 'varchar', length: 200, nullable: true })
  adminName!: string | null;

  @Column({ name: 'provisioning_progress', type: 'smallint', default: 0 })
  provisioningProgress!: number;

  @Column({ name: 'provisioning_error', type: 'text', nullable: true })
  provisioningError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
