import { DynamicModule, Global, Module } from '@nestjs/common';

import { Logger } from 'pino';

import { PLAZA_CONFIG, PlazaConfig } from './config';

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
      ],
      exports: [PLAZA_CONFIG, PLAZA_LOGGER],
    };
  }
}
