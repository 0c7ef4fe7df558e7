// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver ships no types, and the build (which compiles this file for scripts/bench) excludes libs/testing/*.d.ts
/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from 's3rver';

import type { S3Settings } from '@plaza/core';

export interface TestS3Server {
  settings: S3Settings;
  close(): Promise<void>;
}

/**
 * A real S3-protocol HTTP server (s3rver) on a free loopback port, storing in a
 * temporary directory, with one empty bucket. s3rver checks V2 signatures but
 * not V4 ones, so tests cannot prove S3 refuses a tampered presigned URL.
 */
export async function startS3Server(bucket = 'plaza-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'plaza-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    settings: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
