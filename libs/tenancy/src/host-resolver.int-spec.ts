import { TestPlatform } from '@plaza/testing';

import { HostResolution, HostResolver } from './host-resolver.service';
import { PlatformDb } from './platform-db.service';
import { TenantRef } from './tenant-context';
import { TenantEvents } from './tenant-events.service';

const CACHE_SIZE = 3;

describe('HostResolver cache (TENANT_CACHE_SIZE=3, real PostgreSQL)', () => {
  let platform: TestPlatform;
  let sut: HostResolver;
  let tenants: TenantRef[];
  const host = (tenant: TenantRef) => `${tenant.slug}.plaza.test`;
  const tenantIdOf = (r: HostResolution) => (r.kind === 'tenant' ? r.tenant.id : r.kind);

  beforeAll(async () => {
    platform = await TestPlatform.start({ TENANT_CACHE_SIZE: String(CACHE_SIZE) });
    // Not subscribed to tenant changes (no onModuleInit): tests running in parallel
    // create tenants, and the full clear their announcements cause would hide evictions.
    sut = new HostResolver(platform.config, platform.get(PlatformDb), platform.get(TenantEvents));
    tenants = [];
    for (let i = 0; i < 5; i++) tenants.push(await platform.createTenant());
  });
  afterAll(() => platform.close());

  beforeEach(() => sut.clear());

  it('never holds more than TENANT_CACHE_SIZE hosts, whatever hosts arrive', async () => {
    const hosts = [
      ...tenants.map(host),
      ...Array.from({ length: 40 }, (_, i) => `nobody-${i}.plaza.test`),
      ...Array.from({ length: 10 }, (_, i) => `www.unknown-${i}.example`),
    ];
    let largest = 0;
    for (const h of hosts) {
      await sut.resolve(h);
      largest = Math.max(largest, sut.cacheSize);
    }
    expect(largest).toBe(CACHE_SIZE);
    expect(sut.cacheSize).toBe(CACHE_SIZE);
  });

  it('still answers correctly for hosts it evicted', async () => {
    for (let round = 0; round < 2; round++) {
      for (const tenant of tenants) {
        expect(tenantIdOf(await sut.resolve(host(tenant)))).toBe(tenant.id);
        expect(sut.cacheSize).toBeLessThanOrEqual(CACHE_SIZE);
      }
    }
  });

  it('evicts the least recently used host', async () => {
    const [a, b, c, d] = tenants;
    for (const t of [a, b, c]) await sut.resolve(host(t));
    await sut.resolve(host(a)); // a is now the most recently used; b the least
    await sut.resolve(host(d)); // evicts b
    // Change a and b behind the cache's back: only a host read afresh sees it.
    const db = platform.get(PlatformDb);
    await db.query(`update platform.tenants set status = 'suspended' where id = any($1)`, [
      [a.id, b.id],
    ]);
    try {
      expect((await sut.resolve(host(a))).kind).toBe('tenant');
      expect(await sut.resolve(host(b))).toMatchObject({ kind: 'unavailable', status: 503 });
    } finally {
      await db.query(`update platform.tenants set status = 'active' where id = any($1)`, [
        [a.id, b.id],
      ]);
    }
  });
});
