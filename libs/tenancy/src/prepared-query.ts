import { isDeepStrictEqual } from 'node:util';

import { LRUCache } from 'lru-cache';
import { EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';

interface Slot {
  name: string;
  /** Element of a spread array parameter (`:...name`); null for the whole value. */
  index: number | null;
}

interface Compiled {
  sql: string;
  slots: Slot[];
  /** Maps rows to entities as TypeORM does; null when load listeners or subscribers must run. */
  transformer: RawSqlResultsToEntityTransformer | null;
  qb: SelectQueryBuilder<ObjectLiteral>;
}

/** Tests check every reuse against a fresh build, so a shape key that misses a difference fails loudly. */
const VERIFY = process.env.NODE_ENV === 'test';

/** What a prepared query is made of. */
export interface PreparedSelect<I> {
  /**
   * Everything of the input that changes the SQL text (which conditions, orders,
   * limits, array lengths), never a parameter value. Cheap: it runs on every call.
   */
  shape(input: I): string;
  /** The query builder for `input`. Its parameters must all be named in `params`. */
  build(em: EntityManager, input: I): SelectQueryBuilder<ObjectLiteral>;
  /** The parameter values for `input`, by the names the builder uses. */
  params(input: I): Record<string, unknown>;
}

/** Builds the SQL once and notes where each parameter value goes. */
function compile(qb: SelectQueryBuilder<ObjectLiteral>, params: Record<string, unknown>): Compiled {
  const owners = new Map<unknown, Slot>();
  const marked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      const items = value.map((_, index) => {
        const mark = { name, index };
        owners.set(mark, { name, index });
        return mark;
      });
      owners.set(items, { name, index: null });
      marked[name] = items;
    } else {
      const mark = { name };
      owners.set(mark, { name, index: null });
      marked[name] = mark;
    }
  }
  const [sql, ordered] = qb.clone().setParameters(marked).getQueryAndParameters();
  const slots = ordered.map((value) => {
    const slot = owners.get(value);
    if (!slot)
      throw new Error(`prepared query: a parameter of the builder is not named by params()`);
    return slot;
  });
  const metadata = qb.expressionMap.mainAlias?.hasMetadata
    ? qb.expressionMap.mainAlias.metadata
    : null;
  // Load listeners and subscribers run on TypeORM's own path only.
  const listening = !metadata || metadata.ownListeners.length || qb.connection.subscribers.length;
  const transformer = listening
    ? null
    : new RawSqlResultsToEntityTransformer(qb.expressionMap, qb.connection.driver, [], []);
  return { sql, slots, transformer, qb };
}

/**
 * A hot SELECT whose SQL text TypeORM builds once per shape instead of on every
 * call: building a query builder and its SQL costs more CPU than running the
 * query on the JSON API's read path. The builder stays the one source of truth
 * for the SQL; the caller states, with `shape`, what of its input changes the
 * text. Under `NODE_ENV=test` every call also builds the query afresh and fails
 * when its SQL or its parameter values differ from the prepared ones, so a shape
 * that misses a difference cannot go unnoticed. Entities are mapped by TypeORM's
 * own transformer, kept per shape with its caches.
 */
export class PreparedQuery<I> {
  /** Shapes are few per query (a handful of filter combinations and pages): bounded anyway. */
  private readonly compiled = new LRUCache<string, Compiled>({ max: 200 });

  constructor(
    readonly name: string,
    private readonly spec: PreparedSelect<I>,
  ) {}

  private prepare(
    em: EntityManager,
    input: I,
  ): { entry: Compiled; values: unknown[]; params: Record<string, unknown> } {
    const shape = this.spec.shape(input);
    const params = this.spec.params(input);
    let entry = this.compiled.get(shape);
    if (!entry) {
      entry = compile(this.spec.build(em, input), params);
      this.compiled.set(shape, entry);
    } else if (VERIFY) {
      this.verify(em, input, shape, entry, params);
    }
    const values = entry.slots.map((s) =>
      s.index === null ? params[s.name] : (params[s.name] as unknown[])[s.index],
    );
    return { entry, values, params };
  }

  private verify(
    em: EntityManager,
    input: I,
    shape: string,
    entry: Compiled,
    params: Record<string, unknown>,
  ): void {
    const qb = this.spec.build(em, input);
    const fresh = compile(qb, params);
    if (fresh.sql !== entry.sql || !isDeepStrictEqual(fresh.slots, entry.slots))
      throw new Error(`prepared query ${this.name}: two inputs of shape ${shape} build other SQL`);
    for (const [name, value] of Object.entries(qb.expressionMap.parameters)) {
      if (!isDeepStrictEqual(value, params[name]))
        throw new Error(
          `prepared query ${this.name}: the builder binds :${name} to another value than params() gives`,
        );
    }
  }

  private runner(em: EntityManager): QueryRunner {
    if (!em.queryRunner)
      throw new Error(`prepared query ${this.name}: run it inside a unit of work (TenantDb.run)`);
    return em.queryRunner;
  }

  /** The rows as PostgreSQL returns them. */
  async raw<R>(em: EntityManager, input: I): Promise<R[]> {
    const runner = this.runner(em);
    const { entry, values } = this.prepare(em, input);
    return (await runner.query(entry.sql, values)) as R[];
  }

  /** Entities as TypeORM maps them (joined relations and mapped joins included), plus the raw rows. */
  async rawAndEntities<T extends ObjectLiteral, R = Record<string, unknown>>(
    em: EntityManager,
    input: I,
  ): Promise<{ entities: T[]; raw: R[] }> {
    const runner = this.runner(em);
    const { entry, values, params } = this.prepare(em, input);
    if (!entry.transformer) {
      const qb = this.spec.build(em, input).setParameters(params);
      return qb.getRawAndEntities() as Promise<{ entities: T[]; raw: R[] }>;
    }
    const raw = (await runner.query(entry.sql, values)) as Record<string, unknown>[];
    // The query runner only serves lazy relations; the transformer keeps its alias caches.
    (entry.transformer as unknown as { queryRunner?: QueryRunner }).queryRunner = runner;
    const entities = entry.transformer.transform(raw, entry.qb.expressionMap.mainAlias!) as T[];
    return { entities, raw: raw as R[] };
  }
}
