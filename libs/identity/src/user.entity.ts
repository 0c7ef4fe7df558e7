import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ORGANIZATION_ROLES = ['admin', 'user_manager'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

/** A participant or admin of one tenant; the same email on two tenants is two unrelated accounts. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Index('users_nickname_key', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  nickname!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  locale!: string | null;

  /** The avatar (a square image in the tenant's `files`), or null for initials. */
  @Column({ name: 'avatar_file_id', type: 'uuid', nullable: true })
  avatarFileId!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  roles!: OrganizationRole[];

  /** A new address waiting for confirmation by its emailed link; `email` changes only then. */
  @Column({ name: 'unconfirmed_email', type: 'varchar', length: 254, nullable: true })
  unconfirmedEmail!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Version of the terms-of-service page the person last accepted. */
  @Column({ name: 'terms_accepted_version', type: 'integer', nullable: true })
  termsAcceptedVersion!: number | null;

  @Column({ name: 'terms_accepted_at', type: 'timestamptz', nullable: true })
  termsAcceptedAt!: Date | null;

  /** Consent to the newsletter and when it was given; null means no consent. */
  @Column({ name: 'newsletter_consent_at', type: 'timestamptz', nullable: true })
  newsletterConsentAt!: Date | null;

  /** TOTP secret sealed by SecretBox (see TotpSecrets) once two-factor sign-in is on; null when off. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 255, nullable: true })
  totpSecret!: string | null;

  /** Time step of the last accepted code: a code works once (no replay within its 30 seconds). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt!: Date | null;

  @Column({ name: 'blocked_reason', type: 'varchar', length: 500, nullable: true })
  blockedReason!: string | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deletion_reason', type: 'varchar', length: 500, nullable: true })
  deletionReason!: string | null;
}
