import {
  documentHash,
  documentKey,
  documentNumberValid,
  isVerificationMethod,
  keyLegacyHash,
  legacyDocumentHash,
  normalizeDocumentNumber,
} from './verification-methods';

describe('verification methods', () => {
  const key = documentKey(Buffer.alloc(32, 7), 't_aaaaaa');

  it('reads one document however it is typed', () => {
    const sut = normalizeDocumentNumber;
    expect(sut('12.345.678-z')).toBe('12345678Z');
    expect(sut(' x 1234 567 ')).toBe('X1234567');
    expect(documentHash(key, 'id_documents', sut('12.345.678-z'))).toBe(
      documentHash(key, 'id_documents', sut('12345678Z')),
    );
  });

  it('accepts 5 to 20 letters and digits only', () => {
    const sut = documentNumberValid;
    expect(sut('ABCDE')).toBe(true);
    expect(sut('A'.repeat(20))).toBe(true);
    expect(sut('ABCD')).toBe(false);
    expect(sut('A'.repeat(21))).toBe(false);
    expect(sut('12345é')).toBe(false);
  });

  it('keeps the hash specific to the method', () => {
    expect(documentHash(key, 'id_documents', 'X1')).not.toBe(documentHash(key, 'other', 'X1'));
    expect(isVerificationMethod('id_documents')).toBe(true);
    expect(isVerificationMethod('sms')).toBe(false);
  });

  it('keys the hash by SECRETS_KEY and the organization, and converts legacy hashes to the same value', () => {
    const sut = (k: Buffer) => documentHash(k, 'id_documents', '12345');
    const hash = sut(key);
    expect(hash).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(hash.length).toBeLessThanOrEqual(64);
    expect(hash).not.toContain(legacyDocumentHash('id_documents', '12345'));
    expect(sut(documentKey(Buffer.alloc(32, 7), 't_bbbbbb'))).not.toBe(hash);
    expect(sut(documentKey(Buffer.alloc(32, 8), 't_aaaaaa'))).not.toBe(hash);
    expect(keyLegacyHash(key, legacyDocumentHash('id_documents', '12345'))).toBe(hash);
  });
});
