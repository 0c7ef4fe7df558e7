export * from './api-docs.module';
export * from './openapi';
