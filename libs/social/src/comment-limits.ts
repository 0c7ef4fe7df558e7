import type { EntityManager } from 'typeorm';

import { OrganizationEntity } from '@plaza/tenancy';

/** The longest comment any setting may allow (the API refuses longer bodies outright). */
export const COMMENT_MAX_LENGTH_CAP = 10000;

/**
 * The maximum length of a comment: the component's `comments_max_length` when set
 * (above 0), else the organization's `comments_max_length`.
 */
export async function commentMaxLength(em: EntityManager, componentValue: number): Promise<number> {
  if (componentValue > 0) return Math.min(componentValue, COMMENT_MAX_LENGTH_CAP);
  const organization = await em.findOneBy(OrganizationEntity, { id: 1 });
  return organization?.commentsMaxLength ?? 1000;
}
