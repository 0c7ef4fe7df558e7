import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

/**
 * Removes or blanks what one feature keeps about a person when their account
 * is deleted, in the deletion's transaction. Contributions others rely on
 * (proposals, comments, supports) stay, attached to the anonymized account.
 */
export type AccountErasureHook = (em: EntityManager, userId: string) => Promise<void>;

/** Account deletion's hooks: features register theirs, identity imports none of them. */
@Injectable()
export class AccountErasure {
  private readonly hooks = new Map<string, AccountErasureHook>();

  register(name: string, hook: AccountErasureHook): void {
    this.hooks.set(name, hook);
  }

  get names(): string[] {
    return [...this.hooks.keys()];
  }

  async run(em: EntityManager, userId: string): Promise<void> {
    for (const hook of this.hooks.values()) await hook(em, userId);
  }
}
