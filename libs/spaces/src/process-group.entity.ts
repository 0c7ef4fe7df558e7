import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { Translated } from '@plaza/core';

/** Groups related processes under one public page (Decidim's process groups). */
@Entity({ name: 'process_groups' })
export class ProcessGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb', default: {} })
  title!: Translated;

  @Column({ type: 'jsonb', default: {} })
  description!: Translated;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
