/**
 * npm run bench:tenant-cost -- --tenants 1000
 * What one tenant costs PostgreSQL, in its own bench database:
 *  1. disk: database size added per tenant, and the size of an empty tenant's relations;
 *  2. catalog: rows each tenant adds to pg_class, pg_attribute and the other catalogs;
 *  3. per-connection caches: memory of one backend after it has read from 1, 10, ... N
 *     tenant schemas (pg_backend_memory_contexts, PostgreSQL 14+; RssAnon from /proc
 *     when the server is local).
 * Prints the SQL behind each figure and ends with RESULT {json}.
 */
import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { ADMIN_DATA_SOURCE, TenantRef } from '@plaza/tenancy';
import { TestPlatform } from '@plaza/testing';

import { intArg, provisionTenants, useBenchDatabase } from './bench-db';

/** Catalogs a tenant adds rows to; the last three are shared by every database of the cluster. */
const CATALOGS = [
  'pg_class',
  'pg_attribute',
  'pg_type',
  'pg_index',
  'pg_constraint',
  'pg_attrdef',
  'pg_depend',
  'pg_namespace',
  'pg_authid',
  'pg_auth_members',
  'pg_shdepend',
] as const;

const CATALOG_ROWS_SQL = `select ${CATALOGS.map((c) => `(select count(*) from ${c})::int as ${c}`).join(', ')}`;
const CATALOG_BYTES_SQL = `select sum(pg_total_relation_size(c.oid))::bigint as bytes
  from pg_class c where c.relnamespace = 'pg_catalog'::regnamespace and c.relkind = 'r'`;
const DATABASE_SIZE_SQL = 'select pg_database_size(current_database())::bigint as bytes';
/** Tables with their toast (pg_table_size), indexes on their own: the sum counts nothing twice. */
const TENANT_RELATIONS_SQL = `select c.relkind, count(*)::int as n,
  sum(case when c.relkind = 'i' then pg_relation_size(c.oid) else pg_table_size(c.oid) end)::bigint as bytes
  from pg_class c where c.relnamespace = $1::regnamespace group by c.relkind order by c.relkind`;
const TENANT_ATTRIBUTES_SQL = `select count(*)::int as n from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  where c.relnamespace = $1::regnamespace
     or c.oid in (select reltoastrelid from pg_class where relnamespace = $1::regnamespace)
     or c.oid in (select i.indexrelid from pg_index i join pg_class t on t.oid = i.indrelid
                   where t.oid in (select reltoastrelid from pg_class where relnamespace = $1::regnamespace))`;
const BACKEND_MEMORY_SQL = `select sum(used_bytes)::bigint as total,
  (sum(used_bytes) filter (where name = 'CacheMemoryContext' or parent = 'CacheMemoryContext'))::bigint as cache,
  pg_backend_pid() as pid
  from pg_backend_memory_contexts`;
/** What a typical page reads: the organization, a page by slug, a user by email (index lookups). */
const TOUCH_SQL = [
  'select name from organization where id = 1',
  "select title from static_pages where slug = 'terms'",
  "select id from users where email = 'nobody@example.org'",
];

type CatalogRows = Record<(typeof CATALOGS)[number], number>;

