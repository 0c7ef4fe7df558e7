import { Global, Module } from '@nestjs/common';

import { CURRENT_USER_RESOLVER } from '@plaza/web';

import { SessionUserResolver } from './session-user.resolver';

/** Accounts of tenant sites. Global so every feature's guards can resolve the current person. */
@Global()
@Module({
  providers: [{ provide: CURRENT_USER_RESOLVER, useClass: SessionUserResolver }],
  exports: [CURRENT_USER_RESOLVER],
})
export class IdentityModule {}
