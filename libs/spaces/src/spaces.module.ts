import { Module } from '@nestjs/common';

import { ThemingModule } from '@plaza/theming';

import { PhasesService } from './phases.service';
import { SiteContextProvider } from './site-context.provider';
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
  imports: [ThemingModule],
  controllers: [SpacesPages, SpacesAdminPages, SpacesApiController],
  providers: [
    SpacesService,
    SpacesAdminService,
    PhasesService,
    SiteContextProvider,
    SpacePageExtensions,
    SpacesHomeBlocks,
    SpacePersonalData,
  ],
  exports: [SpacesService, PhasesService, SiteContextProvider, SpacePageExtensions],
})
export class SpacesModule {}

/** Worker side: services the scheduled phase job needs, without HTTP controllers. */
@Module({
  providers: [PhasesService, SpacePersonalData],
  exports: [PhasesService],
})
export class SpacesJobsModule {}
