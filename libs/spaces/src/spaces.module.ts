import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';
import { ThemingModule } from '@plaza/theming';

import { ComponentPermissionsPages } from './component-permissions.pages';
import { PhasesService } from './phases.service';
import { ScopesApiController } from './scopes.api.controller';
import { ScopesService } from './scopes.service';
import { ScopesAdminPages } from './scopes-admin.pages';
import { SiteContextProvider } from './site-context.provider';
import { SpaceImagesService } from './space-images.service';
import { SpacePageExtensions } from './space-page-extensions';
import { SpacePersonalData } from './space-personal-data';
import { SpacesApiController } from './spaces.api.controller';
import { SpacesPages } from './spaces.pages';
import { SpacesService } from './spaces.service';
import { SpacesAdminPages } from './spaces-admin.pages';
import { SpacesAdminService } from './spaces-admin.service';
import { SpacesHomeBlocks } from './spaces-home-blocks';

/** Participatory spaces (processes, assemblies), their phases, components and roles. */
@Module({
  imports: [ThemingModule, StorageModule],
  controllers: [
    SpacesPages,
    SpacesAdminPages,
    SpacesApiController,
    ScopesAdminPages,
    ScopesApiController,
    ComponentPermissionsPages,
  ],
  providers: [
    SpacesService,
    SpacesAdminService,
    PhasesService,
    SiteContextProvider,
    SpacePageExtensions,
    SpacesHomeBlocks,
    ScopesService,
    SpaceImagesService,
    SpacePersonalData,
  ],
  exports: [SpacesService, PhasesService, SiteContextProvider, SpacePageExtensions, ScopesService],
})
export class SpacesModule {}

/** Worker side: services the scheduled phase job needs, without HTTP controllers. */
@Module({
  providers: [PhasesService, SpacePersonalData],
  exports: [PhasesService],
})
export class SpacesJobsModule {}
