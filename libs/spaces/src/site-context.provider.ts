import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { SiteContextService } from '@plaza/theming';
import { SiteContext } from '@plaza/web';

import { MEDIA_CSS } from './file-input';
import { PARTICIPATION_CSS } from './form-fields';
import { spacesT } from './spaces.messages';

/** The site layout's context plus participation navigation and styles. */
@Injectable()
export class SiteContextProvider {
  constructor(private readonly siteContext: SiteContextService) {}

  async build(request: FastifyRequest): Promise<SiteContext> {
    const site = await this.siteContext.build(request);
    return {
      ...site,
      nav: [
        ...(site.nav ?? []),
        { href: '/processes', label: spacesT(site.locale, 'nav.processes') },
        { href: '/assemblies', label: spacesT(site.locale, 'nav.assemblies') },
        ...(site.user
          ? [{ href: '/notifications', label: spacesT(site.locale, 'nav.notifications') }]
          : []),
      ],
      themeCss: (site.themeCss ?? '') + PARTICIPATION_CSS + MEDIA_CSS,
    };
  }
}
