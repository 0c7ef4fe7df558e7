import { Injectable } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';

import { PlatformDb } from '@plaza/tenancy';

import { AuditEventEntity } from './audit-event.entity';
import type { ConsolePrincipal } from './console-principal';
import { Page, pageOf, PageQuery } from './pagination';

export interface AuditEntry {
  action: string;
  tenantId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditFilter extends PageQuery {
  tenantId?: string;
  action?: string;
  actor?: string;
  /** ISO date-times bounding `createdAt`. */
  from?: Date;
  to?: Date;
}

/** Writes and reads the console's audit log. */
@Injectable()
export class AuditLog {
  constructor(private readonly platformDb: PlatformDb) {}

  async record(
    actor: { principal: ConsolePrincipal | null; request: FastifyRequest } | null,
    entry: AuditEntry,
  ): Promise<void> {
    const em = this.platformDb.manager;
    await em.save(
      em.create(AuditEventEntity, {
        actorId: actor?.principal?.user.id ?? null,
        actorEmail: actor?.principal?.user.email ?? null,
        action: entry.action,
        tenantId: entry.tenantId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        ip: actor?.request.ip ?? null,
      }),
    );
  }

  async list(filter: AuditFilter): Promise<Page<AuditEventEntity>> {
    const qb = this.platformDb.manager
      .createQueryBuilder(AuditEventEntity, 'e')
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC');
    if (filter.tenantId) qb.andWhere('e.tenantId = :tenantId', { tenantId: filter.tenantId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actor) qb.andWhere('e.actorEmail = :actor', { actor: filter.actor.toLowerCase() });
    if (filter.from) qb.andWhere('e.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.createdAt <= :to', { to: filter.to });
    return pageOf(qb, filter);
  }
}
