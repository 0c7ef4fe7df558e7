import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { OrganizationEntity, TenantContext, TenantDb } from '@plaza/tenancy';
import { CurrentUsers, Sessions, SiteContext, stateOf } from '@plaza/web';

import { StaticPageEntity } from './static-page.entity';

/** Builds what the shared layout shows for the current tenant request, in one unit of work. */
@Injectable()
export class SiteContextService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly sessions: Sessions,
    private readonly users: CurrentUsers,
  ) {}

  async build(request: FastifyRequest): Promise<SiteContext> {
    const tenant = TenantContext.current();
    const state = stateOf(request);
    const locale = state?.locale ?? tenant.defaultLocale;
    const { organization, pages } = await this.tenantDb.run(async (em) => ({
      organization: await em.findOneBy(OrganizationEntity, { id: 1 }),
      pages: await em.find(StaticPageEntity, {
        order: { weight: 'ASC', slug: 'ASC' },
        select: ['slug', 'title'],
      }),
    }));
    const session = await this.sessions.current(request);
    const user = await this.users.of(request);
    return {
      locale,
      locales: tenant.locales,
      organizationName: translate(organization?.name, locale, tenant.defaultLocale) || tenant.name,
      nonce: state?.nonce ?? '',
      path: request.url,
      csrfToken: session?.csrfToken ?? null,
      user: user ? { name: user.name, isAdmin: user.roles.includes('admin') } : null,
      footerLinks: pages.map((p) => ({
        href: `/pages/${p.slug}`,
        label: translate(p.title, locale, tenant.defaultLocale),
      })),
    };
  }
}
