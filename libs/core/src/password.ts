import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A sentence saying what is wrong with a new password, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'The password must have at least 12 characters.';
  if (password.length > 256) return 'The password may have at most 256 characters.';
  return null;
}
