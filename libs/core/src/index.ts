export * from './config';
export * from './core.module';
export * from './errors';
export * from './logger';
export * from './i18n';
export * from './redis';
export * from './password';
export * from './secret-box';
