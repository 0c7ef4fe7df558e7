import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

import { QueryFailedError } from 'typeorm';

import { isLocale, PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { PlatformDb } from './platform-db.service';
import { newTenantId, roleNameFor, schemaNameFor, slugProblem } from './slug';
import { TenantEntity, TenantStatus } from './tenant.entity';
import { TenantRef, toTenantRef } from './tenant-context';
import { TenantEvents } from './tenant-events.service';

export interface NewTenant {
  slug: string;
  name: string;
  defaultLocale?: string;
  locales?: string[];
  planCode?: string | null;
  adminEmail?: string | null;
  adminName?: string | null;
}

export class TenantInputError extends UnprocessableEntityException {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Reads and writes tenant rows in `platform`; announces every change. */
@Injectable()
export class TenantRegistry {
  constructor(
    private readonly platformDb: PlatformDb,
    private readonly events: TenantEvents,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  /** Checks a new tenant's fields; throws with one message per bad field. */
  validate(
    input: NewTenant,
  ): Required<Pick<NewTenant, 'slug' | 'name' | 'defaultLocale' | 'locales'>> {
    const fields: Record<string, string[]> = {};
    const slug = (input.slug ?? '').trim().toLowerCase();
    const slugIssue = slugProblem(slug);
    if (slugIssue) fields.slug = [slugIssue];
    const name = (input.name ?? '').trim();
    if (!name || name.length > 200)
      fields.name = ['The name is required and may have up to 200 characters.'];
    const locales = [
      ...new Set(input.locales?.length ? input.locales : [input.defaultLocale ?? 'en']),
    ];
    const badLocales = locales.filter((l) => !isLocale(l));
    if (badLocales.length)
      fields.locales = [`Unsupported locale(s): ${badLocales.join(', ')}. Use en, fr, es or ca.`];
    const defaultLocale = input.defaultLocale ?? locales[0];
    if (!locales.includes(defaultLocale)) {
      fields.defaultLocale = ['The default locale must be one of the available locales.'];
    }
    if (Object.keys(fields).length)
      throw new TenantInputError('The organization cannot be created as given.', fields);
    return { slug, name, defaultLocale, locales };
  }

  /** Inserts the tenant row in status `provisioning`. */
  async create(input: NewTenant): Promise<TenantEntity> {
    const valid = this.validate(input);
    const id = newTenantId();
    try {
      const tenant = await this.platformDb.transaction(async (em) => {
        // A deleted tenant's tombstone keeps its slug answering 410 until the slug is reused.
        await em.delete(TenantEntity, { slug: valid.slug, status: 'deleted' });
        const row = em.create(TenantEntity, {
          id,
          slug: valid.slug,
          name: valid.name,
          status: 'provisioning',
          defaultLocale: valid.defaultLocale,
          locales: valid.locales,
          planCode: input.planCode ?? null,
          schemaName: schemaNameFor(id),
          roleName: roleNameFor(this.config.dbRolePrefix, id),
          adminEmail: input.adminEmail?.trim().toLowerCase() || null,
          adminName: input.adminName?.trim() || null,
          provisioningProgress: 0,
        });
        return em.save(row);
      });
      await this.events.publishChange(tenant.id);
      return tenant;
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error as unknown as { code?: string }).code === '23505'
      ) {
        throw new ConflictException(`The slug "${valid.slug}" is already taken.`);
      }
      throw error;
    }
  }

  async findById(id: string): Promise<TenantEntity | null> {
    return this.platformDb.manager.findOne(TenantEntity, { where: { id } });
  }

  async findBySlug(slug: string): Promise<TenantEntity | null> {
    return this.platformDb.manager.findOne(TenantEntity, { where: { slug } });
  }

  async getBySlug(slug: string): Promise<TenantEntity> {
    const tenant = await this.findBySlug(slug);
    if (!tenant) throw new NotFoundException(`No organization with slug "${slug}".`);
    return tenant;
  }

  async list(): Promise<TenantEntity[]> {
    return this.platformDb.manager.find(TenantEntity, { order: { createdAt: 'ASC' } });
  }

  async refById(id: string): Promise<TenantRef | null> {
    const row = await this.findById(id);
    return row ? toTenantRef(row) : null;
  }

  /** The host people use for this tenant: its verified primary domain, else its subdomain. */
  async primaryHost(tenant: Pick<TenantRef, 'id' | 'slug'>): Promise<string> {
    const rows: { domain: string }[] = await this.platformDb.manager.query(
      `select domain from platform.tenant_domains
        where tenant_id = $1 and is_primary and verified_at is not null limit 1`,
      [tenant.id],
    );
    return rows[0]?.domain ?? `${tenant.slug}.${this.config.baseDomain}`;
  }

  async setStatus(
    id: string,
    status: TenantStatus,
    extra: Partial<TenantEntity> = {},
  ): Promise<void> {
    await this.platformDb.manager.update(TenantEntity, { id }, { status, ...extra });
    await this.events.publishChange(id);
  }

  /**
   * Changes the languages an organization's site offers; every process hears
   * of it (host resolution caches the tenant with its locales).
   */
  async setLocales(id: string, locales: string[], defaultLocale: string): Promise<void> {
    const unique = [...new Set(locales)];
    const fields: Record<string, string[]> = {};
    if (unique.length === 0 || unique.some((l) => !isLocale(l)))
      fields.locales = ['Choose one or more of en, fr, es, ca.'];
    if (!unique.includes(defaultLocale))
      fields.defaultLocale = ['The default locale must be one of the available locales.'];
    if (Object.keys(fields).length)
      throw new TenantInputError('The languages cannot be changed as given.', fields);
    await this.platformDb.manager.update(TenantEntity, { id }, { locales: unique, defaultLocale });
    await this.events.publishChange(id);
  }

  /**
   * Renames an organization (its organization admin changed its name): status
   * pages, mails and the console show it, so every process drops its cache.
   */
  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      throw new TenantInputError('The name cannot be changed as given.', {
        name: ['The name is required and may have up to 200 characters.'],
      });
    await this.platformDb.manager.update(TenantEntity, { id }, { name: trimmed });
    await this.events.publishChange(id);
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.platformDb.manager.update(TenantEntity, { id }, { provisioningProgress: progress });
  }
}
