import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import type { ContentBlockKind } from './content-block.entity';

/** An entry of a list block (a process, an assembly, a meeting, an activity). */
export interface BlockItem {
  title: string;
  href: string;
  summary?: string;
  /** A short line under the title: dates, a place, who did what. */
  meta?: string;
  /** When it happened (activity): lists from several providers are merged newest first. */
  at?: Date;
}

export interface BlockStatistic {
  label: string;
  value: number;
}

/** What a provider is given: the open unit of work of the page and its language. */
export interface BlockQuery {
  em: EntityManager;
  locale: string;
  defaultLocale: string;
  limit: number;
  /** Activity only: entries strictly older than this (the next page of /last-activity). */
  before?: Date;
}

export type ItemBlockKind = Extract<
  ContentBlockKind,
  'highlighted_processes' | 'highlighted_assemblies' | 'upcoming_meetings' | 'last_activity'
>;
export const ITEM_BLOCK_KINDS: readonly ItemBlockKind[] = [
  'highlighted_processes',
  'highlighted_assemblies',
  'upcoming_meetings',
  'last_activity',
];

export type ItemsProvider = (query: BlockQuery) => Promise<BlockItem[]>;
export type StatisticsProvider = (query: BlockQuery) => Promise<BlockStatistic[]>;

/**
 * Where features plug their data into the homepage blocks: processes and
 * assemblies, meetings, activity, figures. A feature registers in its module's
 * onModuleInit; a block with no provider renders nothing. Providers must run a
 * constant number of queries (one per call, ideally): each is called once per
 * page, however many blocks of its kind the page has.
 */
@Injectable()
export class ContentBlockProviders {
  private readonly items = new Map<ItemBlockKind, ItemsProvider[]>();
  private readonly statistics: StatisticsProvider[] = [];

  provideItems(kind: ItemBlockKind, provider: ItemsProvider): void {
    this.items.set(kind, [...(this.items.get(kind) ?? []), provider]);
  }

  provideStatistics(provider: StatisticsProvider): void {
    this.statistics.push(provider);
  }

  hasProviders(kind: ContentBlockKind): boolean {
    if (kind === 'statistics') return this.statistics.length > 0;
    return (this.items.get(kind as ItemBlockKind)?.length ?? 0) > 0;
  }

  async loadItems(kind: ItemBlockKind, query: BlockQuery): Promise<BlockItem[]> {
    const lists = [];
    for (const provider of this.items.get(kind) ?? []) lists.push(await provider(query));
    const items = lists.flat();
    if (lists.length > 1 && items.some((i) => i.at))
      // Stable: each provider's own order is kept among items without a date.
      items.sort((x, y) => (y.at?.getTime() ?? -Infinity) - (x.at?.getTime() ?? -Infinity));
    return items.slice(0, query.limit);
  }

  async loadStatistics(query: BlockQuery): Promise<BlockStatistic[]> {
    const lists = [];
    for (const provider of this.statistics) lists.push(await provider(query));
    return lists.flat();
  }
}
