import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import { Inject, Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import { countScalar, PlanPolicy, TenantContext, TenantDb } from '@plaza/tenancy';

import { FILE_STORAGE, FileStorage, FileStream, SignedUrlOptions } from './file-storage';
import { FILE_TYPES, FileType, sniffFileType } from './file-type-sniffer';
import {
  DEFAULT_MAX_IMAGE_PIXELS,
  EncodedImage,
  ImageVariantName,
  isProcessableImage,
  processImage,
  UnreadableImageError,
} from './image-processor';
import { tenantKey, tenantPrefix } from './storage-key';
import { FileVariant, StoredFileEntity } from './stored-file.entity';
import {
  EmptyFileException,
  FileTooLargeException,
  FileTypeNotAcceptedException,
  UnreadableImageException,
} from './upload.exceptions';

const MB = 1024 * 1024;

/** Raster images Plaza re-encodes. */
export const IMAGE_TYPES: readonly FileType[] = [
  FILE_TYPES.png,
  FILE_TYPES.jpeg,
  FILE_TYPES.gif,
  FILE_TYPES.webp,
];

/** Attachments people commonly share with a proposal or a meeting. */
export const DOCUMENT_TYPES: readonly FileType[] = [
  FILE_TYPES.pdf,
  FILE_TYPES.docx,
  FILE_TYPES.xlsx,
  FILE_TYPES.pptx,
  FILE_TYPES.odt,
  FILE_TYPES.ods,
  FILE_TYPES.odp,
  FILE_TYPES.csv,
  FILE_TYPES.txt,
];

export interface UploadRequest {
  body: Buffer | Readable;
  /** As sent by the browser; kept for display and downloads, never trusted for the type. */
  originalName: string;
  /** Decided by the caller; the plan's storage limit applies on top. */
  maxBytes: number;
  /** Types this upload may be; anything else is refused with a sentence saying so. */
  accept: readonly FileType[];
  maxImagePixels?: number;
  /** Crop images to their centre square (avatars): the original and every size are squares. */
  square?: boolean;
}

export type FileVersion = 'original' | ImageVariantName;

/** Bytes about to be stored; dimensions for images only. */
type Encoded = Omit<EncodedImage, 'width' | 'height'> & {
  width: number | null;
  height: number | null;
};

/** Keeps the last path segment (browsers may send `C:\fakepath\...`) and printable characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\x00-\x1f\x7f]/g, '').trim();
  return printable.slice(0, 255) || 'file';
}

/** The uploader's name with the extension of what the file really is. */
export function downloadName(file: Pick<StoredFileEntity, 'originalName' | 'path'>): string {
  const ext = file.path.slice(file.path.lastIndexOf('.') + 1);
  const stem = file.originalName.replace(/\.[A-Za-z0-9]{1,8}$/, '') || 'file';
  return `${stem}.${ext}`;
}

async function readWithin(body: Buffer | Readable, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw new FileTooLargeException(maxBytes);
    return body;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw new FileTooLargeException(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Accepts a file from a participant or an admin: checks its size, tells its
 * type from its content, re-encodes images (no metadata, upright, two sizes),
 * stores it under the current tenant and records it in the tenant's `files`.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly tenantDb: TenantDb,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly plan: PlanPolicy,
  ) {}

  /** Bytes of the stored originals: what the plan's `storageMb` bounds (and usage reports). */
  private usedBytes(em: EntityManager): Promise<number> {
    return countScalar(em, 'select coalesce(sum(size), 0) as n from files');
  }

  /**
   * Refuses with a PlanLimitException a file that would take the organization
   * past its plan's storage: checked before anything is written, and again,
   * serialized, in the transaction that records the file (its bytes are then
   * removed), so nothing already stored is ever lost.
   */
  async upload(request: UploadRequest): Promise<StoredFileEntity> {
    const room = await this.plan.limitCheck(TenantContext.current().id, 'storageMb');
    const bytes = await readWithin(request.body, request.maxBytes);
    if (bytes.length === 0) throw new EmptyFileException();
    const type = sniffFileType(bytes);
    if (!type || !request.accept.some((a) => a.mime === type.mime)) {
      throw new FileTypeNotAcceptedException(type, request.accept);
    }

    const id = randomUUID();
    const folder = `files/${id}`;
    let original: Encoded = { data: bytes, type, width: null, height: null };
    const toStore: { path: string; image: Encoded }[] = [];
    const variants: Record<string, FileVariant> = {};
    if (isProcessableImage(type)) {
      const maxPixels = request.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
      try {
        const processed = await processImage(bytes, type, maxPixels, { square: request.square });
        original = processed.original;
        for (const [name, image] of Object.entries(processed.variants)) {
          const path = `${folder}/${name}.${image.type.ext}`;
          toStore.push({ path, image });
          variants[name] = {
            path,
            contentType: image.type.mime,
            size: image.data.length,
            width: image.width,
            height: image.height,
          };
        }
      } catch (error) {
        if (error instanceof UnreadableImageError) {
          throw new UnreadableImageException(error.reason, maxPixels);
        }
        throw error;
      }
    }
    const path = `${folder}/original.${type.ext}`;
    toStore.push({ path, image: original });
    if (room.max !== null)
      await this.tenantDb.run((em) =>
        room.assert(em, () => this.usedBytes(em), original.data.length, MB),
      );

    try {
      // Settle every write before cleaning up, so none lands after the cleanup.
      const writes = await Promise.allSettled(
        toStore.map(({ path: p, image }) =>
          this.storage.put(tenantKey(p), image.data, { contentType: contentTypeOf(image.type) }),
        ),
      );
      const failed = writes.find((w) => w.status === 'rejected');
      if (failed) throw failed.reason;
      return await this.tenantDb.run(async (em) => {
        await room.assert(em, () => this.usedBytes(em), original.data.length, MB);
        return em.save(
          em.create(StoredFileEntity, {
            id,
            path,
            contentType: contentTypeOf(type),
            kind: type.kind,
            size: original.data.length,
            originalName: cleanFileName(request.originalName),
            width: original.width,
            height: original.height,
            variants,
          }),
        );
      });
    } catch (error) {
      await this.storage.deletePrefix(tenantPrefix(folder)).catch(() => undefined);
      throw error;
    }
  }

  async find(id: string): Promise<StoredFileEntity | null> {
    if (!isUuid(id)) return null;
    return this.tenantDb.run((em) => em.findOneBy(StoredFileEntity, { id }));
  }

  /** The file's bytes (or one of its image sizes). */
  async open(file: StoredFileEntity, version: FileVersion = 'original'): Promise<FileStream> {
    return this.storage.get(tenantKey(pathOf(file, version)));
  }

  /**
   * A URL to show or download the file. Downloads are named after the upload,
   * with the extension of what the file really is.
   */
  async signedUrl(
    file: StoredFileEntity,
    options: { version?: FileVersion; download?: boolean } & Omit<
      SignedUrlOptions,
      'downloadName'
    > = {},
  ): Promise<string> {
    return this.storage.signedUrl(tenantKey(pathOf(file, options.version ?? 'original')), {
      expiresInSeconds: options.expiresInSeconds,
      downloadName: options.download ? downloadName(file) : undefined,
    });
  }

  /** Forgets the record, then the stored bytes. */
  async delete(file: StoredFileEntity): Promise<void> {
    await this.tenantDb.run((em) => em.delete(StoredFileEntity, { id: file.id }));
    await this.storage.deletePrefix(tenantPrefix('files', file.id));
  }
}

function pathOf(file: StoredFileEntity, version: FileVersion): string {
  if (version === 'original') return file.path;
  // Files that are not images have no other sizes: the original stands in.
  return file.variants[version]?.path ?? file.path;
}

function contentTypeOf(type: FileType): string {
  return type.kind === 'text' ? `${type.mime}; charset=utf-8` : type.mime;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
