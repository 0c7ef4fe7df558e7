import { Controller, Get, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { OrganizationEntity, TenantContext, TenantDb } from '@plaza/tenancy';
import { OnHost, renderPage, SiteLayout } from '@plaza/web';

import { SiteContextService } from './site-context.service';

/** The tenant's home page. */
@Controller()
@OnHost('tenant')
export class HomeController {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextService,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const organization = await this.tenantDb.run((em) =>
      em.findOneByOrFail(OrganizationEntity, { id: 1 }),
    );
    const description = translate(organization.description, site.locale, tenant.defaultLocale);
    const html = renderPage(
      <SiteLayout site={site} title={site.organizationName}>
        <h1>{site.organizationName}</h1>
        {description && <p>{description}</p>}
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
