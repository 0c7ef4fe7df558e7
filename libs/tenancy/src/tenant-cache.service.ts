import { Inject, Injectable, OnModuleInit } from '@nestjs/common';

import { LRUCache } from 'lru-cache';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { TenantEvents } from './tenant-events.service';

/** The message that stales every tenant's entries (never a tenant id: those are slugs). */
const ALL_TENANTS = '*';

/**
 * Small per-tenant values read on every request (organization settings), kept
 * per process so a request does not pay a transaction for them. Bounded like the
 * host cache (TENANT_CACHE_SIZE tenants, TENANT_CACHE_TTL_SECONDS at most).
 * Whoever changes such a value calls `changed(tenantId)` after committing: this
 * process forgets the tenant at once, every other process (api replicas,
 * workers) when the Redis message arrives; a tenant change (TenantEvents) does
 * the same. Values are keyed by tenant id, so one tenant never reads another's.
 */
@Injectable()
export class TenantCache implements OnModuleInit {
  private readonly tenants: LRUCache<string, Map<string, unknown>>;
  /** Bumped on every invalidation: a load that raced with one is not kept. */
  private generation = 0;

  constructor(
    @Inject(PLAZA_CONFIG) config: PlazaConfig,
    private readonly events: TenantEvents,
  ) {
    this.tenants = new LRUCache({ max: config.tenantCacheSize, ttl: config.tenantCacheTtlMs });
  }

  onModuleInit(): void {
    this.events.onDataChange((tenantId) => this.forget(tenantId));
  }

  /** The cached `key` of the tenant, loaded with `load` when absent. */
  async get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    const entries = this.tenants.get(tenantId);
    if (entries?.has(key)) return entries.get(key) as T;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      const now = this.tenants.get(tenantId) ?? new Map<string, unknown>();
      now.set(key, value);
      // Re-set after the first key only, so the entry's time to live starts at its first load.
      if (now.size === 1) this.tenants.set(tenantId, now);
    }
    return value;
  }

  /** What is cached for `key` of the tenant, without loading (tests and diagnostics). */
  peek<T>(tenantId: string, key: string): T | undefined {
    return this.tenants.peek(tenantId)?.get(key) as T | undefined;
  }

  /**
   * After a committed change of the tenant's cached values: forget them here and
   * everywhere (TenantEvents runs this process's listeners at once, then tells the others).
   */
  async changed(tenantId: string): Promise<void> {
    await this.events.publishDataChange(tenantId);
  }

  /** After a committed change that touches every tenant's cached values (a plan's terms). */
  async changedForAll(): Promise<void> {
    await this.events.publishDataChange(ALL_TENANTS);
  }

  private forget(tenantId: string): void {
    this.generation += 1;
    if (tenantId === ALL_TENANTS) this.tenants.clear();
    else this.tenants.delete(tenantId);
  }
}
