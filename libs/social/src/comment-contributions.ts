import { Injectable, OnModuleInit } from '@nestjs/common';

import { PublicContributionItem, PublicContributions } from '@plaza/identity';

import { CommentEntity } from './social.entities';
import { socialT } from './social.messages';
import { SocialResources } from './social-resources';

/** A person's comments on their public profile, where visitors may read what they comment on. */
@Injectable()
export class CommentContributions implements OnModuleInit {
  constructor(
    private readonly contributions: PublicContributions,
    private readonly resources: SocialResources,
  ) {}

  onModuleInit(): void {
    this.contributions.register('comments', async (em, userId, locale, limit) => {
      const comments = await em
        .createQueryBuilder(CommentEntity, 'c')
        .where('c.author_id = :userId and c.deleted_at is null', { userId })
        .andWhere(
          `not exists (select 1 from moderations m where m.resource_type = 'comment' and m.resource_id = c.id and m.hidden_at is not null)`,
        )
        .orderBy('c.created_at', 'DESC')
        .limit(limit)
        .getMany();
      const items: PublicContributionItem[] = [];
      for (const c of comments) {
        // Described for an anonymous visitor: null when they may not read the resource.
        const info = await this.resources
          .get(c.resourceType)
          ?.describe(em, c.resourceId, null)
          .catch(() => null);
        if (!info) continue;
        items.push({
          title: info.title,
          url: `${info.url}#comment-${c.id}`,
          kind: socialT(locale, 'profile.kind'),
          at: c.createdAt,
        });
      }
      return items;
    });
  }
}
