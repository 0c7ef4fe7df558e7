import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import type { Translated } from '@plaza/core';

/** Decidim's scope types: what kind of area a scope is ("District" / "Districts"). */
@Entity({ name: 'scope_types' })
export class ScopeTypeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb', default: {} })
  name!: Translated;

  @Column({ type: 'jsonb', default: {} })
  plural!: Translated;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Decidim's scopes: the organization's tree of geographic or thematic areas
 * (city, districts, neighbourhoods...). Spaces and proposals may take one.
 */
@Entity({ name: 'scopes' })
export class ScopeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb', default: {} })
  name!: Translated;

  /** An optional code from another system (a district number, an INSEE code). */
  @Index('scopes_code_key', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  /** Deleting a scope with sub-scopes is refused by the service; the database agrees. */
  @Index('scopes_parent_idx')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => ScopeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: ScopeEntity | null;

  /** What kind of area it is; a deleted type leaves its scopes untyped. */
  @Column({ name: 'scope_type_id', type: 'uuid', nullable: true })
  scopeTypeId!: string | null;

  @ManyToOne(() => ScopeTypeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scope_type_id' })
  scopeType?: ScopeTypeEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
