import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { SiteContextService } from '@plaza/theming';
import { SiteContext, SiteNavigation } from '@plaza/web';

import { PARTICIPATION_CSS } from './form-fields';
import { spacesT } from './spaces.messages';

/** The site layout's context plus participation styles; adds the spaces to the main navigation. */
@Injectable()
export class SiteContextProvider {
  constructor(
    private readonly siteContext: SiteContextService,
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
    return { ...site, themeCss: (site.themeCss ?? '') + PARTICIPATION_CSS };
  }
}
