import { TenantContext, toTenantRef } from '@plaza/tenancy';

import { FileUrlSigner } from './file-url-signer';
import { TenantKey, tenantKey } from './storage-key';

const keyIn = (id: string, ...path: string[]): TenantKey =>
  TenantContext.run(
    toTenantRef({
      id,
      slug: id,
      name: id,
      status: 'active',
      schemaName: `t_${id}`,
      roleName: `r_${id}`,
      defaultLocale: 'en',
      locales: ['en'],
      planCode: null,
    }),
    () => tenantKey(...path),
  );

describe('FileUrlSigner', () => {
  let now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const sut = new FileUrlSigner('signer-spec-secret-0123456789abcdef', () => now);
  const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
  const key = keyIn('aaaa1111', 'files', 'id', 'original.pdf');

  beforeEach(() => {
    now = Date.UTC(2026, 0, 15, 12, 0, 0);
  });

  it('signs a path on the tenant host that does not show the tenant id', () => {
    const url = sut.sign(key, 600);
    expect(url).toMatch(/^\/files\/files\/id\/original\.pdf\?expires=\d+&signature=[\w-]+$/);
    expect(url).not.toContain('aaaa1111');
    expect(sut.verify(key, query(url))).toEqual({
      valid: true,
      downloadName: undefined,
      expiresAt: now / 1000 + 600,
    });
  });

  it('says an expired link is expired, from the first second past its end', () => {
    const url = sut.sign(key, 600);
    now += 599_999;
    expect(sut.verify(key, query(url)).valid).toBe(true);
    now += 1;
    expect(sut.verify(key, query(url))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses a link moved to another key, another tenant, a later expiry or another name', () => {
    const url = sut.sign(key, 600, 'Budget 2026.pdf');
    const q = query(url);
    expect(sut.verify(key, q).valid).toBe(true);
    expect(sut.verify(keyIn('aaaa1111', 'files', 'other', 'original.pdf'), q)).toEqual({
      valid: false,
      reason: 'invalid',
    });
    expect(sut.verify(keyIn('bbbb2222', 'files', 'id', 'original.pdf'), q).valid).toBe(false);
    expect(sut.verify(key, { ...q, expires: String(Number(q.expires) + 3600) }).valid).toBe(false);
    expect(sut.verify(key, { ...q, download: 'evil.html' }).valid).toBe(false);
    expect(sut.verify(key, { ...q, download: undefined }).valid).toBe(false);
    expect(sut.verify(key, { expires: q.expires }).valid).toBe(false);
    expect(sut.verify(key, { ...q, expires: 'soon' }).valid).toBe(false);
  });

  it('refuses a link signed with another secret', () => {
    const other = new FileUrlSigner('another-secret-0123456789abcdef-xyz', () => now);
    expect(sut.verify(key, query(other.sign(key, 600))).valid).toBe(false);
  });
});
