import { Inject, Injectable, OnModuleInit } from '@nestjs/common';

import { LRUCache } from 'lru-cache';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { PlatformDb } from './platform-db.service';
import { TenantStatus } from './tenant.entity';
import { TenantRef, toTenantRef } from './tenant-context';
import { TenantEvents } from './tenant-events.service';

export type HostResolution =
  | { kind: 'console' }
  | { kind: 'tenant'; tenant: TenantRef }
  | { kind: 'redirect'; host: string }
  | { kind: 'unavailable'; status: 503 | 410; tenantName: string; reason: TenantStatus }
  | { kind: 'unknown' };

interface Row {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  schema_name: string;
  role_name: string;
  default_locale: string;
  locales: string[];
  plan_code: string | null;
  primary_domain: string | null;
}

const TENANT_COLUMNS = `t.id, t.slug, t.name, t.status, t.schema_name, t.role_name, t.default_locale, t.locales, t.plan_code,
  (select d.domain from platform.tenant_domains d
    where d.tenant_id = t.id and d.is_primary and d.verified_at is not null limit 1) as primary_domain`;

/** Normalises a Host header: lower case, no port, no trailing dot. */
export function normalizeHost(raw: string | undefined): string {
  if (!raw) return '';
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return host; // IPv6 literal: never a tenant
  host = host.replace(/:\d+$/, '').replace(/\.$/, '');
  return host;
}

/**
 * Maps a Host header to what it serves. Results are cached in a bounded LRU
 * (size and TTL from config) and the whole cache is cleared when any process
 * announces a tenant change: changes are rare, so a full clear keeps the logic
 * obviously correct.
 */
@Injectable()
export class HostResolver implements OnModuleInit {
  private readonly cache: LRUCache<string, HostResolution>;
  private generation = 0;

  constructor(
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly platformDb: PlatformDb,
    private readonly events: TenantEvents,
  ) {
    this.cache = new LRUCache({ max: config.tenantCacheSize, ttl: config.tenantCacheTtlMs });
  }

  onModuleInit(): void {
    this.events.onChange(() => this.clear());
  }

  clear(): void {
    this.generation += 1;
    this.cache.clear();
  }

  get cacheSize(): number {
    return this.cache.size;
  }

  async resolve(rawHost: string | undefined): Promise<HostResolution> {
    const host = normalizeHost(rawHost);
    if (!host) return { kind: 'unknown' };
    if (host === normalizeHost(this.config.consoleHost)) return { kind: 'console' };
    const cached = this.cache.get(host);
    if (cached) return cached;
    const generation = this.generation;
    const resolution = await this.lookup(host);
    // A change announced while we were reading makes this answer stale: do not keep it.
    if (generation === this.generation) this.cache.set(host, resolution);
    return resolution;
  }

  private async lookup(host: string): Promise<HostResolution> {
    const suffix = `.${this.config.baseDomain}`;
    if (host.endsWith(suffix)) {
      const label = host.slice(0, -suffix.length);
      if (label && !label.includes('.')) {
        const rows = await this.platformDb.query<Row>(
          `select ${TENANT_COLUMNS} from platform.tenants t where t.slug = $1`,
          [label],
        );
        return rows[0] ? this.fromRow(rows[0], host) : { kind: 'unknown' };
      }
    }
    const rows = await this.platformDb.query<Row>(
      `select ${TENANT_COLUMNS} from platform.tenant_domains cd join platform.tenants t on t.id = cd.tenant_id
        where cd.domain = $1 and cd.verified_at is not null`,
      [host],
    );
    return rows[0] ? this.fromRow(rows[0], host) : { kind: 'unknown' };
  }

  private fromRow(row: Row, host: string): HostResolution {
    if (row.status === 'deleted')
      return { kind: 'unavailable', status: 410, tenantName: row.name, reason: row.status };
    if (['provisioning', 'suspended', 'deleting', 'failed'].includes(row.status)) {
      return { kind: 'unavailable', status: 503, tenantName: row.name, reason: row.status };
    }
    if (row.primary_domain && row.primary_domain !== host)
      return { kind: 'redirect', host: row.primary_domain };
    return {
      kind: 'tenant',
      tenant: toTenantRef({
        id: row.id,
        slug: row.slug,
        name: row.name,
        status: row.status,
        schemaName: row.schema_name,
        roleName: row.role_name,
        defaultLocale: row.default_locale,
        locales: row.locales,
        planCode: row.plan_code,
      }),
    };
  }
}
