import { Controller, Get, HttpStatus, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { TenantContext, TenantDb } from '@plaza/tenancy';
import { LocalizedHttpException, OnHost, renderPage, SiteLayout } from '@plaza/web';

import {
  ContentBlockProviders,
  formatActivityCursor,
  parseActivityCursor,
} from './content-blocks/content-block-providers';
import { BlockItems, HOME_CSS } from './content-blocks/home-blocks';
import { SiteContextService } from './site-context.service';
import { themingT } from './theming.messages';

/** How many entries /last-activity lists. */
export const LAST_ACTIVITY_PAGE_SIZE = 50;

/**
 * /last-activity: what the features report as public activity (new proposals,
 * comments, published answers...), newest first, in one unit of work.
 */
@Controller('last-activity')
@OnHost('tenant')
export class LastActivityController {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextService,
    private readonly providers: ContentBlockProviders,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('before') beforeParam?: string,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const before = beforeParam === undefined ? undefined : parseActivityCursor(beforeParam);
    if (before === null)
      throw new LocalizedHttpException(HttpStatus.BAD_REQUEST, (locale) =>
        themingT(locale, 'activity.badCursor'),
      );
    const { site, items } = await this.tenantDb.run(async (em) => {
      const { site } = await this.siteContext.load(request, em);
      const items = await this.providers.loadItems('last_activity', {
        em,
        locale: site.locale,
        defaultLocale: tenant.defaultLocale,
        limit: LAST_ACTIVITY_PAGE_SIZE,
        before,
      });
      return { site, items };
    });
    const title = themingT(site.locale, 'kind.last_activity');
    const last = items.length === LAST_ACTIVITY_PAGE_SIZE ? items[items.length - 1] : undefined;
    const html = renderPage(
      <SiteLayout site={{ ...site, themeCss: `${HOME_CSS}${site.themeCss ?? ''}` }} title={title}>
        <h1>{title}</h1>
        {items.length ? (
          <BlockItems items={items} locale={site.locale} level="h2" />
        ) : (
          <p>{themingT(site.locale, 'activity.empty')}</p>
        )}
        {last?.at && (
          <p>
            <a href={`/last-activity?before=${encodeURIComponent(formatActivityCursor(last))}`}>
              {themingT(site.locale, 'activity.older')}
            </a>
          </p>
        )}
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
