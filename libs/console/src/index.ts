export * from './api-token.entity';
export * from './api-tokens.service';
export * from './audit-event.entity';
export * from './console-archive.module';
export * from './console-totp.service';
export * from './console-user.entity';
export * from './console-users.service';
export * from './console-web.module';
export * from './console-worker.module';
export * from './console.module';
export * from './plan.entity';
export * from './plans.service';
export * from './queue-dashboard';
export * from './tenant-archive.service';
export * from './tenant-deletion.entity';
export * from './tenant-mail-settings.entity';
export * from './tenant-mail-settings.service';
export * from './tenant-purge.job';
export { stepAt, totpCode } from './totp';
export * from './usage.job';
export * from './usage.service';
export * from './audit.service';
export {
  ConsolePrincipal,
  ConsolePrincipals,
  ConsoleRoute,
  MinRole,
  Principal,
  roleAtLeast,
} from './console-principal';
export {
  ConsoleLayout,
  ConsolePageContext,
  ErrorSummary,
  Field,
  FieldErrors,
  formatDate,
  translatorFor,
} from './console-layout';
export { ConsoleSignInRedirect } from './console.pages';
export { textOf, validateForm } from './form-validation';
