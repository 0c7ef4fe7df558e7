import { Controller, Get, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { PlanPolicy, TenantContext, TenantDb } from '@plaza/tenancy';
import { OnHost, renderPage, SiteLayout } from '@plaza/web';

import { ContentBlocksService } from './content-blocks/content-blocks.service';
import { HOME_CSS, HomeBlock } from './content-blocks/home-blocks';
import { SiteContextService } from './site-context.service';

/** The tenant's home page: its content blocks in order, all data loaded in one unit of work. */
@Controller()
@OnHost('tenant')
export class HomeController {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextService,
    private readonly blocks: ContentBlocksService,
    private readonly plan: PlanPolicy,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    // Asked before the transaction: no platform query while a tenant connection is held.
    const customCssAllowed = await this.plan.hasFeature(tenant.id, 'customCss');
    const { data, rendered } = await this.tenantDb.run(async (em) => {
      const data = await this.siteContext.load(request, em, { customCssAllowed });
      const rendered = await this.blocks.loadForHome(
        em,
        data.site.locale,
        tenant.defaultLocale,
        data.heroImageUrl,
      );
      return { data, rendered };
    });
    const { site } = data;
    const description = site.description;
    const ctx = {
      locale: site.locale,
      defaultLocale: tenant.defaultLocale,
      organizationName: site.organizationName,
      description,
    };
    const hasHeading = rendered[0]?.block.kind === 'hero';
    const html = renderPage(
      <SiteLayout
        site={{ ...site, themeCss: `${HOME_CSS}${site.themeCss ?? ''}` }}
        title={site.organizationName}
      >
        {!hasHeading && <h1>{site.organizationName}</h1>}
        {!hasHeading && description && <p>{description}</p>}
        {rendered.map((r, i) => (
          <HomeBlock key={r.block.id} rendered={r} ctx={ctx} first={i === 0} />
        ))}
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
