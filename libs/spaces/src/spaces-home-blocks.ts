import { Injectable, OnModuleInit } from '@nestjs/common';

import { translate } from '@plaza/core';
import { BlockItem, BlockQuery, BlockStatistic, ContentBlockProviders } from '@plaza/theming';

import { spacePath } from './paths';
import { SpaceEntity, SpaceKind } from './space.entity';
import { SpaceImagesService } from './space-images.service';
import { spacesT } from './spaces.messages';

/**
 * Feeds the homepage blocks "highlighted processes", "highlighted assemblies"
 * and the statistics with published spaces that everyone may read. One query
 * per block kind, whatever the number of spaces.
 */
@Injectable()
export class SpacesHomeBlocks implements OnModuleInit {
  constructor(
    private readonly providers: ContentBlockProviders,
    private readonly images: SpaceImagesService,
  ) {}

  onModuleInit(): void {
    this.providers.provideItems('highlighted_processes', (query) => this.spaces(query, 'process'));
    this.providers.provideItems('highlighted_assemblies', (query) =>
      this.spaces(query, 'assembly'),
    );
    this.providers.provideStatistics((query) => this.statistics(query));
  }

  private async spaces(query: BlockQuery, kind: SpaceKind): Promise<BlockItem[]> {
    // The hero image's file is joined (a many-to-one, so `limit` stays exact and
    // TypeORM needs no second query): its address is signed without another query.
    const rows = await query.em
      .createQueryBuilder(SpaceEntity, 's')
      .leftJoinAndSelect('s.heroImage', 'image')
      .where('s.kind = :kind and s.published_at is not null', { kind })
      .andWhere(`s.visibility in ('public', 'transparent')`)
      .orderBy('s.promoted', 'DESC')
      .addOrderBy('s.startDate', 'DESC')
      .addOrderBy('s.createdAt', 'DESC')
      .limit(query.limit)
      .getMany();
    const tr = (field: SpaceEntity['title']) => translate(field, query.locale, query.defaultLocale);
    const items: BlockItem[] = [];
    for (const space of rows)
      items.push({
        title: tr(space.title),
        href: spacePath(space),
        summary: tr(space.shortDescription) || tr(space.subtitle) || undefined,
        meta: space.startDate
          ? [space.startDate, space.endDate].filter(Boolean).join(' – ')
          : undefined,
        image: space.heroImage
          ? {
              url: (await this.images.signed(space.heroImage)).thumbnail,
              alt: tr(space.heroImageAlt),
            }
          : undefined,
      });
    return items;
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
