import { Inject, Injectable } from '@nestjs/common';

import { DataSource, EntityManager } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { ADMIN_DATA_SOURCE, loginOf } from './database';
import { Migrator } from './migrator.service';
import { quoteIdent } from './slug';
import { TenantEntity } from './tenant.entity';
import { TenantRef, toTenantRef } from './tenant-context';
import { SWITCH_TENANT_SQL } from './tenant-db.service';
import { TenantEvents } from './tenant-events.service';

export type TenantTemplate = 'empty' | 'demo';

export interface TenantSeedInput {
  tenant: TenantRef;
  adminEmail: string | null;
  adminName: string | null;
  template: TenantTemplate;
}

/** A feature's default data for a new tenant. Must be idempotent (reruns happen). */
export type TenantSeeder = (em: EntityManager, input: TenantSeedInput) => Promise<void>;

export const TENANT_SEEDERS = Symbol('TENANT_SEEDERS');

export type ProvisioningStep = 'role' | 'schema' | 'migrations' | 'seed' | 'active';

export interface ProvisionOptions {
  template?: TenantTemplate;
  /** Called after each step with a 0–100 figure (the job reports it as progress). */
  onProgress?: (step: ProvisioningStep, progress: number) => Promise<void> | void;
}

export class TenantNotFoundError extends Error {
  constructor(id: string) {
    super(`Tenant ${id} does not exist`);
  }
}

/**
 * Creates a tenant's role, schema, tables and default data. Each step is
 * idempotent and commits on its own, so a crash half-way is finished by a rerun.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    @Inject(ADMIN_DATA_SOURCE) private readonly admin: DataSource,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    @Inject(TENANT_SEEDERS) private readonly seeders: TenantSeeder[],
    private readonly migrator: Migrator,
    private readonly events: TenantEvents,
  ) {}

  async provision(tenantId: string, options: ProvisionOptions = {}): Promise<TenantRef> {
    const row = await this.admin.manager.findOne(TenantEntity, { where: { id: tenantId } });
    if (!row) throw new TenantNotFoundError(tenantId);
    const tenant = toTenantRef(row);
    const report = async (step: ProvisioningStep, progress: number) => {
      await this.admin.manager.update(
        TenantEntity,
        { id: tenantId },
        { provisioningProgress: progress },
      );
      await options.onProgress?.(step, progress);
    };

    await this.createRoleAndSchema(tenant);
    await report('schema', 30);
    await this.migrator.migrateTenant(tenant);
    await report('migrations', 70);
    await this.seed(tenant, {
      tenant,
      adminEmail: row.adminEmail,
      adminName: row.adminName,
      template: options.template ?? 'empty',
    });
    await report('seed', 90);
    if (row.status === 'provisioning' || row.status === 'failed') {
      await this.admin.manager.update(
        TenantEntity,
        { id: tenantId },
        // Progress and status change together: nobody sees an active tenant at 90 %.
        { status: 'active', provisioningError: null, provisioningProgress: 100 },
      );
    }
    await report('active', 100);
    await this.events.publishChange(tenantId);
    return toTenantRef({
      ...row,
      status: row.status === 'provisioning' || row.status === 'failed' ? 'active' : row.status,
    });
  }

  async markFailed(tenantId: string, reason: string): Promise<void> {
    await this.admin.manager.update(
      TenantEntity,
      { id: tenantId },
      { status: 'failed', provisioningError: reason },
    );
    await this.events.publishChange(tenantId);
  }

  private async createRoleAndSchema(tenant: TenantRef): Promise<void> {
    const role = quoteIdent(tenant.roleName);
    const schema = quoteIdent(tenant.schemaName);
    const app = quoteIdent(loginOf(this.config.databaseUrl));
    await this.admin.transaction(async (em) => {
      await em.query('select pg_advisory_xact_lock(hashtext($1))', [
        `plaza-provision:${tenant.id}`,
      ]);
      const exists = await em.query('select 1 from pg_roles where rolname = $1', [tenant.roleName]);
      if (exists.length === 0) await em.query(`CREATE ROLE ${role} NOLOGIN NOINHERIT`);
      await em.query(`GRANT ${role} TO ${app}`);
      // The privileged login must be able to switch to the role when it is not a superuser.
      await em.query(`GRANT ${role} TO CURRENT_USER`);
      await em.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
      await em.query(`REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`);
    });
  }

  private async seed(tenant: TenantRef, input: TenantSeedInput): Promise<void> {
    await this.admin.transaction(async (em) => {
      await em.query(SWITCH_TENANT_SQL, [tenant.roleName, tenant.schemaName]);
      for (const seeder of this.seeders) await seeder(em, input);
    });
  }

  /** Drops the tenant's schema and role and its domains; keeps a tombstone row (410). */
  async deprovision(tenantId: string): Promise<void> {
    const row = await this.admin.manager.findOne(TenantEntity, { where: { id: tenantId } });
    if (!row) throw new TenantNotFoundError(tenantId);
    const role = quoteIdent(row.roleName);
    const schema = quoteIdent(row.schemaName);
    await this.admin.transaction(async (em) => {
      await em.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      const exists = await em.query('select 1 from pg_roles where rolname = $1', [row.roleName]);
      if (exists.length > 0) await em.query(`DROP ROLE ${role}`);
      await em.query('delete from platform.tenant_domains where tenant_id = $1', [tenantId]);
      await em.query(
        `update platform.tenants set status = 'deleted', deleted_at = now(), updated_at = now(),
           admin_email = null, admin_name = null where id = $1`,
        [tenantId],
      );
    });
    await this.events.publishChange(tenantId);
  }
}
