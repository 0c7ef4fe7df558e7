import { Module } from '@nestjs/common';

import { PLAZA_CONFIG, PlazaConfig } from '@plaza/core';

import { createFileStorage } from './create-file-storage';
import { FILE_STORAGE } from './file-storage';
import { LocalFilesController } from './local-files.controller';
import { UploadsService } from './uploads.service';

/** Tenant files: the configured driver (`FILE_STORAGE`) and uploads. */
@Module({
  controllers: [LocalFilesController],
  providers: [
    {
      provide: FILE_STORAGE,
      inject: [PLAZA_CONFIG],
      useFactory: (config: PlazaConfig) => createFileStorage(config.storage),
    },
    UploadsService,
  ],
  exports: [FILE_STORAGE, UploadsService],
})
export class StorageModule {}
