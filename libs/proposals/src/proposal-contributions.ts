import { Injectable, OnModuleInit } from '@nestjs/common';

import { PublicContributions } from '@plaza/identity';
import { SpacesService } from '@plaza/spaces';

import { ProposalEntity } from './proposal.entity';
import { proposalsPath } from './proposal-paths';
import { proposalsT } from './proposals.messages';

/** A person's published proposals on their public profile, where visitors may read them. */
@Injectable()
export class ProposalContributions implements OnModuleInit {
  constructor(
    private readonly contributions: PublicContributions,
    private readonly spaces: SpacesService,
  ) {}

  onModuleInit(): void {
    this.contributions.register('proposals', async (em, userId, locale, limit) => {
      const proposals = await em
        .createQueryBuilder(ProposalEntity, 'p')
        .where('p.author_id = :userId and not p.official', { userId })
        .andWhere('p.published_at is not null and p.withdrawn_at is null')
        .andWhere(
          `not exists (select 1 from moderations m where m.resource_type = 'proposal' and m.resource_id = p.id and m.hidden_at is not null)`,
        )
        .orderBy('p.published_at', 'DESC')
        .limit(limit)
        .getMany();
      const items = [];
      for (const p of proposals) {
        // Only what a visitor may read: published components of public or transparent spaces.
        const ctx = await this.spaces.componentInContext(p.componentId, null, em).catch(() => null);
        if (!ctx) continue;
        items.push({
          title: p.title,
          url: `${proposalsPath(ctx)}/${p.id}`,
          kind: proposalsT(locale, 'profile.kind'),
          at: p.publishedAt!,
        });
      }
      return items;
    });
  }
}
