import { Injectable } from '@nestjs/common';

import { Brackets, EntityManager } from 'typeorm';

import type { AuthorAccount } from '@plaza/identity';
import { PreparedQuery, TenantDb } from '@plaza/tenancy';

import { ProposalEntity } from './proposal.entity';

export const PROPOSAL_ORDERS = [
  'random',
  'recent',
  'most_supported',
  'most_commented',
  'most_endorsed',
] as const;
export type ProposalOrder = (typeof PROPOSAL_ORDERS)[number];

export const STATE_FILTERS = [
  'accepted',
  'evaluating',
  'rejected',
  'not_answered',
  'withdrawn',
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface ProposalFilters {
  /** STATE_FILTERS or a component's custom state tokens. */
  states?: string[];
  search?: string;
  categoryId?: string;
  /** This scope and the scopes below it. */
  scopeId?: string;
  /** Only this participant's proposals ("my proposals"). */
  authorId?: string;
  order: ProposalOrder;
  /** Stable per visitor so random order does not reshuffle between pages. */
  seed: string;
  page: number;
  perPage: number;
}

/** The one pagination shape of lists. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

/** What the JSON API shows of a proposal in a list (no entity hydration). */
export type ProposalRow = Pick<
  ProposalEntity,
  | 'id'
  | 'componentId'
  | 'title'
  | 'body'
  | 'official'
  | 'state'
  | 'answer'
  | 'statePublishedAt'
  | 'withdrawnAt'
  | 'supportsCount'
  | 'endorsementsCount'
  | 'commentsCount'
  | 'address'
  | 'categoryId'
  | 'scopeId'
  | 'latitude'
  | 'longitude'
  | 'publishedAt'
  | 'createdAt'
> & { author: AuthorAccount | null };

type RawRow = Omit<ProposalRow, 'author'> & {
  authorId: string | null;
  authorName: string;
  authorNickname: string;
  authorDeletedAt: Date | null;
  authorBlockedAt: Date | null;
  authorConfirmedAt: Date | null;
  total: string;
};

const ROW_COLUMNS: [string, string][] = [
  ['p.id', 'id'],
  ['p.component_id', 'componentId'],
  ['p.title', 'title'],
  ['p.body', 'body'],
  ['p.official', 'official'],
  ['author.id', 'authorId'],
  ['author.name', 'authorName'],
  ['author.nickname', 'authorNickname'],
  ['author.deleted_at', 'authorDeletedAt'],
  ['author.blocked_at', 'authorBlockedAt'],
  ['author.confirmed_at', 'authorConfirmedAt'],
  ['p.state', 'state'],
  ['p.answer', 'answer'],
  ['p.state_published_at', 'statePublishedAt'],
  ['p.withdrawn_at', 'withdrawnAt'],
  ['p.supports_count', 'supportsCount'],
  ['p.endorsements_count', 'endorsementsCount'],
  ['p.comments_count', 'commentsCount'],
  ['p.address', 'address'],
  ['p.category_id', 'categoryId'],
  ['p.scope_id', 'scopeId'],
  ['p.latitude', 'latitude'],
  ['p.longitude', 'longitude'],
  ['p.published_at', 'publishedAt'],
  ['p.created_at', 'createdAt'],
];

/** Lists a component's published proposals with Decidim's filters and orders. */
@Injectable()
export class ProposalsQuery {
  constructor(private readonly tenantDb: TenantDb) {}

  async list(
    componentId: string,
    filters: ProposalFilters,
    em?: EntityManager,
  ): Promise<Page<ProposalEntity>> {
    const work = async (m: EntityManager) => {
      const [items, total] = await filtered(m, componentId, filters)
        // The only join is many-to-one, so plain LIMIT/OFFSET pages rows exactly.
        .leftJoinAndSelect('p.author', 'author')
        .getManyAndCount();
      return { items, total, page: filters.page, perPage: filters.perPage };
    };
    return em ? work(em) : this.tenantDb.run(work);
  }

  /**
   * The same page as `list`, as plain rows and in one statement (the total comes
   * from a window count): the JSON API's hot path, which needs no entities.
   */
  async listRows(
    componentId: string,
    filters: ProposalFilters,
    em: EntityManager,
  ): Promise<Page<ProposalRow>> {
    const rows = await LIST_ROWS.raw<RawRow>(em, { componentId, filters });
    // Past the last page the window count has no row to ride on.
    const total = rows.length
      ? Number(rows[0].total)
      : filters.page > 1
        ? await filtered(em, componentId, filters).getCount()
        : 0;
    return {
      items: rows.map((r) => ({
        id: r.id,
        componentId: r.componentId,
        title: r.title,
        body: r.body,
        official: r.official,
        author:
          r.authorId === null
            ? null
            : {
                name: r.authorName,
                nickname: r.authorNickname,
                deletedAt: r.authorDeletedAt,
                blockedAt: r.authorBlockedAt,
                confirmedAt: r.authorConfirmedAt,
              },
        state: r.state,
        answer: r.answer,
        statePublishedAt: r.statePublishedAt,
        withdrawnAt: r.withdrawnAt,
        supportsCount: r.supportsCount,
        endorsementsCount: r.endorsementsCount,
        commentsCount: r.commentsCount,
        address: r.address,
        categoryId: r.categoryId,
        scopeId: r.scopeId,
        latitude: r.latitude,
        longitude: r.longitude,
        publishedAt: r.publishedAt,
        createdAt: r.createdAt,
      })),
      total,
      page: filters.page,
      perPage: filters.perPage,
    };
  }
}

/** Orders by a column; any other order is the visitor's seeded random one. */
const SORTED_ORDERS = new Set<string>([
  'recent',
  'most_supported',
  'most_commented',
  'most_endorsed',
]);

/** The parameter values of `filtered`'s conditions, by name. */
function filterParams(componentId: string, filters: ProposalFilters): Record<string, unknown> {
  const params: Record<string, unknown> = { componentId };
  const answered = answeredStates(filters);
  if (answered?.length) params.answered = answered;
  if (filters.search) params.q = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (filters.categoryId) params.categoryId = filters.categoryId;
  if (filters.scopeId) params.scopeId = filters.scopeId;
  if (filters.authorId) params.authorId = filters.authorId;
  if (!SORTED_ORDERS.has(filters.order)) params.seed = filters.seed;
  return params;
}

/** The state filter, or null when every state is listed. */
function activeStates(filters: ProposalFilters): string[] | null {
  return filters.states?.length ? filters.states : null;
}

/** The state filters with a published answer (not "not answered", not "withdrawn"); null for no filter. */
function answeredStates(filters: ProposalFilters): string[] | null {
  const states = activeStates(filters);
  return states && states.filter((s) => s !== 'not_answered' && s !== 'withdrawn');
}

/** What of the filters changes `filtered`'s SQL text. */
function filterShape(filters: ProposalFilters): string {
  const states = activeStates(filters);
  return [
    states
      ? `${answeredStates(filters)!.length}.${+states.includes('not_answered')}.${+states.includes('withdrawn')}`
      : '-',
    +!!filters.search,
    +!!filters.categoryId,
    +!!filters.scopeId,
    +!!filters.authorId,
    filters.order,
    filters.page,
    filters.perPage,
  ].join('|');
}

/** Published, not hidden by moderation, filtered, ordered and paged. */
function filtered(m: EntityManager, componentId: string, filters: ProposalFilters) {
  const params = filterParams(componentId, filters);
  const qb = m
    .createQueryBuilder(ProposalEntity, 'p')
    .where('p.component_id = :componentId')
    .andWhere('p.published_at is not null')
    .andWhere(
      `not exists (select 1 from moderations m where m.resource_type = 'proposal' and m.resource_id = p.id and m.hidden_at is not null)`,
    );
  const states = activeStates(filters);
  if (!states || !states.includes('withdrawn')) qb.andWhere('p.withdrawn_at is null');
  if (states) {
    qb.andWhere(
      new Brackets((w) => {
        if (params.answered)
          w.orWhere(
            '(p.withdrawn_at is null and p.state_published_at is not null and p.state in (:...answered))',
          );
        if (states.includes('not_answered'))
          w.orWhere('(p.withdrawn_at is null and p.state_published_at is null)');
        if (states.includes('withdrawn')) w.orWhere('p.withdrawn_at is not null');
      }),
    );
  }
  if (filters.search) qb.andWhere('(p.title ilike :q or p.body ilike :q)');
  if (filters.categoryId) qb.andWhere('p.category_id = :categoryId');
  if (filters.scopeId)
    qb.andWhere(
      `p.scope_id in (with recursive subtree(id) as (select id from scopes where id = :scopeId union all select s.id from scopes s join subtree t on s.parent_id = t.id) select id from subtree)`,
    );
  if (filters.authorId) qb.andWhere('p.author_id = :authorId');
  switch (filters.order) {
    case 'recent':
      qb.orderBy('p.published_at', 'DESC');
      break;
    case 'most_supported':
      qb.orderBy('p.supports_count', 'DESC').addOrderBy('p.published_at', 'DESC');
      break;
    case 'most_commented':
      qb.orderBy('p.comments_count', 'DESC').addOrderBy('p.published_at', 'DESC');
      break;
    case 'most_endorsed':
      qb.orderBy('p.endorsements_count', 'DESC').addOrderBy('p.published_at', 'DESC');
      break;
    default:
      qb.orderBy('md5(p.id::text || :seed)');
  }
  return qb
    .setParameters(params)
    .addOrderBy('p.id', 'ASC')
    .offset((filters.page - 1) * filters.perPage)
    .limit(filters.perPage);
}

/** The JSON API's page: plain rows and the window count, one statement, SQL built once per shape. */
const LIST_ROWS = new PreparedQuery<{ componentId: string; filters: ProposalFilters }>(
  'proposals.listRows',
  {
    shape: (input) => filterShape(input.filters),
    params: (input) => filterParams(input.componentId, input.filters),
    build: (m, input) =>
      filtered(m, input.componentId, input.filters)
        .leftJoin('p.author', 'author')
        .select(ROW_COLUMNS.map(([expr, alias]) => `${expr} as "${alias}"`))
        .addSelect('count(*) over ()', 'total'),
  },
);