function rssAnonBytes(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('RssAnon:'));
    return line ? Number(line.replace(/\D/g, '')) * 1024 : null;
  } catch {
    return null;
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const n = intArg('tenants', 1000);
  useBenchDatabase('costbench');
  const platform = await TestPlatform.start();
  try {
    const admin = platform.get<DataSource>(ADMIN_DATA_SOURCE);
    const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
      ((await admin.query(sql, params)) as T[])[0];

    // 1 and 2: before and after provisioning N tenants.
    await admin.query('checkpoint');
    const sizeBefore = Number((await one<{ bytes: string }>(DATABASE_SIZE_SQL)).bytes);
    const catalogBytesBefore = Number((await one<{ bytes: string }>(CATALOG_BYTES_SQL)).bytes);
    const rowsBefore = await one<CatalogRows>(CATALOG_ROWS_SQL);
    const tenants = await provisionTenants(platform, n, 8);
    await admin.query('checkpoint');
    const sizeAfter = Number((await one<{ bytes: string }>(DATABASE_SIZE_SQL)).bytes);
    const catalogBytesAfter = Number((await one<{ bytes: string }>(CATALOG_BYTES_SQL)).bytes);
    const rowsAfter = await one<CatalogRows>(CATALOG_ROWS_SQL);

    const sample = tenants[0];
    const relations = (await admin.query(TENANT_RELATIONS_SQL, [sample.schemaName])) as {
      relkind: string;
      n: number;
      bytes: string;
    }[];
    const ownAttributes = (await one<{ n: number }>(TENANT_ATTRIBUTES_SQL, [sample.schemaName])).n;
    const rowsPerTenant = Object.fromEntries(
      CATALOGS.map((c) => [c, +((rowsAfter[c] - rowsBefore[c]) / n).toFixed(2)]),
    ) as CatalogRows;
    const dbBytesPerTenant = Math.round((sizeAfter - sizeBefore) / n);
    const catalogBytesPerTenant = Math.round((catalogBytesAfter - catalogBytesBefore) / n);
    const relationBytes = relations.reduce((sum, r) => sum + Number(r.bytes), 0);

    console.log(`\n1. Disk, ${n} empty tenants (3 tables: organization row, no users, one page)`);
    console.log(
      `   database size added per tenant: ${kib(dbBytesPerTenant)}   -- ${DATABASE_SIZE_SQL}`,
    );
    console.log(
      `   of which catalog tables: ${kib(catalogBytesPerTenant)}   -- ${CATALOG_BYTES_SQL}`,
    );
    console.log(
      `   one tenant's own relations: ${kib(relationBytes)}   -- ${TENANT_RELATIONS_SQL}`,
    );
    for (const r of relations)
      console.log(`     relkind ${r.relkind}: ${r.n} (${kib(Number(r.bytes))})`);

    console.log('\n2. Catalog rows added per tenant (count(*) before and after, divided by N)');
    for (const c of CATALOGS) console.log(`   ${c.padEnd(16)} ${rowsPerTenant[c]}`);
    console.log(`   pg_attribute rows of one tenant's relations (with toast): ${ownAttributes}`);

    // 3: one backend reading from more and more schemas.
    const steps = [1, 10, 100, 250, 500, 1000, 2000, 5000, n].filter(
      (s, i, all) => s <= n && all.indexOf(s) === i,
    );
    const client = new Client({ connectionString: process.env.DATABASE_ADMIN_URL });
    await client.connect();
    const touch = async (tenant: TenantRef) => {
      await client.query('begin');
      await client.query(
        "select set_config('role', $1, true), set_config('search_path', $2, true)",
        [tenant.roleName, tenant.schemaName],
      );
      for (const sql of TOUCH_SQL) await client.query(sql);
      await client.query('commit');
    };
    const memory = async (touched: number) => {
      const [row] = (
        await client.query<{ total: string; cache: string; pid: number }>(BACKEND_MEMORY_SQL)
      ).rows;
      return {
        schemas: touched,
        total: Number(row.total),
        cache: Number(row.cache),
        rssAnon: rssAnonBytes(row.pid),
      };
    };
    // Warm-up: the first transaction itself allocates caches that every backend has anyway.
    await client.query('select 1');
    await touch(tenants[0]);
    const curve = [await memory(1)];
    // A second round over the same schema costs nothing: the growth below is per schema.
    for (let i = 0; i < 100; i++) await touch(tenants[0]);
    const sameSchema = await memory(1);
    let touched = 1;
    for (const step of steps.slice(1)) {
      while (touched < step) await touch(tenants[touched++]);
      curve.push(await memory(touched));
    }
    await client.end();
    const first = curve[0];
    const last = curve[curve.length - 1];
    const perSchema = (last.total - first.total) / Math.max(1, last.schemas - first.schemas);
    const perSchemaCache = (last.cache - first.cache) / Math.max(1, last.schemas - first.schemas);

    console.log('\n3. One backend after reading from N schemas (3 tables, 3 index lookups each)');
    console.log(`   -- ${BACKEND_MEMORY_SQL}`);
    console.log('   schemas  backend (used)  cache contexts  RssAnon');
    for (const p of curve) {
      console.log(
        `   ${String(p.schemas).padStart(7)}  ${mib(p.total).padStart(13)}  ${mib(p.cache).padStart(14)}  ${p.rssAnon === null ? 'n/a' : mib(p.rssAnon)}`,
      );
    }
    console.log(`   same schema read 100 more times: ${mib(sameSchema.total)} total`);
    console.log(
      `   growth per schema touched: ${kib(perSchema)} (cache contexts ${kib(perSchemaCache)})`,
    );

    const result = {
      tenants: n,
      db_bytes_per_tenant: dbBytesPerTenant,
      catalog_bytes_per_tenant: catalogBytesPerTenant,
      tenant_relation_bytes: relationBytes,
      tenant_relations: Object.fromEntries(relations.map((r) => [r.relkind, r.n])),
      catalog_rows_per_tenant: rowsPerTenant,
      tenant_pg_attribute_rows: ownAttributes,
      backend_bytes_per_schema: Math.round(perSchema),
      backend_cache_bytes_per_schema: Math.round(perSchemaCache),
      backend_curve: curve,
    };
    console.log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    await platform.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
