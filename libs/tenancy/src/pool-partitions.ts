import { Pool, PoolClient } from 'pg';
import { DataSource, QueryFailedError, QueryRunner } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { TransactionNotStartedError } from 'typeorm/error/TransactionNotStartedError';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

import { poolConfig } from './database';

export const POOL_PARTITIONS = Symbol('POOL_PARTITIONS');

/** What a partition's pg Pool reports. */
export interface PartitionLoad {
  /** Connections open or being opened. */
  total: number;
  idle: number;
  /** Callers queued for a connection. */
  waiting: number;
  max: number;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A tenant's own partition: a hash of its id, so every process and release
 * sends a tenant to the same partition and its backends keep warm caches.
 */
export function homePartition(tenantId: string, partitions: number): number {
  return fnv1a(tenantId, 0x811c9dc5) % partitions;
}

/**
 * The one other partition a tenant may spill to, from a second hash: tenants
 * of one home spread their overflow over all the others, yet each tenant's
 * schemas are cached by at most two partitions' backends.
 */
export function alternatePartition(tenantId: string, partitions: number): number {
  if (partitions < 2) return 0;
  const home = homePartition(tenantId, partitions);
  return (home + 1 + (fnv1a(tenantId, 0x050c5d1f) % (partitions - 1))) % partitions;
}

/**
 * Connections a new caller would get without waiting: idle ones not yet
 * claimed by queued callers (pg's Pool queues a caller even when a connection
 * is idle and hands it over on the next tick), plus those it may still open.
 */
export function spareConnections(load: PartitionLoad): number {
  return load.idle + (load.max - load.total) - load.waiting;
}

export function isSaturated(load: PartitionLoad): boolean {
  return spareConnections(load) <= 0;
}

/**
 * The home partition unless it is saturated, then the alternate one if it is
 * not. When both are, the caller queues where fewer callers wait (home on a
 * tie): two choices balance queues almost as well as any choice would, while
 * spilling anywhere would let every backend end up caching every schema.
 */
export function choosePartition(
  home: number,
  alternate: number,
  loads: readonly PartitionLoad[],
): number {
  if (!isSaturated(loads[home])) return home;
  if (!isSaturated(loads[alternate])) return alternate;
  return loads[alternate].waiting < loads[home].waiting ? alternate : home;
}

/** Splits `max` connections into `partitions` pools; the first ones take the remainder. */
export function partitionSizes(max: number, partitions: number): number[] {
  if (partitions < 1 || partitions > max) {
    throw new Error(`Cannot split ${max} connections into ${partitions} partitions`);
  }
  const base = Math.floor(max / partitions);
  return Array.from({ length: partitions }, (_, i) => base + (i < max % partitions ? 1 : 0));
}

export interface PartitionSettings {
  url: string;
  applicationName: string;
  /** Connections of all partitions together. */
  poolMax: number;
  partitions: number;
  maxUses: number;
}

/**
 * A query runner of the shared DataSource (its entity metadata, its driver)
 * whose connection comes from a given pg Pool instead of the driver's own.
 */
class PartitionQueryRunner extends PostgresQueryRunner {
  private brokenBy: Error | undefined;

  constructor(
    driver: PostgresDriver,
    private readonly pool: Pool,
  ) {
    super(driver, 'master');
  }

  override connect(): Promise<PoolClient> {
    if (this.databaseConnection) return Promise.resolve(this.databaseConnection);
    this.databaseConnectionPromise ??= this.pool.connect().then((client) => {
      // As TypeORM does for its own pool: a connection that errored is destroyed, not reused.
      const onError = (error: Error) => {
        this.brokenBy = error;
        void this.release();
      };
      client.on('error', onError);
      this.databaseConnection = client;
      this.releaseCallback = () => {
        client.removeListener('error', onError);
        client.release(this.brokenBy);
      };
      this.driver.connectedQueryRunners.push(this);
      return client;
    });
    return this.databaseConnectionPromise;
  }

