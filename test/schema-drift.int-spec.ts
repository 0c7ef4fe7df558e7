import { SCHEMA } from '@plaza/migrations';
import { diffCatalog } from '@plaza/tenancy';
import { testConfig } from '@plaza/testing';

describe('entities and migrations', () => {
  it('agree: generating a migration from the entities would produce nothing', async () => {
    const diff = await diffCatalog(testConfig().databaseAdminUrl as string, SCHEMA);
    // When this fails, run: npm run migration:generate -- <platform|tenant> <Name>
    expect(diff.platform.up).toEqual([]);
    expect(diff.tenant.up).toEqual([]);
    // Builds two scratch schemas from scratch: slow when the machine is busy.
  }, 180_000);
});
