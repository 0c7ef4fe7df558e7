import { Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, QueryFailedError } from 'typeorm';

import { translate, Translated } from '@plaza/core';
import { TenantDb } from '@plaza/tenancy';

import { ScopeEntity, ScopeTypeEntity } from './scope.entity';

export class ScopeNotFoundException extends NotFoundException {
  constructor() {
    super('This scope does not exist.');
  }
}

/** Refusals an admin can fix; `field` names the form field, `key` the message. */
export class ScopeRefusal extends Error {
  constructor(
    readonly field: 'code' | 'parentId' | 'delete' | 'scopeTypeId',
    readonly key: 'error.codeTaken' | 'error.parent' | 'error.hasChildren' | 'error.type',
  ) {
    super(key);
  }
}

export interface ScopeInput {
  name: Translated;
  code: string | null;
  parentId: string | null;
  scopeTypeId: string | null;
}

/** A scope with its depth in the tree, for indented lists and select options. */
export interface ScopeRow {
  scope: ScopeEntity;
  depth: number;
}

/** The ids of `rootId` and every scope below it, read with one recursive query. */
export const SUBTREE_SQL = `with recursive subtree(id) as (
  select id from scopes where id = $1
  union all select s.id from scopes s join subtree t on s.parent_id = t.id
) select id from subtree`;

/**
 * Whether a proposal (or anything else inside a space) may take `scopeId`: the scope exists
 * and, when the space has a scope, is that scope or one below it.
 */
export async function scopeAllowed(
  em: EntityManager,
  scopeId: string,
  spaceScopeId: string | null,
): Promise<boolean> {
  if (!spaceScopeId) return em.existsBy(ScopeEntity, { id: scopeId });
  const rows: { id: string }[] = await em.query(SUBTREE_SQL, [spaceScopeId]);
  return rows.some((r) => r.id === scopeId);
}

/** The scopes a proposal of a space may take: the space's scope and those below, or all. */
export async function scopeChoices(
  em: EntityManager,
  spaceScopeId: string | null,
): Promise<ScopeEntity[]> {
  const all = await em.find(ScopeEntity, { order: { createdAt: 'ASC' } });
  if (!spaceScopeId) return all;
  const rows: { id: string }[] = await em.query(SUBTREE_SQL, [spaceScopeId]);
  const allowed = new Set(rows.map((r) => r.id));
  return all.filter((s) => allowed.has(s.id));
}

/** Orders scopes depth first (parents before their children), siblings by name. */
export function scopeTree(scopes: ScopeEntity[], locale: string, fallback: string): ScopeRow[] {
  const children = new Map<string | null, ScopeEntity[]>();
  const ids = new Set(scopes.map((s) => s.id));
  for (const s of scopes) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: ScopeRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) =>
      translate(a.name, locale, fallback).localeCompare(translate(b.name, locale, fallback)),
    );
    for (const scope of level) {
      out.push({ scope, depth });
      walk(scope.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A scope's name, indented by its depth, for select options. */
export function indented(row: ScopeRow, tr: (f: Translated) => string): string {
  return `${'— '.repeat(row.depth)}${tr(row.scope.name)}`;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** The organization's scopes: admin writes and the reads spaces and proposals need. */
@Injectable()
export class ScopesService {
  constructor(private readonly tenantDb: TenantDb) {}

  async list(em?: EntityManager): Promise<ScopeEntity[]> {
    const work = (m: EntityManager) =>
      m.find(ScopeEntity, { relations: { scopeType: true }, order: { createdAt: 'ASC' } });
    return em ? work(em) : this.tenantDb.run(work);
  }

  async types(): Promise<ScopeTypeEntity[]> {
    return this.tenantDb.run((em) => em.find(ScopeTypeEntity, { order: { createdAt: 'ASC' } }));
  }

  async createType(name: Translated, plural: Translated): Promise<ScopeTypeEntity> {
    return this.tenantDb.run((em) => em.save(em.create(ScopeTypeEntity, { name, plural })));
  }

  /** Scopes of a deleted type stay, untyped. */
  async deleteType(id: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const result = await em.delete(ScopeTypeEntity, { id });
      if (!result.affected) throw new NotFoundException('This scope type does not exist.');
    });
  }

  async find(id: string): Promise<ScopeEntity> {
    const scope = await this.tenantDb.run((em) => em.findOneBy(ScopeEntity, { id }));
    if (!scope) throw new ScopeNotFoundException();
    return scope;
  }

  /** `rootId` and the ids of every scope below it. */
  async subtree(em: EntityManager, rootId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(SUBTREE_SQL, [rootId]);
    return rows.map((r) => r.id);
  }

  async subtreeOf(rootId: string): Promise<string[]> {
    return this.tenantDb.run((em) => this.subtree(em, rootId));
  }

  /** The scopes a proposal of a space may take. */
  async choicesFor(spaceScopeId: string | null): Promise<ScopeEntity[]> {
    return this.tenantDb.run((em) => scopeChoices(em, spaceScopeId));
  }

  async create(input: ScopeInput): Promise<ScopeEntity> {
    return this.write(async (em) => {
      if (input.parentId && !(await em.existsBy(ScopeEntity, { id: input.parentId })))
        throw new ScopeRefusal('parentId', 'error.parent');
      await this.requireType(em, input.scopeTypeId);
      return em.save(em.create(ScopeEntity, input));
    });
  }

  async update(id: string, input: ScopeInput): Promise<ScopeEntity> {
    return this.write(async (em) => {
      const scope = await em.findOneBy(ScopeEntity, { id });
      if (!scope) throw new ScopeNotFoundException();
      if (input.parentId) {
        // A scope may not move under itself or one of its descendants.
        if ((await this.subtree(em, id)).includes(input.parentId))
          throw new ScopeRefusal('parentId', 'error.parent');
        if (!(await em.existsBy(ScopeEntity, { id: input.parentId })))
          throw new ScopeRefusal('parentId', 'error.parent');
      }
      await this.requireType(em, input.scopeTypeId);
      return em.save(Object.assign(scope, input));
    });
  }

  /** Spaces and proposals in the scope lose it; a scope with sub-scopes stays. */
  async delete(id: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      if (!(await em.existsBy(ScopeEntity, { id }))) throw new ScopeNotFoundException();
      if (await em.existsBy(ScopeEntity, { parentId: id }))
        throw new ScopeRefusal('delete', 'error.hasChildren');
      await em.delete(ScopeEntity, { id });
    });
  }

  private async requireType(em: EntityManager, id: string | null): Promise<void> {
    if (id && !(await em.existsBy(ScopeTypeEntity, { id })))
      throw new ScopeRefusal('scopeTypeId', 'error.type');
  }

  private async write(work: (em: EntityManager) => Promise<ScopeEntity>): Promise<ScopeEntity> {
    try {
      return await this.tenantDb.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ScopeRefusal('code', 'error.codeTaken');
      throw error;
    }
  }
}
