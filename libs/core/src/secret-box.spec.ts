import { SecretBox } from './secret-box';

const box = (fill: number) => new SecretBox({ secretsKey: Buffer.alloc(32, fill) });

describe('SecretBox', () => {
  it('round-trips, with a fresh IV each time so equal secrets look different', () => {
    const sut = box(1);
    const a = sut.encrypt('s3cret pässword');
    const b = sut.encrypt('s3cret pässword');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(a.startsWith('v1.')).toBe(true);
    expect(sut.decrypt(a)).toBe('s3cret pässword');
  });

  it('refuses a value sealed with another key or altered', () => {
    const sealed = box(1).encrypt('secret');
    expect(() => box(2).decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box(1).decrypt(parts.join('.'))).toThrow();
    expect(() => box(1).decrypt('plain text')).toThrow('Not a sealed secret');
  });
});
