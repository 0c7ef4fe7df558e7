import { Global, Module } from '@nestjs/common';

import { AccountErasure } from './account-erasure';
import { IdentityPersonalData } from './identity-personal-data';
import { PersonalDataSections } from './personal-data';

/**
 * The registries every feature adds its personal data to: sections of
 * "download my data" and hooks of account deletion. Global, so features
 * register without importing identity's HTTP or job modules.
 */
@Global()
@Module({
  providers: [PersonalDataSections, AccountErasure, IdentityPersonalData],
  exports: [PersonalDataSections, AccountErasure],
})
export class PersonalDataModule {}
