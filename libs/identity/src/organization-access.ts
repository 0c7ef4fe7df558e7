import { Injectable } from '@nestjs/common';

import { OrganizationEntity, TenantCache, TenantDb, TenantRef } from '@plaza/tenancy';

/** The organization settings every request of a tenant site consults. */
export interface AccessFlags {
  forceSignIn: boolean;
  requireAdminTwoFactor: boolean;
}

const KEY = 'organization.access';

/**
 * Reads the access settings through the per-process TenantCache, so an
 * anonymous request does not open a transaction just to learn that the site is
 * public. PeopleAdminService.setAccessSettings announces each change.
 */
@Injectable()
export class OrganizationAccess {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly cache: TenantCache,
  ) {}

  async of(tenant: TenantRef): Promise<AccessFlags> {
    return this.cache.get(tenant.id, KEY, () =>
      this.tenantDb.runFor(tenant, async (em) => {
        const organization = await em.findOne(OrganizationEntity, {
          where: { id: 1 },
          select: ['id', 'forceSignIn', 'requireAdminTwoFactor'],
        });
        return {
          forceSignIn: !!organization?.forceSignIn,
          requireAdminTwoFactor: !!organization?.requireAdminTwoFactor,
        };
      }),
    );
  }

  /** After a committed change of the settings. */
  async changed(tenant: TenantRef): Promise<void> {
    await this.cache.changed(tenant.id);
  }
}
