import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageQuery {
  page?: number;
  perPage?: number;
}

/** The one list shape of the console API. */
export interface Page<T> {
  data: T[];
  meta: { page: number; perPage: number; total: number; pages: number };
}

export const MAX_PER_PAGE = 100;

export async function pageOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
): Promise<Page<T>> {
  const page = Math.max(1, query.page ?? 1);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? 25));
  const [data, total] = await qb
    .skip((page - 1) * perPage)
    .take(perPage)
    .getManyAndCount();
  return { data, meta: { page, perPage, total, pages: Math.max(1, Math.ceil(total / perPage)) } };
}
