import { translate } from '@plaza/core';
import { ComponentInContext, spacePath } from '@plaza/spaces';

import type { ProposalEntity } from './proposal.entity';
import type { ProposalStateEntity } from './proposal-state.entity';
import { ProposalsKey, proposalsT } from './proposals.messages';

export function proposalsPath(ctx: Pick<ComponentInContext, 'space' | 'component'>): string {
  return `${spacePath(ctx.space)}/f/${ctx.component.id}/proposals`;
}

/** The state the public sees: answers count only once published. */
export function publicState(
  p: Pick<ProposalEntity, 'withdrawnAt' | 'state' | 'statePublishedAt'>,
): string {
  if (p.withdrawnAt) return 'withdrawn';
  return p.state && p.statePublishedAt ? p.state : 'not_answered';
}

const BUILT_IN = new Set(['accepted', 'evaluating', 'rejected', 'not_answered', 'withdrawn']);

/** A state's name in `locale`: built-in states from the catalog, custom ones from their title. */
export function stateLabel(
  token: string,
  custom: readonly Pick<ProposalStateEntity, 'token' | 'title'>[],
  locale: string,
  fallback: string,
): string {
  if (BUILT_IN.has(token)) return proposalsT(locale, `state.${token}` as ProposalsKey);
  return translate(custom.find((s) => s.token === token)?.title, locale, fallback) || token;
}
