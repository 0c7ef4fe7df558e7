import { Module } from '@nestjs/common';

import { HomeController } from './home.controller';
import { LocaleController } from './locale.controller';
import { SiteContextService } from './site-context.service';

@Module({
  controllers: [HomeController, LocaleController],
  providers: [SiteContextService],
  exports: [SiteContextService],
})
export class ThemingModule {}
