import { countScalar, TenantUsageCounter } from '@plaza/tenancy';

/** Storage: the bytes of every stored original (the same figure the storage limit reads). */
export const STORAGE_USAGE_COUNTERS: TenantUsageCounter[] = [
  {
    metric: 'storageBytes',
    name: 'files',
    count: (em) => countScalar(em, 'select coalesce(sum(size), 0) as n from files'),
  },
];
