import { EntityManager } from 'typeorm';

import { eventually, TestPlatform } from '@plaza/testing';

import {
  alternatePartition,
  homePartition,
  POOL_PARTITIONS,
  PoolPartitions,
} from './pool-partitions';
import { TenantRef } from './tenant-context';
import { TenantDb } from './tenant-db.service';

interface Seen {
  partition: number;
  role: string;
  searchPath: string;
}

/** Which partition served the unit of work, read from the backend's application_name. */
async function seen(em: EntityManager): Promise<Seen> {
  const [row] = await em.query<{ app: string; role: string; path: string }[]>(
    "select current_setting('application_name') as app, current_user as role, current_setting('search_path') as path",
  );
  const suffix = /-p(\d+)$/.exec(row.app);
  return { partition: suffix ? Number(suffix[1]) : 0, role: row.role, searchPath: row.path };
}

interface Held {
  holding: Promise<Seen>;
  release: () => void;
  done: Promise<void>;
}
const gates: (() => void)[] = [];

/** A unit of work that stays open until released, so its connection stays busy. */
function hold(sut: TenantDb, tenant: TenantRef): Held {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  gates.push(release);
  let entered!: (s: Seen) => void;
  const holding = new Promise<Seen>((resolve) => (entered = resolve));
  const done = sut.runFor(tenant, async (em) => {
    entered(await seen(em));
    await gate;
  });
  return { holding, release, done };
}

describe('TenantDb on a partitioned pool (3 partitions of 1 connection, real PostgreSQL)', () => {
  const k = 3;
  let platform: TestPlatform;
  let sut: TenantDb;
  let partitions: PoolPartitions;
  let tenants: TenantRef[];

  beforeAll(async () => {
    platform = await TestPlatform.start({ DB_POOL_MAX: '3', DB_POOL_PARTITIONS: String(k) });
    sut = platform.get(TenantDb);
    partitions = platform.get<PoolPartitions>(POOL_PARTITIONS);
    tenants = [];
    for (let i = 0; i < 4; i++) tenants.push(await platform.createTenant());
  });
  // A unit queued behind a held connection would wait forever: release every hold, pass or fail.
  afterEach(() => gates.splice(0).forEach((release) => release()));
  afterAll(() => platform.close());

  it('opens the configured partitions', () => {
    expect(partitions.count).toBe(k);
    expect([0, 1, 2].map((i) => partitions.load(i).max)).toEqual([1, 1, 1]);
  });

  it("runs each tenant on its home partition, as that tenant's role and schema", async () => {
    for (const tenant of tenants) {
      for (let round = 0; round < 2; round++) {
        const s = await sut.runFor(tenant, seen);
        expect(s).toEqual({
          partition: homePartition(tenant.id, k),
          role: tenant.roleName,
          searchPath: tenant.schemaName,
        });
      }
    }
  });

  it('spills to its alternate partition while home is busy, keeping isolation, then comes home', async () => {
    const [a, b] = tenants;
    const home = homePartition(a.id, k);
    const first = hold(sut, a);
    expect((await first.holding).partition).toBe(home);
    expect(partitions.load(home)).toMatchObject({ total: 1, idle: 0 });

    const spilled = await sut.runFor(a, seen);
    expect(spilled).toEqual({
      partition: alternatePartition(a.id, k),
      role: a.roleName,
      searchPath: a.schemaName,
    });
    await expect(
      sut.runFor(a, (em) => em.query(`select * from "${b.schemaName}".users`)),
    ).rejects.toThrow(/permission denied/);

    first.release();
    await first.done;
    expect((await sut.runFor(a, seen)).partition).toBe(home);
  });

  it('queues at home when home and alternate are busy, leaving the third partition to its tenants', async () => {
    const [a] = tenants;
    const home = homePartition(a.id, k);
    const alternate = alternatePartition(a.id, k);
    const third = [0, 1, 2].find((i) => i !== home && i !== alternate);
    let other = tenants.find((t) => homePartition(t.id, k) === third);
    // Tenant ids are random: provision until one lives on the third partition.
    while (!other) {
      const fresh = await platform.createTenant();
      if (homePartition(fresh.id, k) === third) other = fresh;
    }

    const held = [hold(sut, a), hold(sut, a)];
    const partitionsHeld = await Promise.all(held.map(async (h) => (await h.holding).partition));
    expect(partitionsHeld).toEqual([home, alternate]);

    const queued = sut.runFor(a, seen);
    await eventually(async () => partitions.load(home).waiting === 1);
    expect(await sut.runFor(other, seen)).toMatchObject({ partition: third, role: other.roleName });
    expect(partitions.load(home).waiting).toBe(1);

    for (const h of held) h.release();
    await Promise.all(held.map((h) => h.done));
    expect(await queued).toMatchObject({ partition: home, role: a.roleName });
  });
});
