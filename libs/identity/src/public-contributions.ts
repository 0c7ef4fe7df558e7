import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

/** One contribution listed on a public profile; `kind` is already in the page's language. */
export interface PublicContributionItem {
  title: string;
  url: string;
  kind: string;
  at: Date;
}

/**
 * What a person has published where everyone can read it (public spaces,
 * nothing hidden by moderation): each feature lists its own, newest first.
 */
export type PublicContributionSource = (
  em: EntityManager,
  userId: string,
  locale: string,
  limit: number,
) => Promise<PublicContributionItem[]>;

/** The public profile's list; features register their sources, identity imports none of them. */
@Injectable()
export class PublicContributions {
  private readonly sources = new Map<string, PublicContributionSource>();

  register(name: string, source: PublicContributionSource): void {
    this.sources.set(name, source);
  }

  async of(
    em: EntityManager,
    userId: string,
    locale: string,
    limit = 50,
  ): Promise<PublicContributionItem[]> {
    const items: PublicContributionItem[] = [];
    for (const source of this.sources.values())
      items.push(...(await source(em, userId, locale, limit)));
    return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  }
}
