import { Readable } from 'node:stream';

import { OnApplicationShutdown } from '@nestjs/common';

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

import type { S3Settings } from '@plaza/core';

import {
  attachmentDisposition,
  expiresInSeconds,
  FileNotFoundError,
  FileStorage,
  FileStream,
  PutOptions,
  SignedUrlOptions,
  StoredObject,
} from './file-storage';
import { assertInCurrentTenant, TenantKey, TenantPrefix } from './storage-key';

/** S3 deletes at most 1,000 keys per DeleteObjects request. */
const DELETE_BATCH = 1000;

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // Many S3-compatible stores reject the SDK's newer default checksums
    // (aws-chunked CRC32 trailers); send them only where the API requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

/** Files in one S3 (or S3-compatible) bucket, keys `<tenantId>/...`. */
export class S3FileStorage implements FileStorage, OnApplicationShutdown {
  readonly driver = 's3' as const;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: TenantKey, body: Buffer | Readable, options: PutOptions): Promise<void> {
    assertInCurrentTenant(key);
    if (Buffer.isBuffer(body)) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          ContentLength: body.length,
        }),
      );
      return;
    }
    // A stream of unknown length: multipart upload in parts of 8 MiB, two at a time.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    });
    await upload.done();
  }

  async get(key: TenantKey): Promise<FileStream> {
    assertInCurrentTenant(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error(`S3 returned no stream for ${key}`);
      return {
        body: out.Body,
        contentType: out.ContentType ?? 'application/octet-stream',
        size: out.ContentLength ?? 0,
      };
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(key);
      throw error;
    }
  }

  async delete(key: TenantKey): Promise<void> {
    assertInCurrentTenant(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deletePrefix(prefix: TenantPrefix): Promise<number> {
    assertInCurrentTenant(prefix);
    let batch: string[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const out = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      if (out.Errors?.length) {
        const first = out.Errors[0];
        throw new Error(
          `S3 could not delete ${out.Errors.length} file(s) under ${prefix}, e.g. ${first.Key}: ${first.Code} ${first.Message}`,
        );
      }
      count += batch.length;
      batch = [];
    };
    for await (const object of this.list(prefix)) {
      batch.push(object.key);
      if (batch.length === DELETE_BATCH) await flush();
    }
    await flush();
    return count;
  }

  async *list(prefix: TenantPrefix): AsyncIterable<StoredObject> {
    assertInCurrentTenant(prefix);
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key as TenantKey,
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        };
      }
    }
  }

  async signedUrl(key: TenantKey, options?: SignedUrlOptions): Promise<string> {
    assertInCurrentTenant(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition:
        options?.downloadName === undefined
          ? undefined
          : attachmentDisposition(options.downloadName),
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds(options) });
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
