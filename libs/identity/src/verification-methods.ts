import { createHash } from 'node:crypto';

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

export function documentHash(method: string, normalized: string): string {
  return createHash('sha256').update(`${method}:${normalized}`).digest('hex');
}
