import { Inject, Injectable } from '@nestjs/common';

import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import {
  ADMIN_DATA_SOURCE,
  loginOf,
  MigrationClass,
  SCHEMA_CATALOG,
  SchemaCatalog,
} from './database';
import { quoteIdent } from './slug';
import { SWITCH_TENANT_SQL } from './tenant-db.service';

export interface TenantTarget {
  id: string;
  slug: string;
  schemaName: string;
  roleName: string;
}

export interface TenantMigrationResult {
  tenantId: string;
  slug: string;
  applied: string[];
  error?: string;
  ms: number;
}

export interface MigrateAllReport {
  total: number;
  succeeded: number;
  failed: TenantMigrationResult[];
  results: TenantMigrationResult[];
  ms: number;
}

export interface MigrateAllOptions {
  concurrency?: number;
  onResult?: (result: TenantMigrationResult, done: number, total: number) => void;
  /** Extra migrations appended to the catalog's list (benchmarks, tests of the runner). */
  extraMigrations?: MigrationClass[];
}

const MIGRATIONS_TABLE = 'schema_migrations';

function instantiate(classes: MigrationClass[]): MigrationInterface[] {
  return classes.map((C) => new C());
}

function nameOf(migration: MigrationInterface): string {
  return migration.name ?? migration.constructor.name;
}

/**
 * Runs platform migrations once and tenant migrations in every tenant schema,
 * each tenant in its own transaction under its own role with its own
 * migrations table. Runs with the privileged login, never the serving one.
 */
@Injectable()
export class Migrator {
  constructor(
    @Inject(ADMIN_DATA_SOURCE) private readonly admin: DataSource,
    @Inject(SCHEMA_CATALOG) private readonly catalog: SchemaCatalog,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  async migratePlatform(): Promise<string[]> {
    const runner = this.admin.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`select pg_advisory_xact_lock(hashtext('plaza-migrate-platform'))`);
      await runner.query('CREATE SCHEMA IF NOT EXISTS platform');
      await runner.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
      const applied = await this.applyPending(
        runner,
        'platform',
        instantiate(this.catalog.platformMigrations),
      );
      const app = quoteIdent(loginOf(this.config.databaseUrl));
      await runner.query(`GRANT USAGE ON SCHEMA platform TO ${app}`);
      await runner.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA platform TO ${app}`,
      );
      await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA platform TO ${app}`);
      await runner.query(`REVOKE ALL ON platform.${MIGRATIONS_TABLE} FROM ${app}`);
      await runner.commitTransaction();
      return applied;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Migrates one tenant: one transaction, under the tenant's role. */
  async migrateTenant(tenant: TenantTarget, extra: MigrationClass[] = []): Promise<string[]> {
    const runner = this.admin.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`select pg_advisory_xact_lock(hashtext($1))`, [
        `plaza-migrate:${tenant.schemaName}`,
      ]);
      await runner.query(SWITCH_TENANT_SQL, [tenant.roleName, tenant.schemaName]);
      const applied = await this.applyPending(
        runner,
        tenant.schemaName,
        instantiate([...this.catalog.tenantMigrations, ...extra]),
      );
      await runner.commitTransaction();
      return applied;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async listTenantTargets(): Promise<TenantTarget[]> {
    const rows = await this.admin.query<
      { id: string; slug: string; schema_name: string; role_name: string }[]
    >(
      `select id, slug, schema_name, role_name from platform.tenants
        where status not in ('deleted', 'provisioning', 'failed') order by created_at, id`,
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      schemaName: r.schema_name,
      roleName: r.role_name,
    }));
  }

  /**
   * Migrates every tenant with bounded concurrency. A failing tenant is
   * reported and the others go on; a rerun resumes where each tenant stands.
   */
  async migrateAllTenants(options: MigrateAllOptions = {}): Promise<MigrateAllReport> {
    const started = Date.now();
    const targets = await this.listTenantTargets();
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const results: TenantMigrationResult[] = [];
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++];
        const t0 = Date.now();
        let result: TenantMigrationResult;
        try {
          const applied = await this.migrateTenant(target, options.extraMigrations);
          result = { tenantId: target.id, slug: target.slug, applied, ms: Date.now() - t0 };
        } catch (error) {
          result = {
            tenantId: target.id,
            slug: target.slug,
            applied: [],
            error: error instanceof Error ? error.message : String(error),
            ms: Date.now() - t0,
          };
        }
        results.push(result);
        options.onResult?.(result, results.length, targets.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
    const failed = results.filter((r) => r.error);
    return {
      total: targets.length,
      succeeded: results.length - failed.length,
      failed,
      results,
      ms: Date.now() - started,
    };
  }

  private async applyPending(
    runner: QueryRunner,
    schema: string,
    migrations: MigrationInterface[],
  ): Promise<string[]> {
    const table = `${quoteIdent(schema)}.${MIGRATIONS_TABLE}`;
    await runner.query(
      `CREATE TABLE IF NOT EXISTS ${table} (name varchar(255) PRIMARY KEY, run_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      ((await runner.query(`select name from ${table}`)) as { name: string }[]).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const name = nameOf(migration);
      if (done.has(name)) continue;
      await migration.up(runner);
      await runner.query(`insert into ${table} (name) values ($1)`, [name]);
      applied.push(name);
    }
    return applied;
  }
}
