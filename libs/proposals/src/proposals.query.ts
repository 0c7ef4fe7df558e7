import { Injectable } from '@nestjs/common';

import { Brackets, EntityManager } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

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
      const qb = m
        .createQueryBuilder(ProposalEntity, 'p')
        .leftJoinAndSelect('p.author', 'author')
        .where('p.component_id = :componentId', { componentId })
        .andWhere('p.published_at is not null')
        .andWhere(
          `not exists (select 1 from moderations m where m.resource_type = 'proposal' and m.resource_id = p.id and m.hidden_at is not null)`,
        );
      const states = filters.states?.length ? filters.states : null;
      if (!states || !states.includes('withdrawn')) qb.andWhere('p.withdrawn_at is null');
      if (states) {
        qb.andWhere(
          new Brackets((w) => {
            const answered = states.filter((s) => s !== 'not_answered' && s !== 'withdrawn');
            if (answered.length)
              w.orWhere(
                '(p.withdrawn_at is null and p.state_published_at is not null and p.state in (:...answered))',
                {
                  answered,
                },
              );
            if (states.includes('not_answered'))
              w.orWhere('(p.withdrawn_at is null and p.state_published_at is null)');
            if (states.includes('withdrawn')) w.orWhere('p.withdrawn_at is not null');
          }),
        );
      }
      if (filters.search) {
        qb.andWhere('(p.title ilike :q or p.body ilike :q)', {
          q: `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        });
      }
      if (filters.categoryId)
        qb.andWhere('p.category_id = :categoryId', { categoryId: filters.categoryId });
      if (filters.scopeId)
        qb.andWhere(
          `p.scope_id in (with recursive subtree(id) as (select id from scopes where id = :scopeId union all select s.id from scopes s join subtree t on s.parent_id = t.id) select id from subtree)`,
          { scopeId: filters.scopeId },
        );
      if (filters.authorId) qb.andWhere('p.author_id = :authorId', { authorId: filters.authorId });
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
          qb.orderBy('md5(p.id::text || :seed)').setParameter('seed', filters.seed);
      }
      qb.addOrderBy('p.id', 'ASC');
      const [items, total] = await qb
        // The only join is many-to-one, so plain LIMIT/OFFSET pages rows exactly.
        .offset((filters.page - 1) * filters.perPage)
        .limit(filters.perPage)
        .getManyAndCount();
      return { items, total, page: filters.page, perPage: filters.perPage };
    };
    return em ? work(em) : this.tenantDb.run(work);
  }
}
