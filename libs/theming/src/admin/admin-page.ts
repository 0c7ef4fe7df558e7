import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { AdminSections, NavItem, SiteContext } from '@plaza/web';

import { SiteContextService } from '../site-context.service';
import { themingT } from '../theming.messages';

/** What every theming admin page needs: the site frame and the admin sections. */
@Injectable()
export class AdminPage {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly sections: AdminSections,
  ) {
    const add = (href: string, order: number, key: Parameters<typeof themingT>[1]) =>
      sections.add({ href, order, label: (locale) => themingT(locale, key) });
    add('/admin/appearance', 10, 'section.appearance');
    add('/admin/homepage', 20, 'section.homepage');
    add('/admin/pages', 30, 'section.pages');
    add('/admin/topics', 40, 'section.topics');
    add('/admin/languages', 90, 'section.languages');
  }

  async of(
    request: FastifyRequest,
  ): Promise<{ site: SiteContext; sections: NavItem[]; heroImageUrl: string | null }> {
    const { site, heroImageUrl } = await this.siteContext.load(request);
    return { site, sections: this.sections.navFor(site.locale), heroImageUrl };
  }
}
