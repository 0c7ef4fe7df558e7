export * from './env';
export * from './harness';
