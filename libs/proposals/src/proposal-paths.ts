import { ComponentInContext, spacePath } from '@plaza/spaces';

import type { ProposalEntity } from './proposal.entity';

export function proposalsPath(ctx: Pick<ComponentInContext, 'space' | 'component'>): string {
  return `${spacePath(ctx.space)}/f/${ctx.component.id}/proposals`;
}

/** The state the public sees: answers count only once published. */
export function publicState(p: ProposalEntity): string {
  if (p.withdrawnAt) return 'withdrawn';
  return p.state && p.statePublishedAt ? p.state : 'not_answered';
}
