export * from './console-user.entity';
export * from './console-users.service';
export * from './console.module';
