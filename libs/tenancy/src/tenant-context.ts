import { AsyncLocalStorage } from 'node:async_hooks';

import type { TenantStatus } from './tenant.entity';

/** What a request or job knows about the tenant it serves. Immutable. */
export interface TenantRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly status: TenantStatus;
  readonly schemaName: string;
  readonly roleName: string;
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly planCode: string | null;
}

export class NoTenantContextError extends Error {
  constructor() {
    super('No tenant in context: tenant data was reached outside a tenant request or job.');
  }
}

const storage = new AsyncLocalStorage<TenantRef>();

/** The current tenant. There is no default tenant and no silent fallback. */
export const TenantContext = {
  run<T>(tenant: TenantRef, fn: () => T): T {
    return storage.run(tenant, fn);
  },
  current(): TenantRef {
    const tenant = storage.getStore();
    if (!tenant) throw new NoTenantContextError();
    return tenant;
  },
  /** For code that must behave differently outside a tenant (logging). */
  currentOrUndefined(): TenantRef | undefined {
    return storage.getStore();
  },
};

export function toTenantRef(row: {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  schemaName: string;
  roleName: string;
  defaultLocale: string;
  locales: readonly string[];
  planCode: string | null;
}): TenantRef {
  return Object.freeze({
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    schemaName: row.schemaName,
    roleName: row.roleName,
    defaultLocale: row.defaultLocale,
    locales: Object.freeze([...row.locales]),
    planCode: row.planCode,
  });
}
