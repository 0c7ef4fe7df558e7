import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to what, and when: every admin action of the tenant. Rows are never updated. */
@Entity({ name: 'action_logs' })
@Index('action_logs_created_at_idx', ['createdAt'])
export class ActionLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The admin; kept as a plain id so the log outlives an erased account. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** e.g. `user.invite`, `user.block`, `user.roles` */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, string | number | boolean | null | string[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
