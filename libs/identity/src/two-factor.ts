import { Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';

/** TOTP as authenticator apps expect it: SHA-1, 6 digits, 30 seconds. */
function totp(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const PERIOD_MS = 30_000;

/**
 * The time step of a valid code (the current one or a neighbour, for ±30
 * seconds of clock drift), or null. Callers refuse a step already used.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

/** The `otpauth://` URI as a QR code, an SVG data URL (allowed by the CSP's img-src). */
export async function totpQrDataUrl(
  secret: string,
  label: string,
  issuer: string,
): Promise<string> {
  const svg = await qrToString(totp(secret, label, issuer).toString(), { type: 'svg', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The code an authenticator app shows at `timestamp` (tests sign in with it). */
export function currentTotp(secret: string, timestamp = Date.now()): string {
  return totp(secret).generate({ timestamp });
}
