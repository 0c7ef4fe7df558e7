import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import type { FileKind } from './file-type-sniffer';

/** A copy of an uploaded image at another size. */
export interface FileVariant {
  path: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
}

/** bigint comes back from pg as a string; sizes stay far below 2^53. */
const bigintAsNumber = {
  to: (value: number): number => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/**
 * An uploaded file. Paths are relative to the tenant (`files/<id>/original.png`);
 * the storage key adds the current tenant's id, so a row can never name
 * another tenant's file, even if it were copied into another schema.
 */
@Entity({ name: 'files' })
export class StoredFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 512 })
  path!: string;

  /** Told from the content, never from the name. */
  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: FileKind;

  /** Bytes stored (after re-encoding, for images). */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size!: number;

  /** As the uploader named it, without any folder; shown to people, never used in keys. */
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ type: 'jsonb', default: {} })
  variants!: Record<string, FileVariant>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
