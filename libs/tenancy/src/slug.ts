import { randomBytes } from 'node:crypto';

/** Words that would clash with platform hosts or confuse people. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'billing',
  'blog',
  'cdn',
  'console',
  'dashboard',
  'dev',
  'docs',
  'ftp',
  'help',
  'imap',
  'mail',
  'metrics',
  'my',
  'ns1',
  'ns2',
  'platform',
  'plaza',
  'pop',
  'public',
  'root',
  'smtp',
  'stage',
  'staging',
  'static',
  'status',
  'support',
  'system',
  'test',
  'webmail',
  'www',
]);

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Returns a sentence explaining why the slug is refused, or null when it is fine. */
export function slugProblem(slug: string): string | null {
  if (slug.length < 3 || slug.length > 40) return 'The slug must be 3 to 40 characters long.';
  if (!SLUG_PATTERN.test(slug)) {
    return 'The slug may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit.';
  }
  if (slug.includes('--')) return 'The slug may not contain two hyphens in a row.';
  if (RESERVED_SLUGS.has(slug)) return `The slug "${slug}" is reserved; please choose another one.`;
  return null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Eight random lowercase alphanumerics: 36^8 ≈ 2.8e12 ids. */
export function newTenantId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function schemaNameFor(tenantId: string): string {
  return `t_${tenantId}`;
}

export function roleNameFor(prefix: string, tenantId: string): string {
  return `${prefix}_t_${tenantId}`;
}

/** Quotes an identifier we generated ourselves; refuses anything unexpected. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`Refusing unexpected identifier "${name}"`);
  return `"${name}"`;
}
