import { TenantContext } from '@plaza/tenancy';

declare const tenantKeyBrand: unique symbol;

/**
 * A storage key inside the current tenant: `<tenantId>/<path>`. Only
 * `tenantKey()` and `tenantPrefix()` make one, so a feature cannot name a key
 * outside the tenant it is serving.
 */
export type TenantKey = string & { readonly [tenantKeyBrand]: 'object' };

/** A key prefix inside the current tenant, ending with `/`: `<tenantId>/` or `<tenantId>/<path>/`. */
export type TenantPrefix = string & { readonly [tenantKeyBrand]: 'prefix' };

export class InvalidStorageKeyError extends Error {}

/** The key or prefix belongs to another tenant than the one in context. */
export class ForeignTenantKeyError extends Error {
  constructor() {
    super('Refusing a storage key outside the tenant in context.');
  }
}

/** Letters, digits, dot, dash and underscore; no empty, `.` or `..` segment. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;
const MAX_KEY_LENGTH = 900;

function checkSegments(segments: readonly string[]): string[] {
  const parts = segments.flatMap((s) => s.split('/'));
  for (const part of parts) {
    if (!SEGMENT.test(part) || part.includes('..')) {
      throw new InvalidStorageKeyError(
        `"${part}" cannot be part of a storage key: use letters, digits, ".", "-" or "_".`,
      );
    }
  }
  return parts;
}

/** `<current tenant id>/<segments joined by />`; throws outside a tenant scope. */
export function tenantKey(...segments: string[]): TenantKey {
  const parts = checkSegments(segments);
  if (parts.length === 0) throw new InvalidStorageKeyError('A storage key needs a path.');
  const key = `${TenantContext.current().id}/${parts.join('/')}`;
  if (key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError('The storage key is too long.');
  return key as TenantKey;
}

/** `<current tenant id>/` followed by the segments and a final `/`. No segment: the whole tenant. */
export function tenantPrefix(...segments: string[]): TenantPrefix {
  const parts = checkSegments(segments);
  return `${[TenantContext.current().id, ...parts].join('/')}/` as TenantPrefix;
}

/**
 * Drivers call this before touching anything: the key must still belong to the
 * tenant in context, even if it was built elsewhere and carried over (a cache,
 * a job payload, a cast string).
 */
export function assertInCurrentTenant(key: TenantKey | TenantPrefix): void {
  const own = `${TenantContext.current().id}/`;
  if (!key.startsWith(own)) throw new ForeignTenantKeyError();
  const rest = key.slice(own.length);
  if (rest === '') return;
  checkSegments([rest.endsWith('/') ? rest.slice(0, -1) : rest]);
}

/** The key without its `<tenantId>/` prefix (what a tenant export calls a path). */
export function pathInTenant(key: TenantKey): string {
  return key.slice(key.indexOf('/') + 1);
}
