import { countScalar, TenantUsageCounter } from '@plaza/tenancy';

/** Participatory spaces: processes and assemblies, published or not (what the plan limits). */
export const SPACES_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'spaces',
    name: 'spaces',
    count: (em) => countScalar(em, 'select count(*) as n from spaces'),
  },
];
