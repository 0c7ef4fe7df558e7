import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

import { ImageUrls } from '../appearance/image-urls';
import { ContentBlockEntity, ContentBlockKind, ContentBlockSettings } from './content-block.entity';
import {
  BlockItem,
  BlockStatistic,
  ContentBlockProviders,
  ITEM_BLOCK_KINDS,
  ItemBlockKind,
} from './content-block-providers';
import type { RenderedBlock } from './home-blocks';

export const DEFAULT_BLOCK_LIMIT = 6;

/** The homepage blocks: their order and settings, and the data they show. */
@Injectable()
export class ContentBlocksService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly providers: ContentBlockProviders,
    private readonly images: ImageUrls,
  ) {}

  list(): Promise<ContentBlockEntity[]> {
    return this.tenantDb.run((em) => this.ordered(em));
  }

  find(id: string): Promise<ContentBlockEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.tenantDb.run((em) => em.findOneBy(ContentBlockEntity, { id }));
  }

  /**
   * Every block with its data, with a constant number of queries: one for the
   * blocks, one for their images, and one call per provider whatever the
   * number of blocks (blocks of the same kind share the call).
   */
  async loadForHome(
    em: EntityManager,
    locale: string,
    defaultLocale: string,
    heroFallbackUrl: string | null,
  ): Promise<RenderedBlock[]> {
    const blocks = await this.ordered(em);
    const images = await this.images.of(
      em,
      blocks.map((b) => b.imageFileId),
    );
    const limitOf = (b: ContentBlockEntity) => b.settings?.limit ?? DEFAULT_BLOCK_LIMIT;
    const items = new Map<ItemBlockKind, BlockItem[]>();
    for (const kind of ITEM_BLOCK_KINDS) {
      const ofKind = blocks.filter((b) => b.kind === kind);
      if (ofKind.length === 0 || !this.providers.hasProviders(kind)) continue;
      const limit = Math.max(...ofKind.map(limitOf));
      items.set(kind, await this.providers.loadItems(kind, { em, locale, defaultLocale, limit }));
    }
    let statistics: BlockStatistic[] = [];
    if (blocks.some((b) => b.kind === 'statistics') && this.providers.hasProviders('statistics')) {
      statistics = await this.providers.loadStatistics({ em, locale, defaultLocale, limit: 0 });
    }
    return blocks.map((block) => {
      const list = items.get(block.kind as ItemBlockKind);
      return {
        block,
        items: list?.slice(0, limitOf(block)),
        statistics: block.kind === 'statistics' ? statistics : undefined,
        imageUrl: block.imageFileId
          ? (images.get(block.imageFileId)?.large ?? null)
          : block.kind === 'hero'
            ? heroFallbackUrl
            : null,
      };
    });
  }

  async add(kind: ContentBlockKind): Promise<ContentBlockEntity> {
    return this.tenantDb.run(async (em) => {
      const [{ next }] = (await em.query(
        'select coalesce(max(position), 0) + 1 as next from content_blocks',
      )) as { next: number }[];
      return em.save(em.create(ContentBlockEntity, { kind, position: next, settings: {} }));
    });
  }

  /** Swaps the block with its neighbour above or below; does nothing at either end. */
  async move(id: string, direction: 'up' | 'down'): Promise<boolean> {
    return this.tenantDb.run(async (em) => {
      const blocks = await this.ordered(em);
      const index = blocks.findIndex((b) => b.id === id);
      if (index < 0) return false;
      const other = blocks[direction === 'up' ? index - 1 : index + 1];
      if (!other) return true;
      const block = blocks[index];
      await em.update(ContentBlockEntity, { id: block.id }, { position: other.position });
      await em.update(ContentBlockEntity, { id: other.id }, { position: block.position });
      return true;
    });
  }

  async remove(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.tenantDb.run((em) => em.delete(ContentBlockEntity, { id }));
    return (result.affected ?? 0) > 0;
  }

  async update(
    id: string,
    settings: ContentBlockSettings,
    imageFileId?: string | null,
  ): Promise<void> {
    await this.tenantDb.run((em) =>
      em.update(
        ContentBlockEntity,
        { id },
        imageFileId === undefined ? { settings } : { settings, imageFileId },
      ),
    );
  }

  private ordered(em: EntityManager): Promise<ContentBlockEntity[]> {
    return em.find(ContentBlockEntity, { order: { position: 'ASC', id: 'ASC' } });
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
