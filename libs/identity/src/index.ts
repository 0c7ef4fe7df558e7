export * from './identity.seeder';
export * from './user.entity';
