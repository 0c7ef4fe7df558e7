import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';

export const CONTENT_BLOCK_KINDS = [
  'hero',
  'highlighted_processes',
  'highlighted_assemblies',
  'upcoming_meetings',
  'statistics',
  'how_to_participate',
  'last_activity',
  'html',
  'footer_sub_hero',
] as const;
export type ContentBlockKind = (typeof CONTENT_BLOCK_KINDS)[number];

export function isContentBlockKind(value: unknown): value is ContentBlockKind {
  return typeof value === 'string' && (CONTENT_BLOCK_KINDS as readonly string[]).includes(value);
}

/** What the admin configured; which keys a block uses depends on its kind. */
export interface ContentBlockSettings {
  title?: Translated;
  subtitle?: Translated;
  /** Plain text, or sanitised HTML for the `html` block. */
  body?: Translated;
  ctaLabel?: Translated;
  ctaUrl?: string;
  /** How many items list blocks show. */
  limit?: number;
}

/** One block of the homepage, in `position` order. */
@Entity({ name: 'content_blocks' })
export class ContentBlockEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: ContentBlockKind;

  @Index('content_blocks_position_idx')
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'jsonb', default: {} })
  settings!: ContentBlockSettings;

  @Column({ name: 'image_file_id', type: 'uuid', nullable: true })
  imageFileId!: string | null;
}
