import { DynamicModule, Global, Module } from '@nestjs/common';

import { Logger } from 'pino';

import { PLAZA_CONFIG, PlazaConfig } from './config';
import { SecretBox } from './secret-box';

export const PLAZA_LOGGER = Symbol('PLAZA_LOGGER');

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: PlazaConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: PLAZA_CONFIG, useValue: config },
        { provide: PLAZA_LOGGER, useValue: logger },
        SecretBox,
      ],
      exports: [PLAZA_CONFIG, PLAZA_LOGGER, SecretBox],
    };
  }
}
