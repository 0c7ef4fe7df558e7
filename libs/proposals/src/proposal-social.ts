import { Injectable, OnModuleInit } from '@nestjs/common';

import { IsNull, Not } from 'typeorm';

import { commentMaxLength, SocialResources } from '@plaza/social';
import { boolSetting, intSetting, permissionProblem, SpacesService } from '@plaza/spaces';

import { ProposalEntity } from './proposal.entity';
import { proposalsPath } from './proposal-paths';

/** Makes proposals commentable, followable and reportable. */
@Injectable()
export class ProposalSocial implements OnModuleInit {
  constructor(
    private readonly resources: SocialResources,
    private readonly spaces: SpacesService,
  ) {}

  onModuleInit(): void {
    this.resources.register('proposal', {
      describe: async (em, id, user) => {
        const p = await em.findOneBy(ProposalEntity, { id, publishedAt: Not(IsNull()) });
        if (!p) return null;
        const ctx = await this.spaces.componentInContext(p.componentId, user, em).catch(() => null);
        if (!ctx) return null;
        const { global, step } = ctx.settings;
        const problem = permissionProblem(ctx, 'comment');
        return {
          spaceId: ctx.space.id,
          title: p.title,
          url: `${proposalsPath(ctx)}/${p.id}`,
          commentsOpen:
            boolSetting(global, 'comments_enabled') &&
            !boolSetting(step, 'comments_blocked') &&
            !p.withdrawnAt,
          canParticipate: ctx.canParticipate && problem?.kind !== 'membersOnly',
          verificationRequired: problem?.kind === 'verification' ? problem.method : null,
          commentMaxLength: await commentMaxLength(em, intSetting(global, 'comments_max_length')),
          reportThreshold: intSetting(global, 'threshold_reports') || 3,
        };
      },
      authorOf: async (em, id) => (await em.findOneBy(ProposalEntity, { id }))?.authorId ?? null,
      commentsChanged: async (em, id, delta) => {
        await em.query(
          'update proposals set comments_count = greatest(comments_count + $2, 0) where id = $1',
          [id, delta],
        );
      },
    });
  }
}
