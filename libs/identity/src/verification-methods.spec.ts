import {
  documentHash,
  documentNumberValid,
  isVerificationMethod,
  normalizeDocumentNumber,
} from './verification-methods';

describe('verification methods', () => {
  it('reads one document however it is typed', () => {
    const sut = normalizeDocumentNumber;
    expect(sut('12.345.678-z')).toBe('12345678Z');
    expect(sut(' x 1234 567 ')).toBe('X1234567');
    expect(documentHash('id_documents', sut('12.345.678-z'))).toBe(
      documentHash('id_documents', sut('12345678Z')),
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
    expect(documentHash('id_documents', 'X1')).not.toBe(documentHash('other', 'X1'));
    expect(isVerificationMethod('id_documents')).toBe(true);
    expect(isVerificationMethod('sms')).toBe(false);
  });
});
