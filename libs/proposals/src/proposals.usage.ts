import { countScalar, TenantUsageCounter } from '@plaza/tenancy';

/** Contributions: published proposals (drafts are not yet contributions). */
export const PROPOSALS_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'contributions',
    name: 'proposals',
    count: (em) =>
      countScalar(em, 'select count(*) as n from proposals where published_at is not null'),
  },
];
