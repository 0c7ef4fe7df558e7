export * from './env';
export * from './harness';
export * from './s3-server';
