import { Module } from '@nestjs/common';

import { StorageModule } from '@plaza/storage';

import { AdminIndexController } from './admin/admin-index.controller';
import { AdminPage } from './admin/admin-page';
import { LanguagesAdminController } from './admin/languages-admin.controller';
import { AppearanceService } from './appearance/appearance.service';
import { AppearanceAdminController } from './appearance/appearance-admin.controller';
import { FontsController } from './appearance/fonts.controller';
import { ImageUrls } from './appearance/image-urls';
import { ContentBlockProviders } from './content-blocks/content-block-providers';
import { ContentBlocksService } from './content-blocks/content-blocks.service';
import { ContentBlocksAdminController } from './content-blocks/content-blocks-admin.controller';
import { HomeController } from './home.controller';
import { LastActivityController } from './last-activity.controller';
import { LocaleController } from './locale.controller';
import { PagesController } from './pages/pages.controller';
import { PagesAdminController } from './pages/pages-admin.controller';
import { StaticPagesService } from './pages/static-pages.service';
import { SiteContextService } from './site-context.service';

@Module({
  imports: [StorageModule],
  controllers: [
    HomeController,
    LastActivityController,
    LocaleController,
    PagesController,
    FontsController,
    AdminIndexController,
    AppearanceAdminController,
    ContentBlocksAdminController,
    PagesAdminController,
    LanguagesAdminController,
  ],
  providers: [
    SiteContextService,
    ImageUrls,
    AppearanceService,
    ContentBlockProviders,
    ContentBlocksService,
    StaticPagesService,
    AdminPage,
  ],
  exports: [SiteContextService, ContentBlockProviders, AppearanceService],
})
export class ThemingModule {}
