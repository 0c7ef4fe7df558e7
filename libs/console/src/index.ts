export * from './api-token.entity';
export * from './audit-event.entity';
export * from './console-user.entity';
export * from './console-users.service';
export * from './console-web.module';
export * from './console.module';
export * from './password';
export * from './tenant-deletion.entity';
