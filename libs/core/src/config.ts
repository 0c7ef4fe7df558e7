import { existsSync } from 'node:fs';

export type NodeEnv = 'development' | 'production' | 'test';

export interface PlazaConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  /** Privileged login for migrations and provisioning; absent in the API process. */
  databaseAdminUrl: string | undefined;
  redisUrl: string;
  baseDomain: string;
  consoleHost: string;
  port: number;
  host: string;
  publicScheme: 'http' | 'https';
  /** Port shown in public URLs; undefined means the scheme's default. */
  publicPort: number | undefined;
  logLevel: string;
  dbPoolMax: number;
  dbPoolMaxUses: number;
  /** Tenant-affinity partitions of the serving pool (1 = one shared pool). */
  dbPoolPartitions: number;
  dbRolePrefix: string;
  queuePrefix: string;
  tenantCacheSize: number;
  tenantCacheTtlMs: number;
  trustProxy: boolean;
}

export interface ConfigNeeds {
  /** The process creates roles and schemas (cli, worker). */
  admin?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the environment. Every problem is collected so an operator
 * fixes them all in one go instead of one restart per mistake.
 */
export function loadConfig(env: Env = process.env, needs: ConfigNeeds = {}): PlazaConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required but not set`);
    return '';
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[], required: boolean): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) {
      if (required)
        problems.push(`${name} is required but not set (e.g. ${protocols[0]}//host:port/...)`);
      return undefined;
    }
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(
          `${name} must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`,
        );
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };
  const hostname = (name: string, fallback: string): string => {
    const value = str(name, fallback).toLowerCase();
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/.test(value)) {
      problems.push(`${name} must be a host name such as "example.org", got "${value}"`);
    }
    return value;
  };

  const nodeEnvRaw = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = (
    ['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development'
  ) as NodeEnv;

  const pgProtocols = ['postgres:', 'postgresql:'];
  const databaseUrl = url('DATABASE_URL', pgProtocols, true) ?? '';
  const databaseAdminUrl = url('DATABASE_ADMIN_URL', pgProtocols, needs.admin === true);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:'], true) ?? '';

  const port = int('PORT', 3000, 1, 65535);
  const schemeRaw = str('PUBLIC_SCHEME', nodeEnv === 'production' ? 'https' : 'http');
  if (schemeRaw !== 'http' && schemeRaw !== 'https') {
    problems.push(`PUBLIC_SCHEME must be http or https, got "${schemeRaw}"`);
  }
  const publicPortRaw = env.PUBLIC_PORT?.trim();
  let publicPort: number | undefined = nodeEnv === 'production' ? undefined : port;
  if (publicPortRaw) publicPort = int('PUBLIC_PORT', port, 1, 65535);

  const logLevel = str('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const dbRolePrefix = str('DB_ROLE_PREFIX', 'plaza');
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(dbRolePrefix)) {
    problems.push(
      'DB_ROLE_PREFIX must be lowercase letters, digits or underscores (max 31), starting with a letter',
    );
  }
  const trustProxyRaw = str('TRUST_PROXY', 'false');
  if (!['true', 'false'].includes(trustProxyRaw)) {
    problems.push(`TRUST_PROXY must be true or false, got "${trustProxyRaw}"`);
  }

  const config: PlazaConfig = {
    nodeEnv,
    databaseUrl,
    databaseAdminUrl,
    redisUrl,
    baseDomain: hostname('BASE_DOMAIN', 'localhost'),
    consoleHost: hostname('CONSOLE_HOST', 'console.localhost'),
    port,
    host: str('HOST', '0.0.0.0'),
    publicScheme: schemeRaw === 'https' ? 'https' : 'http',
    publicPort,
    logLevel,
    dbPoolMax: int('DB_POOL_MAX', 10, 1, 1000),
    dbPoolMaxUses: int('DB_POOL_MAX_USES', 50000, 0, 100_000_000),
    dbPoolPartitions: int('DB_POOL_PARTITIONS', 1, 1, 64),
    dbRolePrefix,
    queuePrefix: str('QUEUE_PREFIX', '{plaza}'),
    tenantCacheSize: int('TENANT_CACHE_SIZE', 10000, 1, 10_000_000),
    tenantCacheTtlMs: int('TENANT_CACHE_TTL_SECONDS', 60, 1, 86400) * 1000,
    trustProxy: trustProxyRaw === 'true',
  };
  if (config.dbPoolPartitions > config.dbPoolMax) {
    problems.push(
      `DB_POOL_PARTITIONS (${config.dbPoolPartitions}) must not exceed DB_POOL_MAX (${config.dbPoolMax}): each partition needs a connection`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Loads `.env` from the working directory when present (never overrides real env). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Entry points call this: print one line per problem and stop. */
export function loadConfigOrExit(needs: ConfigNeeds = {}): PlazaConfig {
  loadDotEnv();
  try {
    return loadConfig(process.env, needs);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Plaza cannot start, its configuration has problems:\n`);
      for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
      process.exit(78);
    }
    throw error;
  }
}

export const PLAZA_CONFIG = Symbol('PLAZA_CONFIG');

/** Base URL of a host as the public sees it. */
export function publicUrl(config: PlazaConfig, host: string, path = '/'): string {
  const port = config.publicPort;
  const defaultPort = config.publicScheme === 'https' ? 443 : 80;
  const portPart = port && port !== defaultPort && !host.includes(':') ? `:${port}` : '';
  return `${config.publicScheme}://${host}${portPart}${path}`;
}
