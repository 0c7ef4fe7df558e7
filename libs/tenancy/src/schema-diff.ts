import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { EntityClass, MigrationClass, SchemaCatalog } from './database';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

export interface CatalogDiff {
  platform: SchemaDiff;
  tenant: SchemaDiff;
}

const SCRATCH_TENANT_SCHEMA = 't_schemadiff';

/**
 * Replays the migrations in a scratch database and asks TypeORM what the
 * entities would still change. Empty means entities and migrations agree; the
 * queries are what a new migration must contain.
 */
export async function diffCatalog(adminUrl: string, catalog: SchemaCatalog): Promise<CatalogDiff> {
  const scratch = `plaza_schemadiff_${randomBytes(4).toString('hex')}`;
  const root = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await root.connect();
  await root.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = withDatabase(adminUrl, scratch);
    const platform = await diffOne(
      url,
      catalog.platformEntities,
      catalog.platformMigrations,
      'platform',
      undefined,
    );
    const tenant = await diffOne(
      url,
      catalog.tenantEntities,
      catalog.tenantMigrations,
      SCRATCH_TENANT_SCHEMA,
      SCRATCH_TENANT_SCHEMA,
    );
    return { platform, tenant };
  } finally {
    await root.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await root.end();
  }
}

async function diffOne(
  url: string,
  entities: EntityClass[],
  migrations: MigrationClass[],
  schema: string,
  defaultSchema: string | undefined,
): Promise<SchemaDiff> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities,
    schema: defaultSchema,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`set search_path to "${schema}"`);
      for (const M of migrations) await new M().up(runner);
    } finally {
      await runner.release();
    }
    const log = await ds.driver.createSchemaBuilder().log();
    const strip = (q: string) => (defaultSchema ? q.split(`"${defaultSchema}".`).join('') : q);
    return {
      up: log.upQueries.map((q) => strip(q.query)),
      down: log.downQueries.map((q) => strip(q.query)).reverse(),
    };
  } finally {
    await ds.destroy();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
