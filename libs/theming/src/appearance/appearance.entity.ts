import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SOCIAL_NETWORKS = [
  'mastodon',
  'bluesky',
  'facebook',
  'instagram',
  'youtube',
  'linkedin',
] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const APPEARANCE_IMAGES = ['logo', 'favicon', 'heroImage', 'footerLogo'] as const;
export type AppearanceImage = (typeof APPEARANCE_IMAGES)[number];

/** How the organization's site looks; one row per tenant schema. */
@Entity({ name: 'appearance' })
export class AppearanceEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ name: 'primary_color', type: 'varchar', length: 7, default: '#1a5fb4' })
  primaryColor!: string;

  @Column({ name: 'secondary_color', type: 'varchar', length: 7, default: '#5e3c99' })
  secondaryColor!: string;

  @Column({ name: 'tertiary_color', type: 'varchar', length: 7, default: '#26734d' })
  tertiaryColor!: string;

  @Column({ type: 'varchar', length: 40, default: 'system' })
  font!: string;

  @Column({ name: 'logo_file_id', type: 'uuid', nullable: true })
  logo!: string | null;

  @Column({ name: 'favicon_file_id', type: 'uuid', nullable: true })
  favicon!: string | null;

  @Column({ name: 'hero_image_file_id', type: 'uuid', nullable: true })
  heroImage!: string | null;

  @Column({ name: 'footer_logo_file_id', type: 'uuid', nullable: true })
  footerLogo!: string | null;

  @Column({ name: 'official_url', type: 'varchar', length: 500, nullable: true })
  officialUrl!: string | null;

  /** Handle or profile URL per network. */
  @Column({ type: 'jsonb', default: {} })
  social!: Partial<Record<SocialNetwork, string>>;

  /** Applied only while the organization's plan includes custom CSS (PlanPolicy). */
  @Column({ name: 'custom_css', type: 'text', default: '' })
  customCss!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
