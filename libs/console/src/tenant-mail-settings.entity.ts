import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import { TenantEntity } from '@plaza/tenancy';

/** A tenant's own outgoing mail server; without a row the platform's SMTP is used. */
@Entity({ schema: 'platform', name: 'tenant_mail_settings' })
export class TenantMailSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 16 })
  tenantId!: string;

  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_mail_settings_tenant_fk' })
  tenant?: TenantEntity;

  @Column({ type: 'varchar', length: 253 })
  host!: string;

  @Column({ type: 'integer' })
  port!: number;

  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  @Column({ type: 'boolean', default: false })
  secure!: boolean;

  @Column({ type: 'varchar', length: 254, nullable: true })
  username!: string | null;

  /** Sealed by SecretBox; never returned by the API. */
  @Column({ name: 'password_sealed', type: 'text', nullable: true })
  passwordSealed!: string | null;

  @Column({ name: 'sender_name', type: 'varchar', length: 200 })
  senderName!: string;

  @Column({ name: 'sender_address', type: 'varchar', length: 254 })
  senderAddress!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
