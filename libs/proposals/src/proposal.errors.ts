import { HttpException, HttpStatus } from '@nestjs/common';

import type { LocalizedMessage } from '@plaza/web';

import { proposalsT } from './proposals.messages';

/**
 * Why an action on proposals was refused, as a stable code the pages translate;
 * the message is the English sentence the JSON API answers.
 */
export type RefusalCode =
  | 'signInRequired'
  | 'membersOnly'
  | 'verificationRequired'
  | 'creationDisabled'
  | 'proposalLimit'
  | 'supportsDisabled'
  | 'supportsBlocked'
  | 'voteLimit'
  | 'thresholdReached'
  | 'alreadySupported'
  | 'notSupported'
  | 'notSupportable'
  | 'endorsementsDisabled'
  | 'editWindowClosed'
  | 'notAuthor'
  | 'withdrawHasSupports'
  | 'alreadyWithdrawn';

const MESSAGES: Record<RefusalCode, string> = {
  signInRequired: 'You need to sign in to do this.',
  membersOnly: 'Only members of this space can take part.',
  verificationRequired: 'You need a verified account to do this.',
  creationDisabled: 'Proposals cannot be created during the current phase.',
  proposalLimit: 'You have reached the limit of proposals you can create here.',
  supportsDisabled: 'Supports are not enabled during the current phase.',
  supportsBlocked: 'Supports are blocked at the moment.',
  voteLimit:
    'You have used all your supports in this component. Withdraw one to support another proposal.',
  thresholdReached: 'This proposal has reached the supports it needed.',
  alreadySupported: 'You already support this proposal.',
  notSupported: 'You do not support this proposal.',
  notSupportable: 'Withdrawn or rejected proposals cannot be supported.',
  endorsementsDisabled: 'Endorsements are not enabled during the current phase.',
  editWindowClosed: 'The time to edit this proposal has passed.',
  notAuthor: 'Only the author can do this.',
  withdrawHasSupports: 'A proposal that has supports cannot be withdrawn.',
  alreadyWithdrawn: 'This proposal is already withdrawn.',
};

const STATUS: Partial<Record<RefusalCode, HttpStatus>> = {
  signInRequired: HttpStatus.UNAUTHORIZED,
  membersOnly: HttpStatus.FORBIDDEN,
  verificationRequired: HttpStatus.FORBIDDEN,
  notAuthor: HttpStatus.FORBIDDEN,
  creationDisabled: HttpStatus.FORBIDDEN,
  supportsDisabled: HttpStatus.FORBIDDEN,
  supportsBlocked: HttpStatus.FORBIDDEN,
  endorsementsDisabled: HttpStatus.FORBIDDEN,
};

/** An action refused by a rule of the component: 401, 403 or 409 with a sentence saying why. */
export class ProposalRefusal extends HttpException implements LocalizedMessage {
  constructor(
    readonly code: RefusalCode,
    /** The verification method to obtain, for `verificationRequired`. */
    readonly method?: string,
  ) {
    super(
      method
        ? `${MESSAGES[code]} Verify it with "${method}" at /account/verifications/${method}.`
        : MESSAGES[code],
      STATUS[code] ?? HttpStatus.CONFLICT,
    );
  }

  messageIn(locale: string): string {
    return proposalsT(locale, `refused.${this.code}`);
  }
}
