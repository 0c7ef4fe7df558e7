import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, In, IsNull, Not } from 'typeorm';

import { enabledVerificationMethods, grantedVerificationMethods } from '@plaza/identity';
import { PreparedQuery, TenantDb } from '@plaza/tenancy';
import type { CurrentUser, LocalizedMessage } from '@plaza/web';

import { AssemblyMemberEntity } from './assembly-member.entity';
import { ComponentEntity, PermissionAction } from './component.entity';
import { boolSetting, EffectiveSettings, effectiveSettings } from './component-manifests';
import { ProcessGroupEntity } from './process-group.entity';
import { SpaceEntity, SpaceKind } from './space.entity';
import { SpaceCategoryEntity } from './space-category.entity';
import { SpacePhaseEntity } from './space-phase.entity';
import { SpaceRole, SpaceRoleEntity } from './space-role.entity';
import { spacesError, spacesT } from './spaces.messages';

export class SpaceNotFoundException extends NotFoundException implements LocalizedMessage {
  constructor() {
    super(spacesT('en', 'error.spaceMissing'));
  }

  messageIn(locale: string): string {
    return spacesT(locale, 'error.spaceMissing');
  }
}

/** A published component with the settings its space's active phase puts in force. */
export interface ComponentInContext {
  component: ComponentEntity;
  space: SpaceEntity;
  activePhase: SpacePhaseEntity | null;
  settings: EffectiveSettings;
}

/** A component in context, as seen by one person: may they take part, and with what verifications. */
export interface ParticipationContext extends ComponentInContext {
  canParticipate: boolean;
  isMember: boolean;
  /** Verification methods the person holds (among those the organization offers). */
  verifications: readonly string[];
  /** Methods the organization offers, read only when the component requires one. */
  offeredVerifications: readonly string[];
}

/** Why an action is refused by the component's permissions. */
export type PermissionProblem = { kind: 'membersOnly' } | { kind: 'verification'; method: string };

/**
 * The component's permission for `action` (Decidim's action authorizer):
 * members only, then the required verification method when the organization
 * offers it (a method it no longer offers is not required).
 */
export function permissionProblem(
  ctx: ParticipationContext,
  action: PermissionAction,
): PermissionProblem | null {
  if (boolSetting(ctx.settings.global, `members_only_${action}`) && !ctx.isMember)
    return { kind: 'membersOnly' };
  const method = ctx.component.permissions?.[action]?.verification;
  if (method && ctx.offeredVerifications.includes(method) && !ctx.verifications.includes(method))
    return { kind: 'verification', method };
  return null;
}

type WithActivePhase = ComponentEntity & { activePhase?: SpacePhaseEntity | null };

/**
 * One statement: the component, its space, the space's active phase and, for a
 * signed-in person, whether they hold a role in that space (every API call reads it).
 */
const COMPONENT_IN_CONTEXT = new PreparedQuery<{ componentId: string; userId: string | null }>(
  'componentInContext',
  {
    shape: (input) => (input.userId ? 'member' : 'anonymous'),
    params: (input) =>
      input.userId
        ? { componentId: input.componentId, userId: input.userId }
        : { componentId: input.componentId },
    build: (m, input) => {
      const qb = m
        .createQueryBuilder(ComponentEntity, 'component')
        .innerJoinAndSelect('component.space', 'space')
        .leftJoinAndMapOne(
          'component.activePhase',
          SpacePhaseEntity,
          'phase',
          'phase.space_id = space.id and phase.active',
        )
        .where('component.id = :componentId', { componentId: input.componentId })
        .andWhere('component.published_at is not null')
        .andWhere('space.published_at is not null');
      if (input.userId)
        qb.addSelect(
          'exists (select 1 from space_roles r where r.space_id = space.id and r.user_id = :userId)',
          'is_member',
        ).setParameter('userId', input.userId);
      return qb.limit(1);
    },
  },
);

/** Reads spaces as visitors may see them; admin writes live in SpacesAdminService. */
@Injectable()
export class SpacesService {
  constructor(private readonly tenantDb: TenantDb) {}

  /** Published spaces of a kind the person may see, promoted first. */
  async listPublished(kind: SpaceKind, user: CurrentUser | null): Promise<SpaceEntity[]> {
    return this.tenantDb.run(async (em) => {
      const spaces = await em.find(SpaceEntity, {
        where: { kind, publishedAt: Not(IsNull()) },
        order: { promoted: 'DESC', startDate: 'DESC', createdAt: 'DESC' },
      });
      const memberOf = user ? await this.memberSpaceIds(em, user.id) : new Set<string>();
      return spaces.filter((s) => this.visible(s, user, memberOf));
    });
  }

  /**
   * A published space by slug, or 404 when it is missing, unpublished or private to others.
   * Organization admins and people with a staff role in the space (admin, collaborator,
   * moderator, valuator) also preview it before it is published, as in Decidim.
   */
  async findPublished(kind: SpaceKind, slug: string, user: CurrentUser | null) {
    return this.findOne({ kind, slug }, user, true);
  }

  async findPublishedById(id: string, user: CurrentUser | null) {
    return this.findOne({ id }, user);
  }

