import { Injectable } from '@nestjs/common';

import { UserEntity } from '@plaza/identity';
import { SpaceRoleEntity } from '@plaza/spaces';
import { TenantDb } from '@plaza/tenancy';

import { ProposalNoteEntity, ProposalValuatorEntity } from './proposal-valuation.entities';
import { proposalsBadRequest } from './proposals-errors.messages';

export const NOTE_MAX_LENGTH = 2000;

/** Valuator assignments and private notes of proposals (admin side). */
@Injectable()
export class ProposalValuationService {
  constructor(private readonly tenantDb: TenantDb) {}

  /** People holding the `valuator` role in the space. */
  async valuatorsOf(spaceId: string): Promise<UserEntity[]> {
    return this.tenantDb.run(async (em) => {
      const roles = await em.find(SpaceRoleEntity, {
        where: { spaceId, role: 'valuator' },
        relations: { user: true },
      });
      return roles.map((r) => r.user!).filter((u) => !u.deletedAt);
    });
  }

  async assignments(proposalId: string): Promise<ProposalValuatorEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(ProposalValuatorEntity, { where: { proposalId }, relations: { user: true } }),
    );
  }

  async assign(spaceId: string, proposalId: string, userId: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      if (!(await em.existsBy(SpaceRoleEntity, { spaceId, userId, role: 'valuator' })))
        throw proposalsBadRequest('valuatorsOnly');
      await em
        .createQueryBuilder()
        .insert()
        .into(ProposalValuatorEntity)
        .values({ proposalId, userId })
        .orIgnore()
        .execute();
    });
  }

  async notes(proposalId: string): Promise<ProposalNoteEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(ProposalNoteEntity, {
        where: { proposalId },
        relations: { author: true },
        order: { createdAt: 'ASC' },
      }),
    );
  }

  async addNote(proposalId: string, authorId: string, body: string): Promise<void> {
    const text = body.trim();
    if (!text || text.length > NOTE_MAX_LENGTH)
      throw proposalsBadRequest('noteLength', { max: String(NOTE_MAX_LENGTH) });
    await this.tenantDb.run((em) =>
      em.insert(ProposalNoteEntity, { proposalId, authorId, body: text }),
    );
  }
}
