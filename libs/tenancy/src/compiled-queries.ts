import { LRUCache } from 'lru-cache';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';

interface Slot {
  name: string;
  /** Element of a spread array parameter (`:...name`); null for the whole value. */
  index: number | null;
}

interface Compiled {
  sql: string;
  slots: Slot[];
}

/** Distinct query shapes are few (a handful per hot query): bounded anyway. */
const compiled = new LRUCache<string, Compiled>({ max: 1000 });

/** Tests check every reuse against a fresh compilation, so a shape that misses a difference fails loudly. */
const VERIFY = process.env.NODE_ENV === 'test';

/** Everything of a builder that changes its SQL text; parameter values only by name and array length. */
function shapeOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): string | null {
  const m = qb.expressionMap;
  if (
    !m.mainAlias ||
    m.skip ||
    m.take ||
    m.lockMode ||
    m.relationIdAttributes.length ||
    m.relationCountAttributes.length ||
    Object.keys(m.nativeParameters).length
  )
    return null;
  const params: [string, number | string][] = [];
  for (const [name, value] of Object.entries(m.parameters)) {
    // A function parameter is inlined as SQL: its text is part of the query.
    if (typeof value === 'function') return null;
    params.push([name, Array.isArray(value) ? value.length : 'v']);
  }
  return JSON.stringify([
    m.mainAlias.name,
    m.mainAlias.hasMetadata ? m.mainAlias.metadata.tablePath : m.mainAlias.tablePath,
    m.selects,
    m.joinAttributes.map((j) => [
      j.direction,
      typeof j.entityOrProperty === 'function' ? j.entityOrProperty.name : j.entityOrProperty,
      j.alias.name,
      j.condition,
      j.mapToProperty,
      j.isSelected,
      j.isMappingMany,
    ]),
    m.wheres,
    m.orderBys,
    m.groupBys,
    m.havings,
    m.offset,
    m.limit,
    m.selectDistinct,
    m.selectDistinctOn,
    m.withDeleted,
    m.comment,
    m.commonTableExpressions.length,
    params,
  ]);
}

/** Builds the SQL once per shape and notes where each parameter value goes. */
function compile<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Compiled {
  const owners = new Map<unknown, Slot>();
  const marked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(qb.expressionMap.parameters)) {
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
    if (!slot) throw new Error('compiled query: a parameter could not be traced');
    return slot;
  });
  return { sql, slots };
}

function sqlAndValues<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): [string, unknown[]] | null {
  const shape = shapeOf(qb);
  if (shape === null) return null;
  let entry = compiled.get(shape);
  if (!entry) {
    entry = compile(qb);
    compiled.set(shape, entry);
  } else if (VERIFY) {
    const fresh = compile(qb);
    if (fresh.sql !== entry.sql || JSON.stringify(fresh.slots) !== JSON.stringify(entry.slots))
      throw new Error(`compiled query: two builders of shape ${shape} differ`);
  }
  const params = qb.expressionMap.parameters;
  return [
    entry.sql,
    entry.slots.map((s) =>
      s.index === null ? params[s.name] : (params[s.name] as unknown[])[s.index],
    ),
  ];
}

/**
 * TypeORM rebuilds a query's SQL text on every execution, which costs more CPU
 * than the query itself on hot read paths (~50–150 µs per query here). These
 * run a SelectQueryBuilder with its SQL text built once per query shape (the
 * builder's selects, joins, conditions, orders, limits and parameter names):
 * the builder stays the one source of truth, only its compilation is reused.
 * Builders with skip/take, locks, relation ids/counts or SQL-function
 * parameters take TypeORM's own path.
 */
export const CompiledQueries = {
  /** `qb` must come from `em`, the unit of work's manager (its transaction runs the query). */
  async getRawMany<R, T extends ObjectLiteral>(
    em: EntityManager,
    qb: SelectQueryBuilder<T>,
  ): Promise<R[]> {
    const ready = em.queryRunner ? sqlAndValues(qb) : null;
    if (!ready || !em.queryRunner) return qb.getRawMany<R>();
    return (await em.queryRunner.query(ready[0], ready[1])) as R[];
  },

  /** Entities as TypeORM maps them (joined relations and mapped joins included), plus the raw rows. */
  async getRawAndEntities<T extends ObjectLiteral, R = Record<string, unknown>>(
    em: EntityManager,
    qb: SelectQueryBuilder<T>,
  ): Promise<{ entities: T[]; raw: R[] }> {
    const metadata = qb.expressionMap.mainAlias?.hasMetadata
      ? qb.expressionMap.mainAlias.metadata
      : null;
    // Load listeners and subscribers run on TypeORM's own path only.
    const listening = !metadata || metadata.ownListeners.length || qb.connection.subscribers.length;
    const ready = listening || !em.queryRunner ? null : sqlAndValues(qb);
    if (!ready || !em.queryRunner)
      return qb.getRawAndEntities() as Promise<{ entities: T[]; raw: R[] }>;
    const raw = (await em.queryRunner.query(ready[0], ready[1])) as R[];
    const transformer = new RawSqlResultsToEntityTransformer(
      qb.expressionMap,
      qb.connection.driver,
      [],
      [],
      em.queryRunner,
    );
    const entities = transformer.transform(
      raw as unknown as Record<string, unknown>[],
      qb.expressionMap.mainAlias!,
    ) as T[];
    return { entities, raw };
  },
};
