import { Injectable } from '@nestjs/common';

import { TenantContext, TenantRef } from './tenant-context';

/** Work a feature does once a tenant is provisioned (e.g. invite its first admin). Must be idempotent. */
export type TenantProvisionedHook = (tenant: TenantRef) => Promise<void>;

/**
 * Features register here what follows provisioning, so libs/tenancy knows
 * none of them. The provisioning job runs every hook, inside the tenant's
 * context, after each successful run (a retried job runs them again).
 */
@Injectable()
export class TenantProvisionedHooks {
  private readonly hooks = new Map<string, TenantProvisionedHook>();

  register(name: string, hook: TenantProvisionedHook): void {
    this.hooks.set(name, hook);
  }

  async runAll(tenant: TenantRef): Promise<void> {
    for (const hook of this.hooks.values()) await TenantContext.run(tenant, () => hook(tenant));
  }
}
