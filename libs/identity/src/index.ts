export * from './accounts.service';
export * from './identity.module';
export * from './identity.seeder';
export * from './participant.guard';
export * from './session-user.resolver';
export * from './user.entity';
export * from './user-token.entity';
export * from './invitations.service';
