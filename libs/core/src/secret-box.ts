import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { PLAZA_CONFIG, PlazaConfig } from './config';

const VERSION = 'v1';

/**
 * Encrypts secrets kept in the database with AES-256-GCM and the key from
 * SECRETS_KEY: a copy of the database alone reveals none of them.
 * Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(PLAZA_CONFIG) config: Pick<PlazaConfig, 'secretsKey'>) {
    this.key = config.secretsKey;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the value was altered or sealed with another key. */
  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) {
      throw new Error('Not a sealed secret');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
