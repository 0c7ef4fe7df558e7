import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { EntityManager } from 'typeorm';

import { PhaseScheduleJob, PhasesService, SpaceEntity, SpacePhaseEntity } from '@plaza/spaces';
import { TenantDb, TenantRef } from '@plaza/tenancy';
import { eventually, testLogger, TestPlatform } from '@plaza/testing';

import { WorkerModule } from '../src/worker.module';

async function processWithPhases(em: EntityManager, slug: string, published = true) {
  const space = await em.save(
    em.create(SpaceEntity, {
      kind: 'process',
      slug,
      title: { en: slug },
      publishedAt: published ? new Date() : null,
    }),
  );
  const dates = [
    ['2027-01-01', '2027-01-31'],
    ['2027-02-01', '2027-02-28'],
    ['2027-03-01', '2027-03-31'],
  ];
  const phases = await em.save(
    dates.map(([startDate, endDate], position) =>
      em.create(SpacePhaseEntity, {
        spaceId: space.id,
        title: { en: `Phase ${position + 1}` },
        startDate,
        endDate,
        position,
        active: position === 0,
      }),
    ),
  );
  return { space, phases };
}

describe('Worker: phases move by date', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;
  let a: TenantRef;
  let b: TenantRef;
  const db = () => platform.get(TenantDb);
  const activeOf = (tenant: TenantRef, spaceId: string) =>
    db().runFor(tenant, (em) => em.findOneBy(SpacePhaseEntity, { spaceId, active: true }));

  beforeAll(async () => {
    platform = await TestPlatform.start();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(platform.config, testLogger()),
      { logger: false },
    );
    a = await platform.createTenant();
    b = await platform.createTenant();
  });
  afterAll(async () => {
    await worker?.close();
    await platform?.close();
  });

  it('activates the phase whose dates include the day, in one transaction, only for published processes', async () => {
    const sut = worker.get(PhasesService);
    const { space, phases } = await db().runFor(a, (em) => processWithPhases(em, 'unit-case'));
    const draft = await db().runFor(a, (em) => processWithPhases(em, 'unit-draft', false));
    expect(await db().runFor(a, () => sut.advanceByDate('2027-02-15'))).toBe(1);
    expect((await activeOf(a, space.id))?.id).toBe(phases[1].id);
    expect((await activeOf(a, draft.space.id))?.id).toBe(draft.phases[0].id);
    // A day between or after all phases keeps the current one.
    expect(await db().runFor(a, () => sut.advanceByDate('2028-01-01'))).toBe(0);
    expect((await activeOf(a, space.id))?.id).toBe(phases[1].id);
  });

  it('the scheduled scan enqueues one job per tenant, each moving only its own tenant', async () => {
    const inA = await db().runFor(a, (em) => processWithPhases(em, 'scan-a'));
    const inB = await db().runFor(b, (em) => processWithPhases(em, 'scan-b'));
    const sut = worker.get(PhaseScheduleJob);
    const enqueued = await sut.scan(new Date('2027-03-10T08:00:00Z'));
    expect(enqueued).toBeGreaterThanOrEqual(2);
    await eventually(async () => (await activeOf(a, inA.space.id))?.id === inA.phases[2].id);
    await eventually(async () => (await activeOf(b, inB.space.id))?.id === inB.phases[2].id);
  }, 30_000);
});
