import { Injectable } from '@nestjs/common';

import type { VNode } from 'preact';

import type { CurrentUser, SiteContext } from '@plaza/web';

import type { SpaceEntity } from './space.entity';

export type SpacePageSection = (
  space: SpaceEntity,
  user: CurrentUser | null,
  site: SiteContext,
) => Promise<VNode | null>;

/**
 * Lets features that build on spaces add a section to a space's public page
 * (the social layer adds the follow button) without spaces depending on them.
 */
@Injectable()
export class SpacePageExtensions {
  private readonly sections: SpacePageSection[] = [];

  add(section: SpacePageSection): void {
    this.sections.push(section);
  }

  async render(space: SpaceEntity, user: CurrentUser | null, site: SiteContext): Promise<VNode[]> {
    const out: VNode[] = [];
    for (const section of this.sections) {
      const node = await section(space, user, site);
      if (node) out.push(node);
    }
    return out;
  }
}
