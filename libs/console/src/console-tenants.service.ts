import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';

import type { FastifyRequest } from 'fastify';
import { Brackets } from 'typeorm';

import { Locale, PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import {
  OrganizationEntity,
  PlatformDb,
  ProvisioningQueue,
  TenantDb,
  TenantDomainEntity,
  TenantEntity,
  TenantEvents,
  TenantInputError,
  TenantRegistry,
  TenantStatus,
  toTenantRef,
} from '@plaza/tenancy';

import { AuditLog } from './audit.service';
import { AuditEventEntity } from './audit-event.entity';
import { ConsoleMaintenanceQueue } from './console-maintenance.queue';
import type { ConsolePrincipal } from './console-principal';
import type { TenantOverridesDto } from './dto/plan.dto';
import type { CreateTenantDto, TenantSort, UpdateTenantDto } from './dto/tenant.dto';
import { Page, pageOf } from './pagination';
import type { PlanFeatures, PlanLimits, UsageFigures } from './plan.entity';
import { PlansService } from './plans.service';
import { TenantDeletionEntity } from './tenant-deletion.entity';
import { UsageService } from './usage.service';

export interface TenantDomainView {
  domain: string;
  primary: boolean;
  verified: boolean;
}

/** A tenant as the console API answers it. */
export interface TenantView {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  defaultLocale: string;
  locales: string[];
  plan: string | null;
  /** The platform subdomain first, then custom domains. */
  domains: TenantDomainView[];
  url: string;
  /** Last figures of the usage job; null until first measured. */
  usage: (UsageFigures & { measuredAt: string }) | null;
  /** The plan's limits with this tenant's overrides (null: unlimited). */
  limits: PlanLimits;
  features: PlanFeatures;
  /** 0–100 while `provisioning`. */
  progress?: number;
  error?: string | null;
  /** When a deletion is scheduled: the moment of the purge. */
  purgeAfter?: string;
  /** When a deletion is scheduled: whether its export archive is ready to download. */
  exportReady?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TenantDetail extends TenantView {
  recentEvents: AuditEventEntity[];
}

export interface TenantListQuery {
  q?: string;
  status?: string;
  plan?: string;
  sort?: TenantSort;
  page?: number;
  perPage?: number;
}

export interface Actor {
  principal: ConsolePrincipal;
  request: FastifyRequest;
}

type Transition = 'suspend' | 'resume' | 'archive';

/** Which statuses each lifecycle action starts from, and where it leads. */
const TRANSITIONS: Record<Transition, { from: TenantStatus[]; to: TenantStatus }> = {
  suspend: { from: ['active', 'archived'], to: 'suspended' },
  resume: { from: ['suspended', 'archived'], to: 'active' },
  archive: { from: ['active', 'suspended'], to: 'archived' },
};
const DELETABLE: TenantStatus[] = ['active', 'suspended', 'archived', 'failed'];

const SORT_COLUMNS: Record<string, string> = {
  name: 't.name',
  slug: 't.slug',
  createdAt: 't.createdAt',
  status: 't.status',
};

/** The provider's view of tenants: create, list, change, retire. Every change is audited. */
@Injectable()
export class ConsoleTenantsService {
  constructor(
    private readonly platformDb: PlatformDb,
    private readonly tenantDb: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly events: TenantEvents,
    private readonly provisioning: ProvisioningQueue,
    private readonly audit: AuditLog,
    private readonly plans: PlansService,
    private readonly usage: UsageService,
    private readonly maintenance: ConsoleMaintenanceQueue,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  async create(actor: Actor, input: CreateTenantDto): Promise<TenantView> {
    await this.assertPlanExists(input.plan);
    const row = await this.registry.create({
      slug: input.slug,
      name: input.name,
      defaultLocale: input.defaultLocale,
      locales: input.locales,
      planCode: input.plan ?? null,
      adminEmail: input.adminEmail,
      adminName: input.adminName,
    });
    await this.provisioning.enqueue(row.id, input.template ?? 'empty');
    await this.audit.record(actor, {
      action: 'tenant.create',
      tenantId: row.id,
      after: { ...snapshot(row), template: input.template ?? 'empty' },
    });
    return this.view(row);
  }

  async list(query: TenantListQuery): Promise<Page<TenantView>> {
    const qb = this.platformDb.manager
      .createQueryBuilder(TenantEntity, 't')
      .where("t.status <> 'deleted'");
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => w.where('t.name ILIKE :like', { like }).orWhere('t.slug ILIKE :like')),
      );
    }
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.plan) qb.andWhere('t.planCode = :plan', { plan: query.plan });
    const sort = query.sort ?? 'name';
    const desc = sort.startsWith('-');
    qb.orderBy(SORT_COLUMNS[desc ? sort.slice(1) : sort], desc ? 'DESC' : 'ASC').addOrderBy(
      't.id',
      'ASC',
    );
    const page = await pageOf(qb, query);
    return { data: await this.views(page.data), meta: page.meta };
  }

  async get(id: string): Promise<TenantDetail> {
    const row = await this.find(id);
    const recentEvents = await this.platformDb.manager.find(AuditEventEntity, {
      where: { tenantId: id },
      order: { createdAt: 'DESC' },
      take: 10,
    });
    return { ...(await this.view(row)), recentEvents };
  }

  async update(actor: Actor, id: string, input: UpdateTenantDto): Promise<TenantView> {
    const row = await this.find(id);
    this.assertNotRetired(row);
    const before = snapshot(row);
    const locales = input.locales ? [...new Set(input.locales)] : row.locales;
    const defaultLocale =
      input.defaultLocale ?? (locales.includes(row.defaultLocale) ? row.defaultLocale : locales[0]);
    const checked = this.registry.validate({
      slug: row.slug,
      name: input.name ?? row.name,
      locales,
      defaultLocale,
    });
    const changes: Partial<TenantEntity> = {
      name: checked.name,
      locales: checked.locales,
      defaultLocale: checked.defaultLocale,
    };
    if (input.plan !== undefined) {
      await this.assertPlanExists(input.plan);
      changes.planCode = input.plan;
    }
    await this.platformDb.manager.update(TenantEntity, { id }, changes);
    const updated = await this.find(id);
    if (input.name !== undefined && updated.name !== row.name && hasSchema(updated)) {
      // The site shows the organization's own (translatable) name: keep it in step.
      await this.tenantDb.runFor(toTenantRef(updated), async (em) => {
        const org = await em.findOneBy(OrganizationEntity, { id: 1 });
        if (!org) return;
        const name = { ...org.name };
        for (const locale of updated.locales) name[locale as Locale] = updated.name;
        await em.update(OrganizationEntity, { id: 1 }, { name });
      });
    }
    await this.events.publishChange(id);
    await this.audit.record(actor, {
      action: 'tenant.update',
      tenantId: id,
      before,
      after: snapshot(updated),
    });
    return this.view(updated);
  }

  async transition(actor: Actor, id: string, action: Transition): Promise<TenantView> {
    const rule = TRANSITIONS[action];
    const row = await this.find(id);
    if (!rule.from.includes(row.status)) {
      throw new ConflictException(
        `The organization is ${row.status}; it can be ${pastTense(action)} only when ${rule.from.join(' or ')}.`,
      );
    }
    await this.registry.setStatus(id, rule.to);
    await this.audit.record(actor, {
      action: `tenant.${action}`,
      tenantId: id,
      before: { status: row.status },
      after: { status: rule.to },
    });
    return this.view(await this.find(id));
  }

  /** Schedules the purge after the retention period; the site answers 503 meanwhile. */
  async scheduleDeletion(actor: Actor, id: string): Promise<TenantView> {
    const row = await this.find(id);
    if (!DELETABLE.includes(row.status)) {
      throw new ConflictException(
        `The organization is ${row.status}; only an active, suspended, archived or failed organization can be deleted.`,
      );
    }
    const purgeAfter = new Date(Date.now() + this.config.tenantRetentionDays * 24 * 3600 * 1000);
    await this.platformDb.transaction(async (em) => {
      await em.save(
        em.create(TenantDeletionEntity, {
          tenantId: id,
          purgeAfter,
          previousStatus: row.status,
          requestedBy: actor.principal.user.email,
        }),
      );
      await em.update(TenantEntity, { id }, { status: 'deleting' });
    });
    await this.events.publishChange(id);
    await this.maintenance.exportBeforeDelete(id, new Date());
    await this.audit.record(actor, {
      action: 'tenant.delete',
      tenantId: id,
      before: { status: row.status },
      after: { status: 'deleting', purgeAfter: purgeAfter.toISOString() },
    });
    return this.view(await this.find(id));
  }

  async cancelDeletion(actor: Actor, id: string): Promise<TenantView> {
    const row = await this.find(id);
    const deletion = await this.platformDb.manager.findOneBy(TenantDeletionEntity, {
      tenantId: id,
    });
    if (row.status !== 'deleting' || !deletion) {
      throw new ConflictException('No deletion is scheduled for this organization.');
    }
    await this.platformDb.transaction(async (em) => {
      await em.delete(TenantDeletionEntity, { tenantId: id });
      await em.update(TenantEntity, { id }, { status: deletion.previousStatus });
    });
    await this.events.publishChange(id);
    await this.audit.record(actor, {
      action: 'tenant.delete.cancel',
      tenantId: id,
      before: { status: 'deleting' },
      after: { status: deletion.previousStatus },
    });
    return this.view(await this.find(id));
  }

  /** Per-tenant exceptions to the plan (owners only, at the controller). */
  async setOverrides(actor: Actor, id: string, overrides: TenantOverridesDto): Promise<TenantView> {
    await this.find(id);
    const before = await this.plans.overridesOf(id);
    const after = await this.plans.setOverrides(id, overrides);
    await this.audit.record(actor, {
      action: 'tenant.overrides',
      tenantId: id,
      before: before ? { limits: before.limits, features: before.features } : null,
      after: { limits: after.limits, features: after.features },
    });
    return this.view(await this.find(id));
  }

  /** Where the export archive of a scheduled deletion is, once the worker made it. */
  async exportPathOf(id: string): Promise<string> {
    await this.find(id);
    const deletion = await this.platformDb.manager.findOneBy(TenantDeletionEntity, {
      tenantId: id,
    });
    if (!deletion?.exportPath) {
      throw new NotFoundException(
        'No export archive yet: it is made in the background after a deletion is requested.',
      );
    }
    return deletion.exportPath;
  }

  private async assertPlanExists(code: string | null | undefined): Promise<void> {
    if (code && !(await this.plans.exists(code))) {
      throw new TenantInputError('The organization cannot be saved as given.', {
        plan: [`There is no plan "${code}".`],
      });
    }
  }

  private async find(id: string): Promise<TenantEntity> {
    const row = /^[a-z0-9]{1,16}$/.test(id)
      ? await this.platformDb.manager.findOneBy(TenantEntity, { id })
      : null;
    if (!row || row.status === 'deleted') {
      throw new NotFoundException('There is no organization with this id.');
    }
    return row;
  }

  private assertNotRetired(row: TenantEntity): void {
    if (row.status === 'deleting') {
      throw new ConflictException(
        'The organization is scheduled for deletion; cancel the deletion before changing it.',
      );
    }
  }

  private async view(row: TenantEntity): Promise<TenantView> {
    return (await this.views([row]))[0];
  }

  private async views(rows: TenantEntity[]): Promise<TenantView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [domains, deletions, usage, effective] = await Promise.all([
      this.platformDb.manager
        .createQueryBuilder(TenantDomainEntity, 'd')
        .where('d.tenantId IN (:...ids)', { ids })
        .orderBy('d.isPrimary', 'DESC')
        .addOrderBy('d.domain', 'ASC')
        .getMany(),
      this.platformDb.manager
        .createQueryBuilder(TenantDeletionEntity, 'x')
        .where('x.tenantId IN (:...ids)', { ids })
        .getMany(),
      this.usage.of(ids),
      Promise.all(ids.map((id) => this.plans.effective(id))),
    ]);
    return rows.map((row, index) => {
      const measured = usage.get(row.id);
      const subdomain = `${row.slug}.${this.config.baseDomain}`;
      const own = domains.filter((d) => d.tenantId === row.id);
      const primary = own.find((d) => d.isPrimary && d.verifiedAt)?.domain ?? subdomain;
      const deletion = deletions.find((d) => d.tenantId === row.id);
      const view: TenantView = {
        id: row.id,
        slug: row.slug,
        name: row.name,
        status: row.status,
        defaultLocale: row.defaultLocale,
        locales: row.locales,
        plan: row.planCode,
        domains: [
          { domain: subdomain, primary: primary === subdomain, verified: true },
          ...own.map((d) => ({
            domain: d.domain,
            primary: d.isPrimary && !!d.verifiedAt,
            verified: !!d.verifiedAt,
          })),
        ],
        url: publicUrl(this.config, primary),
        usage: measured
          ? { ...measured.figures, measuredAt: measured.measuredAt.toISOString() }
          : null,
        limits: effective[index].limits,
        features: effective[index].features,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
      if (row.status === 'provisioning') view.progress = row.provisioningProgress;
      if (row.status === 'failed') view.error = row.provisioningError;
      if (deletion) {
        view.purgeAfter = deletion.purgeAfter.toISOString();
        view.exportReady = !!deletion.exportPath;
      }
      return view;
    });
  }
}

function hasSchema(row: TenantEntity): boolean {
  return row.status !== 'provisioning' && row.status !== 'failed';
}

function snapshot(row: TenantEntity): Record<string, unknown> {
  return {
    slug: row.slug,
    name: row.name,
    status: row.status,
    defaultLocale: row.defaultLocale,
    locales: row.locales,
    plan: row.planCode,
  };
}

function pastTense(action: Transition): string {
  return { suspend: 'suspended', resume: 'resumed', archive: 'archived' }[action];
}
