import { Injectable, OnModuleInit } from '@nestjs/common';

import { translate } from '@plaza/core';
import { SpacePageExtensions, spacePath, SpacesService } from '@plaza/spaces';
import { TenantContext } from '@plaza/tenancy';

import { FollowButton } from './comments-section';
import { FollowsService } from './follows.service';
import { SocialResources } from './social-resources';

/** Spaces can be followed: followers hear about new proposals in them. */
@Injectable()
export class SpaceSocial implements OnModuleInit {
  constructor(
    private readonly resources: SocialResources,
    private readonly spaces: SpacesService,
    private readonly follows: FollowsService,
    private readonly extensions: SpacePageExtensions,
  ) {}

  onModuleInit(): void {
    this.resources.register('space', {
      describe: async (_em, id, user) => {
        const view = await this.spaces.findPublishedById(id, user).catch(() => null);
        if (!view) return null;
        const tenant = TenantContext.current();
        return {
          spaceId: view.space.id,
          title: translate(view.space.title, tenant.defaultLocale, tenant.defaultLocale),
          url: spacePath(view.space),
          commentsOpen: false,
          canParticipate: view.canParticipate,
          commentMaxLength: 0,
          reportThreshold: 3,
        };
      },
    });
    this.extensions.add(async (space, user, site) => {
      if (!user) return null;
      const following = await this.follows.isFollowing(user.id, 'space', space.id);
      return (
        <p>
          <FollowButton
            locale={site.locale}
            csrf={site.csrfToken ?? ''}
            back={spacePath(space)}
            type="space"
            id={space.id}
            following={following}
          />
        </p>
      );
    });
  }
}
