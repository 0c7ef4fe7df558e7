import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

/** A decision on someone's verification, as listeners receive it. */
export interface VerificationDecision {
  /** The transaction that records the decision: listeners write in it. */
  em: EntityManager;
  verificationId: string;
  userId: string;
  status: 'granted' | 'refused' | 'revoked';
  /** The method's name in the person's language. */
  methodName: string;
  /** Where the person reads the decision and its reason. */
  url: string;
}

export type VerificationDecisionListener = (decision: VerificationDecision) => Promise<void>;

/**
 * Told of each verification decision inside its transaction (social writes the
 * person's in-app notification); identity imports none of the listeners.
 */
@Injectable()
export class VerificationDecisions {
  private readonly listeners: VerificationDecisionListener[] = [];

  listen(listener: VerificationDecisionListener): void {
    this.listeners.push(listener);
  }

  async decided(decision: VerificationDecision): Promise<void> {
    for (const listener of this.listeners) await listener(decision);
  }
}
