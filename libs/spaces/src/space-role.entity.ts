import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { UserEntity } from '@plaza/identity';

import { SpaceEntity } from './space.entity';

/** Decidim's space-level roles, plus `member` for private spaces' invited participants. */
export const SPACE_ROLES = ['admin', 'moderator', 'collaborator', 'valuator', 'member'] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

@Entity({ name: 'space_roles' })
@Index('space_roles_space_user_role_key', ['spaceId', 'userId', 'role'], { unique: true })
export class SpaceRoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Index('space_roles_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: SpaceRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
