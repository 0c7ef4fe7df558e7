import type { Readable } from 'node:stream';

import type { StorageDriver } from '@plaza/core';

import type { TenantKey, TenantPrefix } from './storage-key';

export interface PutOptions {
  /** Sent back with the file; decided by the caller from the content, never from a name. */
  contentType: string;
}

export interface StoredObject {
  key: TenantKey;
  size: number;
  lastModified: Date;
}

export interface FileStream {
  body: Readable;
  contentType: string;
  size: number;
}

export interface SignedUrlOptions {
  /** Lifetime of the URL; 15 minutes when omitted. */
  expiresInSeconds?: number;
  /** When set, browsers download the file under this name instead of showing it. */
  downloadName?: string;
}

export const DEFAULT_SIGNED_URL_SECONDS = 15 * 60;
/** S3 refuses presigned URLs valid longer than 7 days; the local driver keeps the same bound. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file at ${key}`);
  }
}

/**
 * Where tenant files live. Every method takes keys made by `tenantKey()` /
 * `tenantPrefix()` and refuses keys of another tenant than the one in context.
 */
export interface FileStorage {
  readonly driver: StorageDriver;
  /** Writes the whole file, replacing any previous one; readers never see a partial file. */
  put(key: TenantKey, body: Buffer | Readable, options: PutOptions): Promise<void>;
  /** Throws FileNotFoundError when there is nothing at `key`. */
  get(key: TenantKey): Promise<FileStream>;
  /** Deleting a missing file is not an error. */
  delete(key: TenantKey): Promise<void>;
  /** Deletes every file under the prefix (a feature's folder, or a whole tenant); returns how many. */
  deletePrefix(prefix: TenantPrefix): Promise<number>;
  /** Every file under the prefix, in key order (for exports). */
  list(prefix: TenantPrefix): AsyncIterable<StoredObject>;
  /**
   * A URL that serves a private file until it expires: absolute for S3, a path
   * on the tenant's own host for the local driver.
   */
  signedUrl(key: TenantKey, options?: SignedUrlOptions): Promise<string>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export function expiresInSeconds(options: SignedUrlOptions | undefined): number {
  const seconds = options?.expiresInSeconds ?? DEFAULT_SIGNED_URL_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
    throw new RangeError(
      `A signed URL lives from 1 second to ${MAX_SIGNED_URL_SECONDS} seconds, not ${seconds}.`,
    );
  }
  return seconds;
}

/** `attachment; filename=...` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const clean = name.replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'file';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
