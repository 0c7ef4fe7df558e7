import { Module } from '@nestjs/common';

import { ThemingModule } from '@plaza/theming';

import { ApiDocsController } from './api-docs.controller';
import { OpenApiDocument } from './openapi';

/** OpenAPI document and documentation page of the tenant JSON API (/api/v1). */
@Module({
  imports: [ThemingModule],
  controllers: [ApiDocsController],
  providers: [OpenApiDocument],
  exports: [OpenApiDocument],
})
export class ApiDocsModule {}
