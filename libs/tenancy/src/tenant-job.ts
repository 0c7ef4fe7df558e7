import { Job, UnrecoverableError } from 'bullmq';

import { TenantContext, TenantRef } from './tenant-context';

/** Every job that concerns a tenant carries its id. */
export interface TenantJobData {
  tenantId: string;
}

export interface TenantLookup {
  refById(id: string): Promise<TenantRef | null>;
}

/**
 * The one wrapper that turns a tenant job handler into a BullMQ processor: it
 * loads the tenant named by the payload and runs the handler inside its
 * TenantContext. A job for a tenant that no longer exists fails for good.
 */
export function tenantProcessor<D extends TenantJobData, R>(
  lookup: TenantLookup,
  handler: (job: Job<D, R>, tenant: TenantRef) => Promise<R>,
): (job: Job<D, R>) => Promise<R> {
  return async (job) => {
    const tenantId = job.data?.tenantId;
    if (typeof tenantId !== 'string' || !tenantId) {
      throw new UnrecoverableError(`Job ${job.name} has no tenantId in its payload`);
    }
    const tenant = await lookup.refById(tenantId);
    if (!tenant) throw new UnrecoverableError(`Job ${job.name}: tenant ${tenantId} does not exist`);
    return TenantContext.run(tenant, () => handler(job, tenant));
  };
}
