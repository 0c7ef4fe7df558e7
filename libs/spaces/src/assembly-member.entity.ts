import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { SpaceEntity } from './space.entity';

export const MEMBER_POSITIONS = ['president', 'vice_president', 'secretary', 'other'] as const;
export type MemberPosition = (typeof MEMBER_POSITIONS)[number];

/** A person sitting in an assembly, shown on its page (not an account by necessity). */
@Entity({ name: 'assembly_members' })
export class AssemblyMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('assembly_members_space_idx')
  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'space_id' })
  space?: SpaceEntity;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 24 })
  position!: MemberPosition;

  /** Free text when `position` is `other`. */
  @Column({ name: 'position_other', type: 'varchar', length: 200, nullable: true })
  positionOther!: string | null;

  @Column({ type: 'integer', default: 0 })
  weight!: number;
}
