export * from './env';
export * from './harness';
export * from './s3-server';
export * from './test-smtp';
export * from './accounts';
export * from './fake-stripe';
export * from './browser';
