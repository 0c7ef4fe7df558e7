import { HttpStatus, Injectable } from '@nestjs/common';

import { QueryFailedError } from 'typeorm';

import type { Translated } from '@plaza/core';
import { TenantDb } from '@plaza/tenancy';
import { LocalizedHttpException } from '@plaza/web';

import { isUuid } from '../content-blocks/content-blocks.service';
import { themingT } from '../theming.messages';
import { StaticPageEntity } from './static-page.entity';
import { StaticPageTopicEntity } from './static-page-topic.entity';

export const PAGE_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export interface PageInput {
  slug: string;
  title: Translated;
  content: Translated;
  topicId: string | null;
  weight: number;
}

export class SlugTakenError extends Error {}

export class TermsPageUndeletableException extends LocalizedHttpException {
  constructor() {
    super(HttpStatus.CONFLICT, (locale) => themingT(locale, 'error.termsUndeletable'));
  }
}

function sameTranslated(a: Translated, b: Translated): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Translated>;
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** Static pages and their topics. */
@Injectable()
export class StaticPagesService {
  constructor(private readonly tenantDb: TenantDb) {}

  listPages(): Promise<StaticPageEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(StaticPageEntity, { order: { weight: 'ASC', slug: 'ASC' } }),
    );
  }

  listTopics(): Promise<StaticPageTopicEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(StaticPageTopicEntity, { order: { weight: 'ASC', id: 'ASC' } }),
    );
  }

  findPage(id: string): Promise<StaticPageEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.tenantDb.run((em) => em.findOneBy(StaticPageEntity, { id }));
  }

  findBySlug(slug: string): Promise<StaticPageEntity | null> {
    if (!PAGE_SLUG.test(slug)) return Promise.resolve(null);
    return this.tenantDb.run((em) => em.findOneBy(StaticPageEntity, { slug }));
  }

  findTopic(id: string): Promise<StaticPageTopicEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.tenantDb.run((em) => em.findOneBy(StaticPageTopicEntity, { id }));
  }

  async createPage(input: PageInput): Promise<StaticPageEntity> {
    return this.uniqueSlug(() =>
      this.tenantDb.run((em) => em.save(em.create(StaticPageEntity, { ...input, isTerms: false }))),
    );
  }

  /** Saves the page; a changed terms page gets the next version (participants accept versions). */
  async updatePage(page: StaticPageEntity, input: PageInput): Promise<void> {
    const changed =
      !sameTranslated(page.title, input.title) || !sameTranslated(page.content, input.content);
    await this.uniqueSlug(() =>
      this.tenantDb.run((em) =>
        em.update(
          StaticPageEntity,
          { id: page.id },
          {
            ...input,
            // The terms page keeps its address: sign-up and footers link to it.
            slug: page.isTerms ? page.slug : input.slug,
            version: page.isTerms && changed ? () => 'version + 1' : page.version,
          },
        ),
      ),
    );
  }

  async deletePage(page: StaticPageEntity): Promise<void> {
    if (page.isTerms) throw new TermsPageUndeletableException();
    await this.tenantDb.run((em) => em.delete(StaticPageEntity, { id: page.id, isTerms: false }));
  }

  async saveTopic(
    topic: StaticPageTopicEntity | null,
    input: Pick<StaticPageTopicEntity, 'title' | 'description' | 'weight'>,
  ): Promise<void> {
    await this.tenantDb.run(async (em) => {
      if (topic) await em.update(StaticPageTopicEntity, { id: topic.id }, input);
      else await em.save(em.create(StaticPageTopicEntity, input));
    });
  }

  async deleteTopic(topic: StaticPageTopicEntity): Promise<void> {
    await this.tenantDb.run((em) => em.delete(StaticPageTopicEntity, { id: topic.id }));
  }

  private async uniqueSlug<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error as unknown as { code?: string }).code === '23505'
      )
        throw new SlugTakenError();
      throw error;
    }
  }
}
