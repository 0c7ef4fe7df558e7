import { Injectable } from '@nestjs/common';

import { EntityManager, In } from 'typeorm';

import {
  EmptyFileException,
  FileTooLargeException,
  FileType,
  FileTypeNotAcceptedException,
  formatBytes,
  IMAGE_TYPES,
  StoredFileEntity,
  UnreadableImageException,
  UploadsService,
} from '@plaza/storage';
import { TenantDb } from '@plaza/tenancy';
import type { UploadedFile } from '@plaza/web';

import { spaceMediaT } from './space-media.messages';

/** Hero images: large enough for a full-width photo, small enough to serve quickly. */
export const HERO_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Signed image URLs stay valid for a day: pages are rendered far more often. */
const IMAGE_URL_SECONDS = 24 * 3600;

/** An upload refused with a sentence in the person's language. */
export class UploadRefusedError extends Error {
  constructor(
    readonly userMessage: string,
    readonly code: UploadRefusal,
  ) {
    super(userMessage);
  }
}

export type UploadRefusal = 'tooLarge' | 'type' | 'unreadable' | 'empty';

export interface UploadRules {
  locale: string;
  maxBytes: number;
  accept: readonly FileType[];
}

/** Why an upload was refused, as a sentence in `rules.locale`. */
export function uploadRefusalMessage(code: UploadRefusal, rules: UploadRules): string {
  const t = (key: Parameters<typeof spaceMediaT>[1], params?: Record<string, string>) =>
    spaceMediaT(rules.locale, key, params);
  switch (code) {
    case 'tooLarge':
      return t('upload.tooLarge', { size: formatBytes(rules.maxBytes) });
    case 'type':
      return t('upload.type', {
        types: [...new Set(rules.accept.map((a) => a.ext.toUpperCase()))].join(', '),
      });
    case 'empty':
      return t('upload.empty');
    default:
      return t('upload.unreadable');
  }
}

/**
 * Uploads `file` through UploadsService (size limit, type told from the content,
 * images re-encoded) or throws UploadRefusedError saying why, in `rules.locale`.
 */
export async function uploadOrRefuse(
  uploads: UploadsService,
  file: UploadedFile,
  rules: UploadRules,
): Promise<StoredFileEntity> {
  const refuse = (code: UploadRefusal) =>
    new UploadRefusedError(uploadRefusalMessage(code, rules), code);
  if (file.truncated) throw refuse('tooLarge');
  try {
    return await uploads.upload({
      body: file.data,
      originalName: file.filename,
      maxBytes: rules.maxBytes,
      accept: rules.accept,
    });
  } catch (error) {
    if (error instanceof FileTooLargeException) throw refuse('tooLarge');
    if (error instanceof FileTypeNotAcceptedException) throw refuse('type');
    if (error instanceof EmptyFileException) throw refuse('empty');
    if (error instanceof UnreadableImageException) throw refuse('unreadable');
    throw error;
  }
}

/** Hero images of processes and assemblies. */
@Injectable()
export class SpaceImagesService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly uploads: UploadsService,
  ) {}

  upload(file: UploadedFile, locale: string): Promise<StoredFileEntity> {
    return uploadOrRefuse(this.uploads, file, {
      locale,
      maxBytes: HERO_IMAGE_MAX_BYTES,
      accept: IMAGE_TYPES,
    });
  }

  /** Large and thumbnail URLs of several images, read in one query. */
  async urls(
    ids: (string | null | undefined)[],
    em?: EntityManager,
  ): Promise<Map<string, { large: string; thumbnail: string }>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const urls = new Map<string, { large: string; thumbnail: string }>();
    if (wanted.length === 0) return urls;
    const read = (m: EntityManager) => m.findBy(StoredFileEntity, { id: In(wanted) });
    const files = em ? await read(em) : await this.tenantDb.run(read);
    for (const file of files) urls.set(file.id, await this.signed(file));
    return urls;
  }

  /** The addresses of a file already read (e.g. joined with its space): no query. */
  async signed(file: StoredFileEntity): Promise<{ large: string; thumbnail: string }> {
    return {
      large: await this.uploads.signedUrl(file, {
        version: 'large',
        expiresInSeconds: IMAGE_URL_SECONDS,
      }),
      thumbnail: await this.uploads.signedUrl(file, {
        version: 'thumbnail',
        expiresInSeconds: IMAGE_URL_SECONDS,
      }),
    };
  }

  /** Forgets images no longer used; a failure leaves an orphan file, never a broken page. */
  async delete(ids: (string | null | undefined)[]): Promise<void> {
    for (const id of ids) {
      if (!id) continue;
      const file = await this.uploads.find(id);
      if (file) await this.uploads.delete(file).catch(() => undefined);
    }
  }
}
