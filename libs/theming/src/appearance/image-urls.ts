import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';

import { StoredFileEntity, UploadsService } from '@plaza/storage';

/** Public images (logos, hero) stay valid for a day: pages are rendered far more often. */
const IMAGE_URL_SECONDS = 24 * 3600;

/** Signed URLs of several stored images, read in one query. */
@Injectable()
export class ImageUrls {
  constructor(private readonly uploads: UploadsService) {}

  async of(
    em: EntityManager,
    ids: (string | null | undefined)[],
  ): Promise<Map<string, { url: string; large: string }>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const urls = new Map<string, { url: string; large: string }>();
    if (wanted.length === 0) return urls;
    const files = await em.findBy(StoredFileEntity, { id: In(wanted) });
    for (const file of files) {
      urls.set(file.id, {
        url: await this.uploads.signedUrl(file, { expiresInSeconds: IMAGE_URL_SECONDS }),
        large: await this.uploads.signedUrl(file, {
          version: 'large',
          expiresInSeconds: IMAGE_URL_SECONDS,
        }),
      });
    }
    return urls;
  }
}
