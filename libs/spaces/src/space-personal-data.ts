import { Injectable, OnModuleInit } from '@nestjs/common';

import { AccountErasure, PersonalDataSections } from '@plaza/identity';

import { SpaceRoleEntity } from './space-role.entity';

/**
 * A person's roles in participatory spaces (admin, moderator, collaborator,
 * valuator, member of a private space) for "download my data"; account
 * deletion removes them. Assembly members are typed-in names, not accounts,
 * so no export or erasure can find them by account.
 */
@Injectable()
export class SpacePersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly erasure: AccountErasure,
  ) {}

  onModuleInit(): void {
    this.sections.register('space_roles', async (em, userId) => {
      const rows = await em.find(SpaceRoleEntity, {
        where: { userId },
        relations: { space: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((r) => ({
        space_id: r.spaceId,
        space_kind: r.space?.kind ?? null,
        space_slug: r.space?.slug ?? null,
        space_title: r.space ? JSON.stringify(r.space.title) : null,
        role: r.role,
        created_at: r.createdAt.toISOString(),
      }));
    });
    this.erasure.register('spaces', async (em, userId) => {
      await em.delete(SpaceRoleEntity, { userId });
    });
  }
}
