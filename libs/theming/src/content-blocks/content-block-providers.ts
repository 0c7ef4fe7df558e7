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
  /** A picture shown above the title; `alt` is empty for a decorative image. */
  image?: { url: string; alt: string };
  /** When it happened (activity): lists from several providers are merged newest first. */
  at?: Date;
  /**
   * Activity: identifies the entry among those of the same millisecond
   * (`<kind>:<id>`, ASCII); entries of one instant are listed by key, descending.
   */
  key?: string;
}

/**
 * Where a page of activity starts: entries older than `at` (to the
 * millisecond), or of that very millisecond with a key sorting before `key`
 * (plain code-unit order, as `collate "C"`). An empty key means "strictly older".
 */
export interface ActivityCursor {
  at: Date;
  key: string;
}

const CURSOR_KEY = /^[a-z_]{1,30}:[A-Za-z0-9-]{1,64}$/;

/** `<ISO time>~<key>` for the entry a page ends with. */
export function formatActivityCursor(item: Pick<BlockItem, 'at' | 'key'>): string {
  return `${item.at!.toISOString()}~${item.key ?? ''}`;
}

/** The cursor of a `before` parameter (a bare time is accepted too); null when malformed. */
export function parseActivityCursor(raw: unknown): ActivityCursor | null {
  if (typeof raw !== 'string') return null;
  const cut = raw.indexOf('~');
  const time = cut < 0 ? raw : raw.slice(0, cut);
  const key = cut < 0 ? '' : raw.slice(cut + 1);
  const at = /^\d{4}-\d{2}-\d{2}T/.test(time) ? new Date(time) : new Date(NaN);
  if (Number.isNaN(at.getTime()) || (key && !CURSOR_KEY.test(key))) return null;
  return { at, key };
}

/** Newest first, then by key descending: the order pages and cursors follow. */
export function compareActivity(x: BlockItem, y: BlockItem): number {
  const byTime = (y.at?.getTime() ?? -Infinity) - (x.at?.getTime() ?? -Infinity);
  if (byTime) return byTime;
  const [kx, ky] = [x.key ?? '', y.key ?? ''];
  return kx === ky ? 0 : kx < ky ? 1 : -1;
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
  /** Activity only: entries after this one in the activity order (a next page of /last-activity). */
  before?: ActivityCursor;
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
      items.sort(compareActivity);
    return items.slice(0, query.limit);
  }

  async loadStatistics(query: BlockQuery): Promise<BlockStatistic[]> {
    const lists = [];
    for (const provider of this.statistics) lists.push(await provider(query));
    return lists.flat();
  }
}
