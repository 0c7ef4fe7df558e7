import { createHash, createHmac, hkdfSync } from 'node:crypto';

/**
 * Verification methods Plaza knows. The organization chooses which of them its
 * participants may use; components may require one per action.
 * `id_documents`: a participant gives an identity document's type and number,
 * an admin checks it (against the census, or the document shown in person) and
 * grants or refuses it (Decidim's "Identity documents", offline review).
 */
export const VERIFICATION_METHODS = ['id_documents'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const DOCUMENT_TYPES = ['national_id', 'passport', 'residence_permit'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isVerificationMethod(value: unknown): value is VerificationMethod {
  return (VERIFICATION_METHODS as readonly unknown[]).includes(value);
}

/** Upper case, no spaces, dots or dashes: "12.345.678-z" and "12345678Z" are one document. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s.\-/]/g, '');
}

/** A number of 5 to 20 letters and digits once normalized. */
export function documentNumberValid(normalized: string): boolean {
  return /^[A-Z0-9]{5,20}$/.test(normalized);
}

/** Stored hashes keyed by `documentKey` start with this; older ones are bare SHA-256 hex. */
export const KEYED_HASH_PREFIX = 'k1.';

/**
 * The key behind one organization's document hashes: derived (HKDF-SHA-256) from
 * SECRETS_KEY with the organization's salt, so a copy of the database cannot be
 * searched for short numbers, and one number hashes differently in two
 * organizations.
 */
export function documentKey(secretsKey: Buffer, salt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretsKey, salt, 'plaza verification documents', 32));
}

/** The unkeyed SHA-256 earlier versions stored. */
export function legacyDocumentHash(method: string, normalized: string): string {
  return createHash('sha256').update(`${method}:${normalized}`).digest('hex');
}

/**
 * HMAC-SHA-256 over the legacy hash rather than the number itself, so rows
 * decided before keying (which no longer hold the number) convert to the very
 * value a new request for the same document gets.
 */
export function keyLegacyHash(key: Buffer, legacy: string): string {
  return KEYED_HASH_PREFIX + createHmac('sha256', key).update(legacy).digest('base64url');
}

export function documentHash(key: Buffer, method: string, normalized: string): string {
  return keyLegacyHash(key, legacyDocumentHash(method, normalized));
}
