import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { Translated } from '@plaza/core';

export const REGISTRATION_MODES = ['open', 'invitation', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/** The tenant's own site settings; one row per tenant schema. */
@Entity({ name: 'organization' })
export class OrganizationEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'jsonb', default: {} })
  name!: Translated;

  @Column({ type: 'jsonb', default: {} })
  description!: Translated;

  @Column({ name: 'registration_mode', type: 'varchar', length: 16, default: 'open' })
  registrationMode!: RegistrationMode;

  @Column({ name: 'force_sign_in', type: 'boolean', default: false })
  forceSignIn!: boolean;

  /** Admins must use two-factor sign-in: until they turn it on they act as participants. */
  @Column({ name: 'require_admin_two_factor', type: 'boolean', default: false })
  requireAdminTwoFactor!: boolean;

  /** Verification methods participants may use here (Decidim's available authorizations). */
  @Column({
    name: 'verification_methods',
    type: 'varchar',
    length: 40,
    array: true,
    default: () => "'{}'",
  })
  verificationMethods!: string[];

  /**
   * Salt of the key behind verification document hashes (identity's
   * VerificationHashes): differs between organizations, and travels with the
   * tenant's rows when an organization is exported and imported.
   */
  @Column({ name: 'verification_salt', type: 'uuid' })
  @Generated('uuid')
  verificationSalt!: string;

  /** Longest comment accepted, unless a component sets its own maximum. */
  @Column({ name: 'comments_max_length', type: 'integer', default: 1000 })
  commentsMaxLength!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
