import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  expiresInSeconds,
  FileNotFoundError,
  FileStorage,
  FileStream,
  PutOptions,
  SignedUrlOptions,
  StoredObject,
} from './file-storage';
import { FileUrlSigner } from './file-url-signer';
import { assertInCurrentTenant, TenantKey, TenantPrefix } from './storage-key';

interface Sidecar {
  contentType: string;
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Files on a local (or mounted) filesystem:
 * `<root>/<tenantId>/...` holds the bytes, `<root>/.meta/<tenantId>/....json`
 * the content type, `<root>/.tmp` the files being written (renamed into place
 * when complete). Tenant ids never start with a dot, so neither can clash.
 */
export class LocalFileStorage implements FileStorage {
  readonly driver = 'local' as const;
  readonly root: string;

  constructor(
    root: string,
    readonly signer: FileUrlSigner,
  ) {
    this.root = resolve(root);
  }

  async put(key: TenantKey, body: Buffer | Readable, options: PutOptions): Promise<void> {
    assertInCurrentTenant(key);
    const target = this.dataPath(key);
    const meta = this.metaPath(key);
    const tmpDir = join(this.root, '.tmp');
    await Promise.all([
      mkdir(dirname(target), { recursive: true }),
      mkdir(dirname(meta), { recursive: true }),
      mkdir(tmpDir, { recursive: true }),
    ]);
    const tmpData = join(tmpDir, randomUUID());
    const tmpMeta = `${tmpData}.json`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(tmpData, body);
      else await pipeline(body, createWriteStream(tmpData));
      const sidecar: Sidecar = { contentType: options.contentType };
      await writeFile(tmpMeta, JSON.stringify(sidecar));
      await rename(tmpMeta, meta);
      await rename(tmpData, target);
    } finally {
      await Promise.all([rm(tmpData, { force: true }), rm(tmpMeta, { force: true })]);
    }
  }

  async get(key: TenantKey): Promise<FileStream> {
    assertInCurrentTenant(key);
    const path = this.dataPath(key);
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new FileNotFoundError(key);
      size = info.size;
    } catch (error) {
      if (isNotFound(error)) throw new FileNotFoundError(key);
      throw error;
    }
    return { body: createReadStream(path), contentType: await this.contentTypeOf(key), size };
  }

  async delete(key: TenantKey): Promise<void> {
    assertInCurrentTenant(key);
    await rm(this.dataPath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
  }

  async deletePrefix(prefix: TenantPrefix): Promise<number> {
    assertInCurrentTenant(prefix);
    let count = 0;
    for await (const _ of this.list(prefix)) count += 1;
    await rm(this.dataPath(prefix), { recursive: true, force: true });
    await rm(join(this.root, '.meta', prefix), { recursive: true, force: true });
    return count;
  }

  async *list(prefix: TenantPrefix): AsyncIterable<StoredObject> {
    assertInCurrentTenant(prefix);
    const dir = this.dataPath(prefix);
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const keys = entries
      .filter((e) => e.isFile())
      .map((e) => `${prefix}${relative(dir, join(e.parentPath, e.name)).split(sep).join('/')}`)
      .sort();
    for (const key of keys) {
      try {
        const info = await stat(this.dataPath(key));
        yield { key: key as TenantKey, size: info.size, lastModified: info.mtime };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  async signedUrl(key: TenantKey, options?: SignedUrlOptions): Promise<string> {
    assertInCurrentTenant(key);
    return this.signer.sign(key, expiresInSeconds(options), options?.downloadName);
  }

  private async contentTypeOf(key: TenantKey): Promise<string> {
    try {
      const sidecar = JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Partial<Sidecar>;
      if (typeof sidecar.contentType === 'string') return sidecar.contentType;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return 'application/octet-stream';
  }

  private dataPath(key: string): string {
    return this.inside(join(this.root, key));
  }

  private metaPath(key: string): string {
    return this.inside(join(this.root, '.meta', `${key}.json`));
  }

  /** Keys are checked already; this is the last guard against leaving the root. */
  private inside(path: string): string {
    const resolved = resolve(path);
    if (!resolved.startsWith(this.root + sep)) {
      throw new Error(`Refusing a storage path outside ${this.root}`);
    }
    return resolved;
  }
}
