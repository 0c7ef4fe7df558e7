import { HttpStatus, Injectable } from '@nestjs/common';

import { EntityManager, IsNull, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

import { SpaceEntity } from './space.entity';
import { SpacePhaseEntity } from './space-phase.entity';
import { spacesError } from './spaces.messages';

/** Keeps exactly one phase active per process that has phases. */
@Injectable()
export class PhasesService {
  constructor(private readonly tenantDb: TenantDb) {}

  /** Makes `phaseId` the active phase of its process (and no other). */
  async activate(spaceId: string, phaseId: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const phase = await em.findOneBy(SpacePhaseEntity, { id: phaseId, spaceId });
      if (!phase) throw spacesError(HttpStatus.NOT_FOUND, 'error.phaseMissing');
      await this.switchTo(em, spaceId, phaseId);
    });
  }

  /**
   * Moves each process to the phase whose dates include `today` (YYYY-MM-DD).
   * Processes with no phase covering today keep their active phase. Returns how
   * many processes changed phase.
   */
  async advanceByDate(today: string): Promise<number> {
    return this.tenantDb.run(async (em) => {
      const due = await em.find(SpacePhaseEntity, {
        where: {
          active: false,
          startDate: LessThanOrEqual(today),
          endDate: MoreThanOrEqual(today),
          space: { kind: 'process', publishedAt: Not(IsNull()) },
        },
        relations: { space: true },
        order: { position: 'ASC' },
      });
      const bySpace = new Map<string, SpacePhaseEntity>();
      for (const phase of due) if (!bySpace.has(phase.spaceId)) bySpace.set(phase.spaceId, phase);
      for (const [spaceId, phase] of bySpace) await this.switchTo(em, spaceId, phase.id);
      return bySpace.size;
    });
  }

  /** After adding or removing phases: a process with phases always has one active. */
  async ensureOneActive(em: EntityManager, spaceId: string): Promise<void> {
    const phases = await em.find(SpacePhaseEntity, {
      where: { spaceId },
      order: { position: 'ASC' },
    });
    if (phases.length === 0 || phases.some((p) => p.active)) return;
    await em.update(SpacePhaseEntity, { id: phases[0].id }, { active: true });
  }

  private async switchTo(em: EntityManager, spaceId: string, phaseId: string): Promise<void> {
    // Lock the space row so two concurrent switches serialize instead of tripping the unique index.
    await em.findOne(SpaceEntity, { where: { id: spaceId }, lock: { mode: 'pessimistic_write' } });
    await em.update(SpacePhaseEntity, { spaceId, active: true }, { active: false });
    await em.update(SpacePhaseEntity, { id: phaseId }, { active: true });
  }
}
