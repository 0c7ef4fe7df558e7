import { createHmac, timingSafeEqual } from 'node:crypto';

import { pathInTenant, TenantKey } from './storage-key';

/** Where the local driver's signed URLs point, on the tenant's own host. */
export const LOCAL_FILES_ROUTE = 'files';

export interface SignedFileQuery {
  expires?: string;
  signature?: string;
  download?: string;
}

export type SignatureCheck =
  | { valid: true; downloadName: string | undefined; expiresAt: number }
  | { valid: false; reason: 'invalid' | 'expired' };

/**
 * HMAC-signed expiring URLs for the local driver. The signature covers the
 * whole key, tenant id included, while the URL shows only the path inside the
 * tenant: the same URL asked on another tenant's host names another key, and
 * its signature does not match.
 */
export class FileUrlSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** `/files/<path>?expires=<unix seconds>[&download=<name>]&signature=<hmac>` */
  sign(key: TenantKey, expiresInSeconds: number, downloadName?: string): string {
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({ expires: String(expires) });
    if (downloadName !== undefined) query.set('download', downloadName);
    query.set('signature', this.mac(key, expires, downloadName));
    const path = pathInTenant(key).split('/').map(encodeURIComponent).join('/');
    return `/${LOCAL_FILES_ROUTE}/${path}?${query.toString()}`;
  }

  verify(key: TenantKey, query: SignedFileQuery): SignatureCheck {
    const expires = Number(query.expires);
    if (!query.signature || !Number.isSafeInteger(expires)) {
      return { valid: false, reason: 'invalid' };
    }
    const expected = Buffer.from(this.mac(key, expires, query.download));
    const given = Buffer.from(query.signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { valid: false, reason: 'invalid' };
    }
    if (expires * 1000 <= this.now()) return { valid: false, reason: 'expired' };
    return { valid: true, downloadName: query.download, expiresAt: expires };
  }

  private mac(key: TenantKey, expires: number, downloadName: string | undefined): string {
    return createHmac('sha256', this.secret)
      .update(`plaza-file-v1\n${key}\n${expires}\n`)
      .update(downloadName === undefined ? 'inline' : `download:${downloadName}`)
      .digest('base64url');
  }
}
