import { Injectable } from '@nestjs/common';

import {
  EmptyFileException,
  FileTooLargeException,
  FileTypeNotAcceptedException,
  formatBytes,
  IMAGE_TYPES,
  StoredFileEntity,
  UnreadableImageException,
  UploadsService,
} from '@plaza/storage';
import { PlanLimitException, PlanPolicy, TenantContext, TenantDb } from '@plaza/tenancy';
import { planLimitMessage, type UploadedFile } from '@plaza/web';

import { themingT } from '../theming.messages';
import { AppearanceEntity } from './appearance.entity';

/** Logos and hero images: large enough for a full-width photo, small enough to serve quickly. */
export const APPEARANCE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export class ImageRefusedError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

/** The organization's appearance row, and the images it points to. */
@Injectable()
export class AppearanceService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly uploads: UploadsService,
    private readonly plan: PlanPolicy,
  ) {}

  get(): Promise<AppearanceEntity> {
    return this.tenantDb.run(
      async (em) =>
        (await em.findOneBy(AppearanceEntity, { id: 1 })) ??
        em.create(AppearanceEntity, { id: 1, social: {} }),
    );
  }

  async save(changes: Partial<AppearanceEntity>): Promise<void> {
    await this.tenantDb.run(async (em) => {
      await em.upsert(AppearanceEntity, { ...changes, id: 1 }, ['id']);
    });
  }

  /** Whether the organization's plan includes custom CSS (the provider decides, not its admins). */
  async customCssAccess(): Promise<{ allowed: boolean; planName: string | null }> {
    const { plan, features } = await this.plan.effective(TenantContext.current().id);
    return { allowed: features.customCss, planName: plan?.name ?? null };
  }

  /** Stores an uploaded image, or throws a sentence in `locale` saying why it was refused. */
  async uploadImage(file: UploadedFile, locale: string): Promise<StoredFileEntity> {
    const tooLarge = themingT(locale, 'upload.tooLarge', {
      size: formatBytes(APPEARANCE_IMAGE_MAX_BYTES),
    });
    if (file.truncated) throw new ImageRefusedError(tooLarge);
    try {
      return await this.uploads.upload({
        body: file.data,
        originalName: file.filename,
        maxBytes: APPEARANCE_IMAGE_MAX_BYTES,
        accept: IMAGE_TYPES,
      });
    } catch (error) {
      if (error instanceof FileTooLargeException) throw new ImageRefusedError(tooLarge);
      if (error instanceof FileTypeNotAcceptedException)
        throw new ImageRefusedError(themingT(locale, 'upload.type'));
      if (error instanceof UnreadableImageException || error instanceof EmptyFileException)
        throw new ImageRefusedError(themingT(locale, 'upload.unreadable'));
      if (error instanceof PlanLimitException)
        throw new ImageRefusedError(planLimitMessage(locale, error));
      throw error;
    }
  }

  /** Forgets images no longer used; a failure leaves an orphan file, never a broken page. */
  async deleteImages(ids: (string | null | undefined)[]): Promise<void> {
    for (const id of ids) {
      if (!id) continue;
      const file = await this.uploads.find(id);
      if (file) await this.uploads.delete(file).catch(() => undefined);
    }
  }
}
