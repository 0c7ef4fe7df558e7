import { Client } from 'pg';

import { loginOf } from './database';
import { quoteIdent } from './slug';

export interface BootstrapResult {
  createdDatabase: boolean;
  createdLogin: boolean;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Prepares what migrations cannot: the database itself and the serving login
 * (LOGIN, NOINHERIT, owns nothing). Safe to run on every deploy.
 */
export async function bootstrapDatabase(
  adminUrl: string,
  appUrl: string,
): Promise<BootstrapResult> {
  const database = decodeURIComponent(new URL(appUrl).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    throw new Error(
      `The database name "${database}" must be lowercase letters, digits and underscores.`,
    );
  }
  const result: BootstrapResult = { createdDatabase: false, createdLogin: false };
  const root = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await root.connect();
  try {
    const exists = await root.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) {
      await root.query(`CREATE DATABASE ${quoteIdent(database)}`);
      result.createdDatabase = true;
    }
    const login = loginOf(appUrl);
    const password = decodeURIComponent(new URL(appUrl).password);
    const ident = quoteIdent(login);
    const attributes = `LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE${password ? ` PASSWORD ${literal(password)}` : ''}`;
    const role = await root.query('select 1 from pg_roles where rolname = $1', [login]);
    if (role.rowCount === 0) {
      await root.query(`CREATE ROLE ${ident} ${attributes}`);
      result.createdLogin = true;
    } else {
      await root.query(`ALTER ROLE ${ident} ${attributes}`);
    }
    await root.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${ident}`);
  } finally {
    await root.end();
  }
  return result;
}
