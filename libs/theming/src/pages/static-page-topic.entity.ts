import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';

/** A group of static pages ("About the process", "Help"...). */
@Entity({ name: 'static_page_topics' })
export class StaticPageTopicEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'jsonb', default: {} })
  description!: Translated;

  @Column({ type: 'integer', default: 0 })
  weight!: number;
}
