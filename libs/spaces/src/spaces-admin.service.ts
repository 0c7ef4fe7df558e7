import { HttpStatus, Injectable } from '@nestjs/common';

import { EntityManager, In, QueryFailedError } from 'typeorm';

import type { Translated } from '@plaza/core';
import { UserEntity } from '@plaza/identity';
import { PlanPolicy, TenantContext, TenantDb } from '@plaza/tenancy';

import { AssemblyMemberEntity, MemberPosition } from './assembly-member.entity';
import { ComponentEntity, Settings } from './component.entity';
import { manifestOf } from './component-manifests';
import { PhasesService } from './phases.service';
import { ProcessGroupEntity } from './process-group.entity';
import { ScopeEntity } from './scope.entity';
import { SpaceEntity, SpaceKind } from './space.entity';
import { SpaceCategoryEntity } from './space-category.entity';
import { PhaseInput, SpaceInput } from './space-form';
import { SpacePhaseEntity } from './space-phase.entity';
import { SpaceRole, SpaceRoleEntity } from './space-role.entity';
import { spacesError } from './spaces.messages';

export class SlugTakenError extends Error {}

/** Everything the admin page of one space shows. */
export interface SpaceAdminView {
  space: SpaceEntity;
  phases: SpacePhaseEntity[];
  components: ComponentEntity[];
  members: AssemblyMemberEntity[];
  roles: (SpaceRoleEntity & { user: UserEntity })[];
  categories: SpaceCategoryEntity[];
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** Organization admins' writes to spaces, phases, components, members and roles. */
@Injectable()
export class SpacesAdminService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly phases: PhasesService,
    private readonly plan: PlanPolicy,
  ) {}

  async list(): Promise<{ spaces: SpaceEntity[]; groups: ProcessGroupEntity[] }> {
    return this.tenantDb.run(async (em) => ({
      spaces: await em.find(SpaceEntity, { order: { kind: 'DESC', createdAt: 'DESC' } }),
      groups: await em.find(ProcessGroupEntity, { order: { createdAt: 'ASC' } }),
    }));
  }

  async view(id: string): Promise<SpaceAdminView> {
    return this.tenantDb.run(async (em) => {
      const space = await em.findOneBy(SpaceEntity, { id });
      if (!space) throw spacesError(HttpStatus.NOT_FOUND, 'error.spaceMissing');
      const phases = await em.find(SpacePhaseEntity, {
        where: { spaceId: id },
        order: { position: 'ASC' },
      });
      const components = await em.find(ComponentEntity, {
        where: { spaceId: id },
        order: { weight: 'ASC' },
      });
      const members = await em.find(AssemblyMemberEntity, {
        where: { spaceId: id },
        order: { weight: 'ASC' },
      });
      const roles = await em.find(SpaceRoleEntity, {
        where: { spaceId: id },
        relations: { user: true },
        order: { createdAt: 'ASC' },
      });
      const categories = await em.find(SpaceCategoryEntity, {
        where: { spaceId: id },
        order: { weight: 'ASC' },
      });
      return {
        space,
        phases,
        components,
        members,
        roles: roles as (SpaceRoleEntity & { user: UserEntity })[],
        categories,
      };
    });
  }

  /** The proposals components of these spaces, for valuators' links. */
  async proposalComponents(spaceIds: string[]): Promise<ComponentEntity[]> {
    if (!spaceIds.length) return [];
    return this.tenantDb.run((em) =>
      em.find(ComponentEntity, {
        where: { spaceId: In(spaceIds), manifest: 'proposals' },
        order: { weight: 'ASC' },
      }),
    );
  }

  async createGroup(title: Translated, description: Translated): Promise<ProcessGroupEntity> {
    return this.tenantDb.run((em) =>
      em.save(em.create(ProcessGroupEntity, { title, description })),
    );
  }

  /** Other assemblies an assembly may hang under (never itself). */
  async assemblies(): Promise<SpaceEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(SpaceEntity, { where: { kind: 'assembly' }, order: { createdAt: 'ASC' } }),
    );
  }

  /** Refused (PlanLimitException) when the plan's `spaces` limit is reached. */
  async create(kind: SpaceKind, input: SpaceInput): Promise<SpaceEntity> {
    const room = await this.plan.limitCheck(TenantContext.current().id, 'spaces');
    return this.saveSpace(async (em) => {
      await room.assert(em, () => em.count(SpaceEntity));
      return em.save(em.create(SpaceEntity, { kind, ...(await this.fields(em, input)) }));
    });
  }

  async update(id: string, input: SpaceInput): Promise<SpaceEntity> {
    return this.saveSpace(async (em) => {
      const space = await em.findOneBy(SpaceEntity, { id });
      if (!space) throw spacesError(HttpStatus.NOT_FOUND, 'error.spaceMissing');
      const fields = await this.fields(em, input, space.publishedAt);
      if (fields.parentId === id) fields.parentId = null;
      return em.save(Object.assign(space, fields));
    });
  }

  async addPhase(spaceId: string, input: PhaseInput): Promise<SpacePhaseEntity> {
    return this.tenantDb.run(async (em) => {
      await this.requireSpace(em, spaceId);
      const last = await em.findOne(SpacePhaseEntity, {
        where: { spaceId },
        order: { position: 'DESC' },
      });
      const phase = await em.save(
        em.create(SpacePhaseEntity, { spaceId, ...input, position: (last?.position ?? -1) + 1 }),
      );
      await this.phases.ensureOneActive(em, spaceId);
      return phase;
    });
  }

  async phase(spaceId: string, phaseId: string): Promise<SpacePhaseEntity> {
    return this.tenantDb.run(async (em) => {
      const phase = await em.findOneBy(SpacePhaseEntity, { id: phaseId, spaceId });
      if (!phase) throw spacesError(HttpStatus.NOT_FOUND, 'error.phaseMissing');
      return phase;
    });
  }

  async updatePhase(spaceId: string, phaseId: string, input: PhaseInput): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const result = await em.update(SpacePhaseEntity, { id: phaseId, spaceId }, input);
      if (!result.affected) throw spacesError(HttpStatus.NOT_FOUND, 'error.phaseMissing');
    });
  }

  /** Removing the active phase makes the first remaining one active. */
  async deletePhase(spaceId: string, phaseId: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const result = await em.delete(SpacePhaseEntity, { id: phaseId, spaceId });
      if (!result.affected) throw spacesError(HttpStatus.NOT_FOUND, 'error.phaseMissing');
      await this.phases.ensureOneActive(em, spaceId);
    });
  }

  async addCategory(spaceId: string, name: Translated): Promise<void> {
    await this.tenantDb.run(async (em) => {
      await this.requireSpace(em, spaceId);
      const weight = await em.countBy(SpaceCategoryEntity, { spaceId });
      await em.insert(SpaceCategoryEntity, { spaceId, name, weight });
    });
  }

  async categories(spaceId: string): Promise<SpaceCategoryEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(SpaceCategoryEntity, { where: { spaceId }, order: { weight: 'ASC' } }),
    );
  }

  async activatePhase(spaceId: string, phaseId: string): Promise<void> {
    await this.phases.activate(spaceId, phaseId);
  }

  async addComponent(
    spaceId: string,
    manifest: string,
    name: Translated,
  ): Promise<ComponentEntity> {
    if (!manifestOf(manifest)) throw spacesError(HttpStatus.NOT_FOUND, 'error.manifestMissing');
    return this.tenantDb.run(async (em) => {
      await this.requireSpace(em, spaceId);
      const count = await em.countBy(ComponentEntity, { spaceId });
      return em.save(em.create(ComponentEntity, { spaceId, manifest, name, weight: count }));
    });
  }

  async component(spaceId: string, componentId: string): Promise<ComponentEntity> {
    return this.tenantDb.run(async (em) => {
      const component = await em.findOneBy(ComponentEntity, { id: componentId, spaceId });
      if (!component) throw spacesError(HttpStatus.NOT_FOUND, 'error.componentMissing');
      return component;
    });
  }

  async updateComponent(
    spaceId: string,
    componentId: string,
    change: {
      name: Translated;
      weight: number;
      settings: Settings;
      stepSettings: Record<string, Settings>;
      defaultStepSettings: Settings;
    },
  ): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const result = await em.update(ComponentEntity, { id: componentId, spaceId }, change);
      if (!result.affected) throw spacesError(HttpStatus.NOT_FOUND, 'error.componentMissing');
    });
  }

  async setComponentPublished(spaceId: string, componentId: string, published: boolean) {
    await this.tenantDb.run(async (em) => {
      const result = await em.update(
        ComponentEntity,
        { id: componentId, spaceId },
        { publishedAt: published ? new Date() : null },
      );
      if (!result.affected) throw spacesError(HttpStatus.NOT_FOUND, 'error.componentMissing');
    });
  }

  async addMember(
    spaceId: string,
    member: { fullName: string; position: MemberPosition; positionOther: string | null },
  ): Promise<void> {
    await this.tenantDb.run(async (em) => {
      await this.requireSpace(em, spaceId);
      const weight = await em.countBy(AssemblyMemberEntity, { spaceId });
      await em.save(em.create(AssemblyMemberEntity, { spaceId, ...member, weight }));
    });
  }

  /** Gives `role` to the participant with `email`; false when nobody has that email. */
  async addRole(spaceId: string, email: string, role: SpaceRole): Promise<boolean> {
    return this.tenantDb.run(async (em) => {
      await this.requireSpace(em, spaceId);
      const user = await em.findOneBy(UserEntity, { email: email.toLowerCase() });
      if (!user) return false;
      await em
        .createQueryBuilder()
        .insert()
        .into(SpaceRoleEntity)
        .values({ spaceId, userId: user.id, role })
        .orIgnore()
        .execute();
      return true;
    });
  }

  async removeRole(spaceId: string, roleId: string): Promise<void> {
    await this.tenantDb.run((em) => em.delete(SpaceRoleEntity, { id: roleId, spaceId }));
  }

  private async requireSpace(em: EntityManager, id: string): Promise<SpaceEntity> {
    const space = await em.findOneBy(SpaceEntity, { id });
    if (!space) throw spacesError(HttpStatus.NOT_FOUND, 'error.spaceMissing');
    return space;
  }

  /** Entity fields from the form; a group or parent that no longer exists is dropped. */
  private async fields(em: EntityManager, input: SpaceInput, publishedAt: Date | null = null) {
    const { published, heroImageId, ...rest } = input;
    if (rest.groupId && !(await em.existsBy(ProcessGroupEntity, { id: rest.groupId })))
      rest.groupId = null;
    if (rest.parentId && !(await em.existsBy(SpaceEntity, { id: rest.parentId, kind: 'assembly' })))
      rest.parentId = null;
    if (rest.scopeId && !(await em.existsBy(ScopeEntity, { id: rest.scopeId })))
      rest.scopeId = null;
    return {
      ...rest,
      ...(heroImageId === undefined ? {} : { heroImageId }),
      publishedAt: published ? (publishedAt ?? new Date()) : null,
    };
  }

  private async saveSpace(work: (em: EntityManager) => Promise<SpaceEntity>): Promise<SpaceEntity> {
    try {
      return await this.tenantDb.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new SlugTakenError();
      throw error;
    }
  }
}