  private async findOne(
    where: { kind: SpaceKind; slug: string } | { id: string },
    user: CurrentUser | null,
    preview = false,
  ) {
    return this.tenantDb.run(async (em) => {
      const space = await em.findOne(SpaceEntity, {
        where: preview && user ? where : { ...where, publishedAt: Not(IsNull()) },
        relations: { group: true, scope: true },
      });
      if (!space) throw new SpaceNotFoundException();
      if (!space.publishedAt && !(await this.mayPreview(em, space.id, user)))
        throw new SpaceNotFoundException();
      const memberOf = user ? await this.memberSpaceIds(em, user.id) : new Set<string>();
      if (!this.visible(space, user, memberOf)) throw new SpaceNotFoundException();
      // One connection per unit of work: queries run one after another.
      const phases = await em.find(SpacePhaseEntity, {
        where: { spaceId: space.id },
        order: { position: 'ASC' },
      });
      const components = await em.find(ComponentEntity, {
        where: { spaceId: space.id, publishedAt: Not(IsNull()) },
        order: { weight: 'ASC', createdAt: 'ASC' },
      });
      const members = await em.find(AssemblyMemberEntity, {
        where: { spaceId: space.id },
        order: { weight: 'ASC', fullName: 'ASC' },
      });
      const children = await em.find(SpaceEntity, {
        where: { parentId: space.id, publishedAt: Not(IsNull()) },
        order: { createdAt: 'ASC' },
      });
      return {
        space,
        phases,
        components,
        members,
        children: children.filter((c) => this.visible(c, user, memberOf)),
        canParticipate: this.canParticipate(space, user, memberOf),
      };
    });
  }

  /** A process group and its published processes the person may see. */
  async groupWithProcesses(groupId: string) {
    return this.tenantDb.run(async (em) => {
      const group = await em.findOneBy(ProcessGroupEntity, { id: groupId });
      if (!group) throw spacesError(HttpStatus.NOT_FOUND, 'error.groupMissing');
      const processes = await em.find(SpaceEntity, {
        where: { groupId, kind: 'process', publishedAt: Not(IsNull()) },
        order: { promoted: 'DESC', startDate: 'DESC' },
      });
      return { group, processes };
    });
  }

  /**
   * A published component of a visible, published space, with the settings in
   * force. Used by component features (proposals) and the JSON API.
   */
  async componentInContext(
    componentId: string,
    user: CurrentUser | null,
    em?: EntityManager,
  ): Promise<ParticipationContext> {
    const work = async (m: EntityManager) => {
      const { entities, raw } = await COMPONENT_IN_CONTEXT.rawAndEntities<
        ComponentEntity,
        { is_member?: boolean }
      >(m, { componentId, userId: user?.id ?? null });
      const component = entities[0] as WithActivePhase | undefined;
      if (!component) throw new SpaceNotFoundException();
      const activePhase = component.activePhase ?? null;
      delete component.activePhase;
      // The inner join selected it.
      const space = component.space!;
      const memberOf = new Set<string>(raw[0]?.is_member ? [space.id] : []);
      if (!this.visible(space, user, memberOf)) throw new SpaceNotFoundException();
      const required = Object.values(component.permissions ?? {}).some((p) => p?.verification);
      const offeredVerifications = required ? await enabledVerificationMethods(m) : [];
      const verifications =
        user && offeredVerifications.length
          ? await grantedVerificationMethods(m, user.id, offeredVerifications)
          : [];
      return {
        component,
        space,
        activePhase,
        settings: effectiveSettings(component, activePhase?.id ?? null),
        canParticipate: this.canParticipate(space, user, memberOf),
        isMember: !!user && (user.roles.includes('admin') || memberOf.has(space.id)),
        offeredVerifications,
        verifications,
      };
    };
    return em ? work(em) : this.tenantDb.run(work);
  }

  /** Verification methods the organization offers. */
  async offeredVerificationMethods(): Promise<string[]> {
    return this.tenantDb.run((em) => enabledVerificationMethods(em));
  }

  async categories(spaceId: string, em?: EntityManager): Promise<SpaceCategoryEntity[]> {
    const work = (m: EntityManager) =>
      m.find(SpaceCategoryEntity, { where: { spaceId }, order: { weight: 'ASC' } });
    return em ? work(em) : this.tenantDb.run(work);
  }

  /** Space ids where the person holds `roles` (any role when omitted). */
  async spacesWithRole(userId: string, roles?: SpaceRole[]): Promise<string[]> {
    return this.tenantDb.run(async (em) => {
      const rows = await em.find(SpaceRoleEntity, {
        where: roles ? { userId, role: In(roles) } : { userId },
        select: ['spaceId'],
      });
      return [...new Set(rows.map((r) => r.spaceId))];
    });
  }

  async hasRole(spaceId: string, userId: string, roles: SpaceRole[]): Promise<boolean> {
    return this.tenantDb.run((em) =>
      em.existsBy(SpaceRoleEntity, { spaceId, userId, role: In(roles) }),
    );
  }

  /** Who sees an unpublished space: organization admins and the space's staff roles. */
  private async mayPreview(
    em: EntityManager,
    spaceId: string,
    user: CurrentUser | null,
  ): Promise<boolean> {
    if (!user) return false;
    if (user.roles.includes('admin')) return true;
    return em.existsBy(SpaceRoleEntity, {
      spaceId,
      userId: user.id,
      role: In(['admin', 'collaborator', 'moderator', 'valuator']),
    });
  }

  private async memberSpaceIds(em: EntityManager, userId: string): Promise<Set<string>> {
    const rows = await em.find(SpaceRoleEntity, { where: { userId }, select: ['spaceId'] });
    return new Set(rows.map((r) => r.spaceId));
  }

  private visible(space: SpaceEntity, user: CurrentUser | null, memberOf: Set<string>): boolean {
    if (space.visibility !== 'private') return true;
    return !!user && (user.roles.includes('admin') || memberOf.has(space.id));
  }

  /** Only members (or admins) take part in private and transparent spaces. */
  private canParticipate(
    space: SpaceEntity,
    user: CurrentUser | null,
    memberOf: Set<string>,
  ): boolean {
    if (!user) return false;
    if (space.visibility === 'public') return true;
    return user.roles.includes('admin') || memberOf.has(space.id);
  }
}
