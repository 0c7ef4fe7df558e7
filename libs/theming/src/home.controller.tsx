import { Controller, Get, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { OrganizationEntity, TenantContext, TenantDb } from '@plaza/tenancy';
import { Document, OnHost, platformMessages, renderPage, stateOf } from '@plaza/web';

import { StaticPageEntity } from './static-page.entity';

/** The tenant's home page: organization name, description and its pages. */
@Controller()
@OnHost('tenant')
export class HomeController {
  constructor(private readonly tenantDb: TenantDb) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    const state = stateOf(request);
    const locale = state?.locale ?? tenant.defaultLocale;
    const { organization, pages } = await this.tenantDb.run(async (em) => ({
      organization: await em.findOneByOrFail(OrganizationEntity, { id: 1 }),
      pages: await em.find(StaticPageEntity, { order: { weight: 'ASC', slug: 'ASC' } }),
    }));
    const name = translate(organization.name, locale, tenant.defaultLocale) || tenant.name;
    const t = platformMessages(locale);
    const html = renderPage(
      <Document lang={locale} title={name} nonce={state?.nonce ?? ''} skipLabel={t.skipToContent}>
        <header class="site">
          <p>
            <a href="/">{name}</a>
          </p>
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{name}</h1>
          {translate(organization.description, locale, tenant.defaultLocale) && (
            <p>{translate(organization.description, locale, tenant.defaultLocale)}</p>
          )}
        </main>
        <footer class="site">
          <ul>
            {pages.map((page) => (
              <li key={page.id}>{translate(page.title, locale, tenant.defaultLocale)}</li>
            ))}
          </ul>
          <p>{t.poweredBy}</p>
        </footer>
      </Document>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
