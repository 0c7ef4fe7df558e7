import { SpaceEntity } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';
import { TestPlatform } from '@plaza/testing';

import { seedDemoParticipation } from './demo-participation';
import { ProposalEntity } from './proposal.entity';

describe('seedDemoParticipation', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await TestPlatform.start();
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('creates a process with proposals and an assembly, once', async () => {
    const tenant = await platform.createTenant();
    const db = platform.get(TenantDb);
    await db.runFor(tenant, (em) => seedDemoParticipation(em));
    await db.runFor(tenant, (em) => seedDemoParticipation(em));
    expect(await db.runFor(tenant, (em) => em.countBy(SpaceEntity, {}))).toBe(2);
    expect(await db.runFor(tenant, (em) => em.countBy(ProposalEntity, {}))).toBe(3);
  });
});
