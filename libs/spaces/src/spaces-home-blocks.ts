import { Injectable, OnModuleInit } from '@nestjs/common';

import { In, IsNull, Not } from 'typeorm';

import { translate } from '@plaza/core';
import { BlockItem, BlockQuery, BlockStatistic, ContentBlockProviders } from '@plaza/theming';

import { spacePath } from './paths';
import { SpaceEntity, SpaceKind } from './space.entity';
import { spacesT } from './spaces.messages';

/**
 * Feeds the homepage blocks "highlighted processes", "highlighted assemblies"
 * and the statistics with published spaces that everyone may read. One query
 * per block kind, whatever the number of spaces.
 */
@Injectable()
export class SpacesHomeBlocks implements OnModuleInit {
  constructor(private readonly providers: ContentBlockProviders) {}

  onModuleInit(): void {
    this.providers.provideItems('highlighted_processes', (query) => this.spaces(query, 'process'));
    this.providers.provideItems('highlighted_assemblies', (query) =>
      this.spaces(query, 'assembly'),
    );
    this.providers.provideStatistics((query) => this.statistics(query));
  }

  private async spaces(query: BlockQuery, kind: SpaceKind): Promise<BlockItem[]> {
    const rows = await query.em.find(SpaceEntity, {
      where: { kind, publishedAt: Not(IsNull()), visibility: In(['public', 'transparent']) },
      order: { promoted: 'DESC', startDate: 'DESC', createdAt: 'DESC' },
      take: query.limit,
    });
    const tr = (field: SpaceEntity['title']) => translate(field, query.locale, query.defaultLocale);
    return rows.map((space) => ({
      title: tr(space.title),
      href: spacePath(space),
      summary: tr(space.shortDescription) || tr(space.subtitle) || undefined,
      meta: space.startDate
        ? [space.startDate, space.endDate].filter(Boolean).join(' – ')
        : undefined,
    }));
  }

  private async statistics(query: BlockQuery): Promise<BlockStatistic[]> {
    const [counts] = (await query.em.query(
      `select count(*) filter (where kind = 'process')::int as processes,
              count(*) filter (where kind = 'assembly')::int as assemblies
         from spaces where published_at is not null and visibility in ('public', 'transparent')`,
    )) as { processes: number; assemblies: number }[];
    return [
      { label: spacesT(query.locale, 'stats.processes'), value: counts.processes },
      { label: spacesT(query.locale, 'stats.assemblies'), value: counts.assemblies },
    ].filter((s) => s.value > 0);
  }
}
