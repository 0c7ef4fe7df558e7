import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One console action. Actor and tenant are copied, not referenced, so the
 * record outlives a deleted console user or a purged tenant.
 */
@Entity({ schema: 'platform', name: 'audit_events' })
@Index('audit_events_tenant_idx', ['tenantId', 'createdAt'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('audit_events_created_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  /** Dotted verb, e.g. `tenant.suspend`, `session.create`. */
  @Index('audit_events_action_idx')
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 16, nullable: true })
  tenantId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}
