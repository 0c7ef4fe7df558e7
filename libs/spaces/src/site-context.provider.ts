import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { SiteContextService } from '@plaza/theming';
import { CurrentUsers, SiteContext, SiteNavigation } from '@plaza/web';

import { MEDIA_CSS, PARTICIPATION_CSS } from './participation-styles';
import { spaceRolesT } from './space-roles.messages';
import { spacesT } from './spaces.messages';
import { SpacesService } from './spaces.service';

/** The site layout's context plus participation styles; adds the spaces to the main navigation. */
@Injectable()
export class SiteContextProvider {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly users: CurrentUsers,
    private readonly spaces: SpacesService,
    navigation: SiteNavigation,
  ) {
    navigation.add({
      href: '/processes',
      order: 10,
      label: (locale) => spacesT(locale, 'nav.processes'),
    });
    navigation.add({
      href: '/assemblies',
      order: 20,
      label: (locale) => spacesT(locale, 'nav.assemblies'),
    });
    navigation.add({
      href: '/notifications',
      order: 90,
      label: (locale) => spacesT(locale, 'nav.notifications'),
      signedInOnly: true,
    });
  }

  async build(request: FastifyRequest): Promise<SiteContext> {
    const site = await this.siteContext.build(request);
    // People with a role in some space (not organization admins, who have the admin link)
    // find the administration of their spaces from every participation page.
    const user = site.user && !site.user.isAdmin ? await this.users.of(request) : null;
    const staff =
      !!user &&
      (await this.spaces.spacesWithRole(user.id, ['admin', 'moderator', 'valuator'])).length > 0;
    return {
      ...site,
      nav: [
        ...(site.nav ?? []),
        ...(staff ? [{ href: '/admin/spaces', label: spaceRolesT(site.locale, 'nav.admin') }] : []),
      ],
      themeCss: (site.themeCss ?? '') + PARTICIPATION_CSS + MEDIA_CSS,
    };
  }
}
