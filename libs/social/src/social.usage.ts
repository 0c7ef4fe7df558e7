import { countScalar, TenantUsageCounter } from '@plaza/tenancy';

/** Contributions: comments that were not deleted by their author. */
export const SOCIAL_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'contributions',
    name: 'comments',
    count: (em) => countScalar(em, 'select count(*) as n from comments where deleted_at is null'),
  },
];
