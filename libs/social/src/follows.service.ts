import { Injectable } from '@nestjs/common';

import { EntityManager } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

import { FollowEntity } from './social.entities';

/** Who follows what; following is idempotent. */
@Injectable()
export class FollowsService {
  constructor(private readonly tenantDb: TenantDb) {}

  /** Joins the caller's transaction when given one (authors follow what they create). */
  async follow(userId: string, resourceType: string, resourceId: string, em?: EntityManager) {
    const work = (m: EntityManager) =>
      m
        .createQueryBuilder()
        .insert()
        .into(FollowEntity)
        .values({ userId, resourceType, resourceId })
        .orIgnore()
        .execute();
    await (em ? work(em) : this.tenantDb.run(work));
  }

  async unfollow(userId: string, resourceType: string, resourceId: string) {
    await this.tenantDb.run((em) => em.delete(FollowEntity, { userId, resourceType, resourceId }));
  }

  async isFollowing(userId: string, resourceType: string, resourceId: string): Promise<boolean> {
    return this.tenantDb.run((em) =>
      em.existsBy(FollowEntity, { userId, resourceType, resourceId }),
    );
  }
}
