import { Injectable } from '@nestjs/common';

import { EntityManager, In } from 'typeorm';

import {
  EmptyFileException,
  FILE_TYPES,
  FileTooLargeException,
  FileTypeNotAcceptedException,
  formatBytes,
  IMAGE_TYPES,
  StoredFileEntity,
  UnreadableImageException,
  UploadsService,
} from '@plaza/storage';
import { TenantDb } from '@plaza/tenancy';
import type { UploadedFile } from '@plaza/web';

import { profileT } from './profile.messages';
import { UserEntity } from './user.entity';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Pages are rendered far more often than avatars change: links stay valid for a day. */
const AVATAR_URL_SECONDS = 24 * 3600;

/** An avatar refused, with the sentence that says why in the person's language. */
export class AvatarRefusedError extends Error {}

/**
 * People's pictures: stored through UploadsService (content sniffed, SVG
 * refused, re-encoded to squares without metadata) under the tenant's prefix.
 */
@Injectable()
export class Avatars {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly uploads: UploadsService,
  ) {}

  /** Stores the new picture, then forgets the previous one. */
  async replace(userId: string, file: UploadedFile | null, locale: string): Promise<void> {
    const t = (key: Parameters<typeof profileT>[1]) =>
      profileT(locale, key, { size: formatBytes(AVATAR_MAX_BYTES) });
    if (!file) throw new AvatarRefusedError(t('avatar.missing'));
    if (file.truncated) throw new AvatarRefusedError(t('avatar.tooLarge'));
    let stored: StoredFileEntity;
    try {
      stored = await this.uploads.upload({
        body: file.data,
        originalName: file.filename,
        maxBytes: AVATAR_MAX_BYTES,
        accept: IMAGE_TYPES,
        square: true,
      });
    } catch (error) {
      if (error instanceof FileTooLargeException)
        throw new AvatarRefusedError(t('avatar.tooLarge'));
      if (error instanceof FileTypeNotAcceptedException)
        throw new AvatarRefusedError(
          t(error.detected?.mime === FILE_TYPES.svg.mime ? 'avatar.svg' : 'avatar.type'),
        );
      if (error instanceof UnreadableImageException || error instanceof EmptyFileException)
        throw new AvatarRefusedError(t('avatar.unreadable'));
      throw error;
    }
    const previous = await this.swap(userId, stored.id);
    await this.deleteFile(previous);
  }

  /** Back to initials; the file goes too. */
  async remove(userId: string): Promise<void> {
    const previous = await this.swap(userId, null);
    await this.deleteFile(previous);
  }

  /** Signed URLs of the small square of each avatar, by file id, read in one query. */
  async urls(
    em: EntityManager,
    fileIds: (string | null | undefined)[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(fileIds.filter((id): id is string => !!id))];
    const urls = new Map<string, string>();
    if (wanted.length === 0) return urls;
    for (const file of await em.findBy(StoredFileEntity, { id: In(wanted) }))
      urls.set(
        file.id,
        await this.uploads.signedUrl(file, {
          version: 'thumbnail',
          expiresInSeconds: AVATAR_URL_SECONDS,
        }),
      );
    return urls;
  }

  async url(em: EntityManager, fileId: string | null): Promise<string | null> {
    return fileId ? ((await this.urls(em, [fileId])).get(fileId) ?? null) : null;
  }

  /** The picture as uploaded (re-encoded), for the person's data export. */
  async original(
    em: EntityManager,
    userId: string,
  ): Promise<{ file: StoredFileEntity; data: Buffer } | null> {
    const user = await em.findOneBy(UserEntity, { id: userId });
    const file = user?.avatarFileId
      ? await em.findOneBy(StoredFileEntity, { id: user.avatarFileId })
      : null;
    if (!file) return null;
    const stream = await this.uploads.open(file);
    const chunks: Buffer[] = [];
    for await (const chunk of stream.body) chunks.push(Buffer.from(chunk as Buffer));
    return { file, data: Buffer.concat(chunks) };
  }

  /** Sets the picture and returns the one it replaces; the row lock orders concurrent uploads. */
  private async swap(userId: string, fileId: string | null): Promise<string | null> {
    return this.tenantDb.run(async (em) => {
      const user = await em.findOneOrFail(UserEntity, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      await em.update(UserEntity, { id: userId }, { avatarFileId: fileId });
      return user.avatarFileId;
    });
  }

  private async deleteFile(fileId: string | null): Promise<void> {
    if (!fileId) return;
    const file = await this.uploads.find(fileId);
    if (file) await this.uploads.delete(file);
  }
}
