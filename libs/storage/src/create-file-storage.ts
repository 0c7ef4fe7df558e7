import type { StorageSettings } from '@plaza/core';

import type { FileStorage } from './file-storage';
import { FileUrlSigner } from './file-url-signer';
import { LocalFileStorage } from './local-file-storage';
import { createS3Client, S3FileStorage } from './s3-file-storage';

/** The driver the configuration chooses (`STORAGE_DRIVER`). */
export function createFileStorage(settings: StorageSettings): FileStorage {
  if (settings.driver === 's3') {
    if (!settings.s3) throw new Error('STORAGE_DRIVER=s3 needs the S3_* settings');
    return new S3FileStorage(createS3Client(settings.s3), settings.s3.bucket);
  }
  if (!settings.fileUrlSecret) throw new Error('The local storage driver needs FILE_URL_SECRET');
  return new LocalFileStorage(settings.dir, new FileUrlSigner(settings.fileUrlSecret));
}