  /**
   * TypeORM's statement path without its broadcaster when nothing listens: a
   * unit of work sends 4–6 statements, and each broadcast costs promises and
   * allocations for no subscriber. With subscribers, TypeORM's own path runs.
   * The rest is TypeORM's: the logger sees every statement, slow ones are
   * logged, errors become QueryFailedError, results keep their shape.
   */
  override async query(
    query: string,
    parameters?: unknown[],
    useStructuredResult = false,
  ): ReturnType<PostgresQueryRunner['query']> {
    if (this.connection.subscribers.length || this.isReleased)
      return super.query(query, parameters, useStructuredResult);
    const client = this.databaseConnection ?? (await this.connect());
    const logger = this.connection.logger;
    logger.logQuery(query, parameters, this);
    const startedAt = Date.now();
    let raw: PgResult | undefined;
    try {
      raw = (await client.query(query, parameters)) as unknown as PgResult | undefined;
    } catch (error) {
      logger.logQueryError(error as Error, query, parameters, this);
      throw new QueryFailedError(query, parameters, error as Error);
    }
    const slowAfter = this.driver.options.maxQueryExecutionTime;
    const took = Date.now() - startedAt;
    if (slowAfter && took > slowAfter) logger.logQuerySlow(took, query, parameters, this);
    const result = new QueryResult();
    if (!raw) return result;
    if (Object.prototype.hasOwnProperty.call(raw, 'rows')) result.records = raw.rows;
    if (Object.prototype.hasOwnProperty.call(raw, 'rowCount')) result.affected = raw.rowCount;
    result.raw =
      raw.command === 'DELETE' || raw.command === 'UPDATE' ? [raw.rows, raw.rowCount] : raw.rows;
    return useStructuredResult ? result : result.raw;
  }

  /** TypeORM's, without the broadcasts when nothing listens (nested transactions take TypeORM's). */
  override async startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    if (this.connection.subscribers.length || this.transactionDepth !== 0 || isolationLevel)
      return super.startTransaction(isolationLevel);
    this.isTransactionActive = true;
    await this.query('START TRANSACTION');
    this.transactionDepth = 1;
  }

  override async commitTransaction(): Promise<void> {
    if (this.connection.subscribers.length || this.transactionDepth !== 1)
      return super.commitTransaction();
    if (!this.isTransactionActive) throw new TransactionNotStartedError();
    await this.query('COMMIT');
    this.isTransactionActive = false;
    this.transactionDepth = 0;
  }
}

/** What pg answers for one statement. */
interface PgResult {
  command: string;
  rows: unknown[];
  rowCount: number | undefined;
}

/**
 * The serving pool split into partitions for tenant affinity (ARCHITECTURE.md,
 * "Many schemas"). Partition 0 is the DataSource's own pool, which also serves
 * platform queries; the others are pg Pools with the same settings. All share
 * the one DataSource, so entity metadata is built once.
 */
export class PoolPartitions {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly pools: readonly Pool[],
  ) {}

  /** One partition: the DataSource's pool, exactly as without partitioning. */
  static single(dataSource: DataSource): PoolPartitions {
    return new PoolPartitions(dataSource, [driverPool(dataSource)]);
  }

  /**
   * Partition 0 is the DataSource's pool, which the caller built with
   * `partitionSizes(poolMax, partitions)[0]` connections; the others open here.
   */
  static open(dataSource: DataSource, settings: PartitionSettings): PoolPartitions {
    const sizes = partitionSizes(settings.poolMax, settings.partitions);
    const extra = sizes.slice(1).map((max, i) => {
      const pool = new Pool(
        poolConfig({
          url: settings.url,
          applicationName: `${settings.applicationName}-p${i + 1}`,
          poolMax: max,
          maxUses: settings.maxUses,
        }),
      );
      // An idle connection that dies (server restart) must not crash the process.
      pool.on('error', () => undefined);
      return pool;
    });
    return new PoolPartitions(dataSource, [driverPool(dataSource), ...extra]);
  }

  get count(): number {
    return this.pools.length;
  }

  load(partition: number): PartitionLoad {
    const pool = this.pools[partition];
    return {
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max,
    };
  }

  /** The partition a unit of work for this tenant takes now. */
  partitionFor(tenantId: string): number {
    if (this.pools.length === 1) return 0;
    const loads = this.pools.map((_, i) => this.load(i));
    const k = this.pools.length;
    return choosePartition(homePartition(tenantId, k), alternatePartition(tenantId, k), loads);
  }

  /** A query runner on a connection of the tenant's partition (connects on first use). */
  createQueryRunner(tenantId: string): QueryRunner {
    const pool = this.pools[this.partitionFor(tenantId)];
    const runner = new PartitionQueryRunner(postgresDriver(this.dataSource), pool);
    runner.manager = this.dataSource.createEntityManager(runner);
    return runner;
  }

  /** Ends the pools opened here; the DataSource closes its own. */
  async close(): Promise<void> {
    await Promise.all(this.pools.slice(1).map((pool) => (pool.ended ? undefined : pool.end())));
  }
}

function postgresDriver(dataSource: DataSource): PostgresDriver {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver)) throw new Error('Pool partitions need PostgreSQL');
  return driver;
}

function driverPool(dataSource: DataSource): Pool {
  const master: unknown = postgresDriver(dataSource).master;
  if (!(master instanceof Pool)) throw new Error('The DataSource must be initialized first');
  return master;
}
