import { Module } from '@nestjs/common';

import { ThemingModule } from '@plaza/theming';

import { ComponentPermissionsPages } from './component-permissions.pages';
import { PhasesService } from './phases.service';
import { SiteContextProvider } from './site-context.provider';
import { SpacePageExtensions } from './space-page-extensions';
import { SpacesApiController } from './spaces.api.controller';
import { SpacesPages } from './spaces.pages';
import { SpacesService } from './spaces.service';
import { SpacesAdminPages } from './spaces-admin.pages';
import { SpacesAdminService } from './spaces-admin.service';
import { SpacesHomeBlocks } from './spaces-home-blocks';

/** Participatory spaces (processes, assemblies), their phases, components and roles. */
@Module({
  imports: [ThemingModule],
  controllers: [SpacesPages, SpacesAdminPages, SpacesApiController, ComponentPermissionsPages],
  providers: [
    SpacesService,
    SpacesAdminService,
    PhasesService,
    SiteContextProvider,
    SpacePageExtensions,
    SpacesHomeBlocks,
  ],
  exports: [SpacesService, PhasesService, SiteContextProvider, SpacePageExtensions],
})
export class SpacesModule {}

/** Worker side: services the scheduled phase job needs, without HTTP controllers. */
@Module({
  providers: [PhasesService],
  exports: [PhasesService],
})
export class SpacesJobsModule {}
