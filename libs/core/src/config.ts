import { existsSync } from 'node:fs';

export type NodeEnv = 'development' | 'production' | 'test';

export type StorageDriver = 'local' | 's3';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, Garage, Scaleway, OVH...); undefined means AWS. */
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** Both set or both undefined; undefined lets the SDK find credentials (IAM role, AWS_* env). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

export interface StorageSettings {
  driver: StorageDriver;
  /** Root directory of the local driver. */
  dir: string;
  /** Set when `driver` is `s3`. */
  s3: S3Settings | undefined;
  /**
   * Signs the expiring URLs of private files served by the local driver; a
   * development default outside production, undefined in production with S3
   * (S3 signs its own URLs).
   */
  fileUrlSecret: string | undefined;
}

/** Used outside production only, so a development machine needs no secret to serve files. */
export const DEV_FILE_URL_SECRET = 'plaza-development-file-url-secret-do-not-use-in-production';

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
  /** Outgoing mail of the platform (tenants may override with their own SMTP). */
  smtpUrl: string;
  mailFrom: string;
  /** Session lifetimes, in seconds. */
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  /** Cookies carry `Secure` (always true in production). */
  secureCookies: boolean;
  storage: StorageSettings;
  billing: BillingSettings;
}

/** Stripe billing; off (plans assigned by hand) when no secret key is set. */
export interface BillingSettings {
  enabled: boolean;
  stripeSecretKey: string | undefined;
  webhookSecret: string | undefined;
  /** Where the Stripe SDK sends requests; only changed for local test servers. */
  apiHost: string | undefined;
  apiPort: number | undefined;
  apiProtocol: 'http' | 'https' | undefined;
  graceDays: number;
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

  const storage = storageSettings(env, nodeEnv, problems);
  const billing = billingSettings(env, nodeEnv, problems, int);

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
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:'], false) ?? 'smtp://127.0.0.1:1025',
    mailFrom: str('MAIL_FROM', 'Plaza <no-reply@plaza.localhost>'),
    sessionIdleSeconds: int('SESSION_IDLE_MINUTES', 120, 5, 7 * 24 * 60) * 60,
    sessionAbsoluteSeconds: int('SESSION_ABSOLUTE_HOURS', 24 * 14, 1, 24 * 90) * 3600,
    secureCookies: nodeEnv === 'production' || schemeRaw === 'https',
    storage,
    billing,
  };
  if (config.dbPoolPartitions > config.dbPoolMax) {
    problems.push(
      `DB_POOL_PARTITIONS (${config.dbPoolPartitions}) must not exceed DB_POOL_MAX (${config.dbPoolMax}): each partition needs a connection`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function billingSettings(
  env: Env,
  nodeEnv: NodeEnv,
  problems: string[],
  int: (name: string, fallback: number, min: number, max: number) => number,
): BillingSettings {
  const get = (name: string) => env[name]?.trim() || undefined;
  const stripeSecretKey = get('STRIPE_SECRET_KEY');
  const webhookSecret = get('STRIPE_WEBHOOK_SECRET');
  if (stripeSecretKey && !/^(sk|rk)_(test|live)_\w+$/.test(stripeSecretKey)) {
    problems.push('STRIPE_SECRET_KEY must look like sk_test_... or sk_live_...');
  }
  if (stripeSecretKey && !webhookSecret)
    problems.push('STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set');
  if (webhookSecret && !webhookSecret.startsWith('whsec_'))
    problems.push('STRIPE_WEBHOOK_SECRET must start with whsec_');
  const protocol = get('STRIPE_API_PROTOCOL');
  if (protocol && protocol !== 'http' && protocol !== 'https') {
    problems.push(`STRIPE_API_PROTOCOL must be http or https, got "${protocol}"`);
  }
  if (nodeEnv === 'production' && protocol === 'http')
    problems.push('STRIPE_API_PROTOCOL=http is refused in production');
  const portRaw = get('STRIPE_API_PORT');
  return {
    enabled: !!stripeSecretKey,
    stripeSecretKey,
    webhookSecret,
    apiHost: get('STRIPE_API_HOST'),
    apiPort: portRaw ? int('STRIPE_API_PORT', 443, 1, 65535) : undefined,
    apiProtocol: protocol === 'http' || protocol === 'https' ? protocol : undefined,
    graceDays: int('BILLING_GRACE_DAYS', 14, 1, 90),
  };
}

function storageSettings(env: Env, nodeEnv: NodeEnv, problems: string[]): StorageSettings {
  const get = (name: string) => env[name]?.trim() || undefined;
  const driverRaw = get('STORAGE_DRIVER') ?? 'local';
  if (driverRaw !== 'local' && driverRaw !== 's3') {
    problems.push(`STORAGE_DRIVER must be local or s3, got "${driverRaw}"`);
  }
  const driver: StorageDriver = driverRaw === 's3' ? 's3' : 'local';

  let s3: S3Settings | undefined;
  if (driver === 's3') {
    const bucket = get('S3_BUCKET');
    if (!bucket) problems.push('S3_BUCKET is required when STORAGE_DRIVER=s3');
    else if (!BUCKET_NAME.test(bucket)) {
      problems.push(
        `S3_BUCKET must be a bucket name (3 to 63 lowercase letters, digits, dots or hyphens), got "${bucket}"`,
      );
    }
    const endpoint = get('S3_ENDPOINT');
    if (endpoint) {
      let protocol = '';
      try {
        protocol = new URL(endpoint).protocol;
      } catch {
        problems.push(`S3_ENDPOINT is not a valid URL, got "${endpoint}"`);
      }
      if (protocol && protocol !== 'http:' && protocol !== 'https:') {
        problems.push(`S3_ENDPOINT must start with http: or https:, got "${protocol}"`);
      }
    }
    const pathStyle = get('S3_FORCE_PATH_STYLE') ?? 'false';
    if (pathStyle !== 'true' && pathStyle !== 'false') {
      problems.push(`S3_FORCE_PATH_STYLE must be true or false, got "${pathStyle}"`);
    }
    const accessKeyId = get('S3_ACCESS_KEY_ID');
    const secretAccessKey = get('S3_SECRET_ACCESS_KEY');
    if (!accessKeyId !== !secretAccessKey) {
      problems.push(
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, to use the SDK credential chain)',
      );
    }
    s3 = {
      bucket: bucket ?? '',
      region: get('S3_REGION') ?? 'us-east-1',
      endpoint,
      forcePathStyle: pathStyle === 'true',
      accessKeyId,
      secretAccessKey,
    };
  }

  const givenSecret = get('FILE_URL_SECRET');
  if (givenSecret && givenSecret.length < 32) {
    problems.push(
      'FILE_URL_SECRET must be at least 32 characters long (e.g. openssl rand -hex 32)',
    );
  }
  const fileUrlSecret = givenSecret ?? (nodeEnv === 'production' ? undefined : DEV_FILE_URL_SECRET);
  if (!fileUrlSecret && driver === 'local') {
    problems.push(
      'FILE_URL_SECRET is required in production with STORAGE_DRIVER=local (e.g. openssl rand -hex 32)',
    );
  }

  return { driver, dir: get('STORAGE_DIR') ?? 'var/storage', s3, fileUrlSecret };
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
