import { TenantContext, toTenantRef } from '@plaza/tenancy';

import {
  assertInCurrentTenant,
  ForeignTenantKeyError,
  InvalidStorageKeyError,
  pathInTenant,
  TenantKey,
  tenantKey,
  tenantPrefix,
} from './storage-key';

const tenant = (id: string) =>
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
  });
const inA = <T>(fn: () => T): T => TenantContext.run(tenant('aaaa1111'), fn);

describe('tenantKey', () => {
  it('puts the current tenant id first, always', () => {
    expect(inA(() => tenantKey('files', 'x', 'original.png'))).toBe(
      'aaaa1111/files/x/original.png',
    );
    expect(inA(() => tenantKey('files/x/original.png'))).toBe('aaaa1111/files/x/original.png');
    expect(inA(() => tenantPrefix('files'))).toBe('aaaa1111/files/');
    expect(inA(() => tenantPrefix())).toBe('aaaa1111/');
    expect(inA(() => pathInTenant(tenantKey('a', 'b.txt')))).toBe('a/b.txt');
  });

  it('throws outside a tenant scope instead of guessing', () => {
    expect(() => tenantKey('files')).toThrow(/No tenant in context/);
    expect(() => tenantPrefix()).toThrow(/No tenant in context/);
  });

  it.each([['..'], ['../bbbb2222/x'], ['a//b'], ['/abs'], [''], ['.hidden'], ['a b'], ['a\\b']])(
    'refuses the path %p',
    (path) => {
      expect(() => inA(() => tenantKey(path))).toThrow(InvalidStorageKeyError);
    },
  );

  it('refuses a key without a path and an overlong one', () => {
    expect(() => inA(() => tenantKey())).toThrow(InvalidStorageKeyError);
    expect(() =>
      inA(() => tenantKey(...Array.from({ length: 10 }, () => 'x'.repeat(100)))),
    ).toThrow(InvalidStorageKeyError);
  });
});

describe('assertInCurrentTenant', () => {
  it("refuses another tenant's key, including one whose id extends the current one", () => {
    const keyOfB = TenantContext.run(tenant('aaaa11112'), () => tenantKey('f.txt'));
    expect(() => inA(() => assertInCurrentTenant(keyOfB))).toThrow(ForeignTenantKeyError);
    expect(() => inA(() => assertInCurrentTenant('aaaa1111/../x' as TenantKey))).toThrow(
      InvalidStorageKeyError,
    );
    expect(() => inA(() => assertInCurrentTenant(tenantKey('f.txt')))).not.toThrow();
  });
});
