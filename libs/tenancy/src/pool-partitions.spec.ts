import { createHash } from 'node:crypto';

import {
  alternatePartition,
  choosePartition,
  homePartition,
  isSaturated,
  PartitionLoad,
  partitionSizes,
} from './pool-partitions';

const free = (overrides: Partial<PartitionLoad> = {}): PartitionLoad => ({
  total: 1,
  idle: 1,
  waiting: 0,
  max: 2,
  ...overrides,
});
const busy = (overrides: Partial<PartitionLoad> = {}): PartitionLoad =>
  free({ total: 2, idle: 0, ...overrides });
const growable = (): PartitionLoad => free({ total: 1, idle: 0 });
/** Ids shaped like real ones (6 hex digits), the same on every run. */
const tenantIds = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    createHash('sha256').update(String(i)).digest('hex').slice(0, 6),
  );

describe('homePartition', () => {
  it('sends every tenant to partition 0 when there is one partition', () => {
    for (const id of tenantIds(50)) expect(homePartition(id, 1)).toBe(0);
  });

  it('is stable and in range', () => {
    for (const id of tenantIds(200)) {
      const sut = homePartition(id, 8);
      expect(sut).toBeGreaterThanOrEqual(0);
      expect(sut).toBeLessThan(8);
      expect(homePartition(id, 8)).toBe(sut);
    }
    expect(homePartition('6f1c2a', 8)).toBe(homePartition('6f1c2a', 8));
  });

  it('spreads tenants over all partitions', () => {
    const counts = new Array<number>(8).fill(0);
    for (const id of tenantIds(4000)) counts[homePartition(id, 8)] += 1;
    // 500 expected in each; a fair hash stays far from these bounds.
    for (const n of counts) {
      expect(n).toBeGreaterThan(350);
      expect(n).toBeLessThan(650);
    }
  });
});

describe('alternatePartition', () => {
  it('is another partition than home, stable and in range', () => {
    for (const id of tenantIds(500)) {
      const sut = alternatePartition(id, 8);
      expect(sut).not.toBe(homePartition(id, 8));
      expect(sut).toBeGreaterThanOrEqual(0);
      expect(sut).toBeLessThan(8);
      expect(alternatePartition(id, 8)).toBe(sut);
    }
    for (const id of tenantIds(50))
      expect(alternatePartition(id, 2)).toBe(1 - homePartition(id, 2));
  });

  it("spreads one home's overflow over every other partition", () => {
    const counts = new Array<number>(8).fill(0);
    const homeZero = tenantIds(8000).filter((id) => homePartition(id, 8) === 0);
    for (const id of homeZero) counts[alternatePartition(id, 8)] += 1;
    // About 1000 tenants of home 0, so about 143 for each of the 7 others.
    expect(counts[0]).toBe(0);
    for (const n of counts.slice(1)) {
      expect(n).toBeGreaterThan(90);
      expect(n).toBeLessThan(200);
    }
  });
});

describe('isSaturated', () => {
  it('is false while a connection is idle or one may still be opened', () => {
    expect(isSaturated(free())).toBe(false);
    expect(isSaturated(growable())).toBe(false);
  });

  it('is true when every connection is busy and the pool is full', () => {
    expect(isSaturated(busy())).toBe(true);
  });

  it('counts idle connections and room to grow already claimed by queued callers', () => {
    expect(isSaturated(free({ total: 2, idle: 1, waiting: 1 }))).toBe(true);
    expect(isSaturated(free({ total: 1, idle: 0, waiting: 1 }))).toBe(true);
    expect(isSaturated(free({ total: 1, idle: 1, waiting: 1 }))).toBe(false);
  });
});

describe('choosePartition', () => {
  it('keeps the tenant home while home is not saturated, even if others are idle', () => {
    expect(choosePartition(2, 0, [free(), free(), growable(), free()])).toBe(2);
    expect(choosePartition(1, 2, [free(), free(), busy()])).toBe(1);
  });

  it('spills to the alternate partition when home is saturated', () => {
    expect(choosePartition(1, 3, [free(), busy(), free(), free()])).toBe(3);
    expect(choosePartition(1, 3, [free(), busy(), free(), growable()])).toBe(3);
  });

  it('does not count an idle connection a queued caller is about to take', () => {
    const claimed = free({ total: 2, idle: 1, waiting: 1 });
    expect(choosePartition(0, 1, [claimed, free()])).toBe(1);
    expect(choosePartition(0, 1, [free(), claimed])).toBe(0);
  });

  it('never spills beyond the alternate, even to an idle partition', () => {
    expect(choosePartition(0, 1, [busy(), busy(), free(), free()])).toBe(0);
  });

  it('queues where fewer callers wait when both are saturated, home on a tie', () => {
    expect(choosePartition(0, 1, [busy({ waiting: 2 }), busy({ waiting: 1 })])).toBe(1);
    expect(choosePartition(0, 1, [busy({ waiting: 1 }), busy({ waiting: 2 })])).toBe(0);
    expect(choosePartition(0, 1, [busy({ waiting: 1 }), busy({ waiting: 1 })])).toBe(0);
  });

  it('never spills with one partition', () => {
    expect(choosePartition(0, 0, [busy({ waiting: 5 })])).toBe(0);
  });
});

describe('partitionSizes', () => {
  it('shares the connections, the first partitions taking the remainder', () => {
    expect(partitionSizes(10, 1)).toEqual([10]);
    expect(partitionSizes(10, 4)).toEqual([3, 3, 2, 2]);
    expect(partitionSizes(8, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses more partitions than connections', () => {
    expect(() => partitionSizes(4, 5)).toThrow('Cannot split 4 connections into 5 partitions');
  });
});
