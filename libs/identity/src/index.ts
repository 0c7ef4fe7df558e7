export * from './identity.module';
export * from './identity.seeder';
export * from './session-user.resolver';
export * from './user.entity';
