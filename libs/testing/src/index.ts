export * from './env';
export * from './harness';
export * from './test-smtp';
