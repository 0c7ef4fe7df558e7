import { Injectable } from '@nestjs/common';

import { EntityManager } from 'typeorm';

import { TenantDb } from '@plaza/tenancy';

import { ActionLogEntity } from './action-log.entity';
import { UserEntity } from './user.entity';

export interface LoggedAction {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: ActionLogEntity['details'];
}

export interface ActionLogLine extends ActionLogEntity {
  /** Null once the person's account is deleted (erased names never come back through the log). */
  actorName: string | null;
  subjectName: string | null;
}

/** The tenant's admin action log. Features write in the same transaction as the action. */
@Injectable()
export class ActionLog {
  constructor(private readonly tenantDb: TenantDb) {}

  async record(em: EntityManager, entry: LoggedAction): Promise<void> {
    await em.insert(ActionLogEntity, { ...entry, details: entry.details ?? {} });
  }

  /** Newest first. */
  async page(offset: number, limit: number): Promise<{ lines: ActionLogLine[]; more: boolean }> {
    return this.tenantDb.run(async (em) => {
      const rows = await em.find(ActionLogEntity, {
        order: { createdAt: 'DESC', id: 'ASC' },
        skip: offset,
        take: limit + 1,
      });
      const ids = new Set<string>();
      for (const r of rows) {
        if (r.actorId) ids.add(r.actorId);
        if (r.subjectType === 'user' && r.subjectId) ids.add(r.subjectId);
      }
      const people = ids.size
        ? await em
            .createQueryBuilder(UserEntity, 'u')
            .select(['u.id', 'u.name', 'u.nickname', 'u.deletedAt'])
            .where('u.id in (:...ids)', { ids: [...ids] })
            .getMany()
        : [];
      const names = new Map(people.map((p) => [p.id, p.deletedAt ? null : p.name || p.nickname]));
      const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      return {
        lines: rows.slice(0, limit).map((r) => ({
          ...r,
          actorName: nameOf(r.actorId),
          subjectName: r.subjectType === 'user' ? nameOf(r.subjectId) : r.subjectId,
        })),
        more: rows.length > limit,
      };
    });
  }
}
