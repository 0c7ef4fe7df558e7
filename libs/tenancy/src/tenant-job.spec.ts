import { Job, UnrecoverableError } from 'bullmq';

import { TenantContext, TenantRef, toTenantRef } from './tenant-context';
import { tenantProcessor } from './tenant-job';

function tenantFactory(overrides: Partial<TenantRef> = {}): TenantRef {
  return toTenantRef({
    id: 'abc12345',
    slug: 'lille',
    name: 'Lille',
    status: 'active',
    schemaName: 't_abc12345',
    roleName: 'plaza_t_abc12345',
    defaultLocale: 'fr',
    locales: ['fr', 'en'],
    planCode: null,
    ...overrides,
  });
}

function jobFactory(data: unknown): Job<{ tenantId: string }> {
  return { name: 'test-job', data } as Job<{ tenantId: string }>;
}

describe('tenantProcessor', () => {
  it('runs the handler inside the TenantContext of the tenant named by the payload', async () => {
    const tenant = tenantFactory();
    const sut = tenantProcessor(
      { refById: async (id) => (id === tenant.id ? tenant : null) },
      async (_job, t) => ({
        fromArgument: t.slug,
        fromContext: TenantContext.current().slug,
      }),
    );
    await expect(sut(jobFactory({ tenantId: tenant.id }))).resolves.toEqual({
      fromArgument: 'lille',
      fromContext: 'lille',
    });
    expect(() => TenantContext.current()).toThrow();
  });

  it('fails for good without a tenantId or for an unknown tenant', async () => {
    const sut = tenantProcessor({ refById: async () => null }, async () => 'ran');
    await expect(sut(jobFactory({}))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(sut(jobFactory({ tenantId: 'nope' }))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
