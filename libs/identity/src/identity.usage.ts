import { countScalar, TenantUsageCounter } from '@plaza/tenancy';

/** Participants: every account of the site that is not deleted (admins included). */
export const IDENTITY_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'participants',
    name: 'users',
    count: (em) => countScalar(em, 'select count(*) as n from users where deleted_at is null'),
  },
];
