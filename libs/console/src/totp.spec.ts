import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUrl,
  stepAt,
  totpCode,
} from './totp';

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, 8 digits;
// the 6-digit codes are the last six digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCode(RFC_SECRET, stepAt(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, stepAt(1_111_111_109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, stepAt(1_234_567_890_000))).toBe('005924');
    expect(totpCode(RFC_SECRET, stepAt(2_000_000_000_000))).toBe('279037');
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    const sut = newTotpSecret();
    expect(base32Decode(sut)).toHaveLength(20);
    expect(base32Encode(base32Decode(sut))).toBe(sut);
  });

  it('accepts one step of drift and refuses replays and other codes', () => {
    const secret = newTotpSecret();
    const t = 1_800_000_000_000;
    const now = stepAt(t);
    expect(matchTotp(secret, totpCode(secret, now), t, null)).toBe(now);
    expect(matchTotp(secret, totpCode(secret, now - 1), t, null)).toBe(now - 1);
    expect(matchTotp(secret, totpCode(secret, now + 2), t, null)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now), t, now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', t, null)).toBeNull();
  });

  it('builds an otpauth URL and distinct recovery codes', () => {
    expect(otpauthUrl('ABC', 'ada@plaza.example', 'Plaza console')).toBe(
      'otpauth://totp/Plaza%20console%3Aada%40plaza.example?secret=ABC&issuer=Plaza+console&algorithm=SHA1&digits=6&period=30',
    );
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashRecoveryCode(` ${codes[0].toUpperCase()} `)).toBe(hashRecoveryCode(codes[0]));
  });
});
