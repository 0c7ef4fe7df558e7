import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SiteContextService } from '@plaza/theming';
import { OnHost, renderPage, SiteLayout } from '@plaza/web';

import { apiDocsT } from './api-docs.messages';
import { API_PREFIX, OpenApiDocument } from './openapi';

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string }>;
}

/** Serves the OpenAPI document and a readable page generated from it (no script needed). */
@ApiTags('documentation')
@Controller('api/v1')
@OnHost('tenant')
export class ApiDocsController {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly siteContext: SiteContextService,
  ) {}

  @Get('openapi.json')
  @ApiOperation({ summary: 'This OpenAPI 3 document' })
  @ApiOkResponse({ description: 'OpenAPI document' })
  openapi() {
    const document = this.document.get();
    if (!document) throw new ServiceUnavailableException('The API description is not ready yet.');
    return document;
  }

  @Get('docs')
  @ApiOperation({ summary: 'Human-readable documentation page' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  async docs(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const document = this.openapi();
    const site = await this.siteContext.build(request);
    const t = (k: Parameters<typeof apiDocsT>[1], p?: Record<string, string>) =>
      apiDocsT(site.locale, k, p);
    const entries = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
        path,
        method,
        op,
      })),
    );
    const html = renderPage(
      <SiteLayout site={site} title={t('title')}>
        <h1>{t('title')}</h1>
        <p>{t('intro', { url: `${API_PREFIX}/openapi.json` })}</p>
        <p>
          <a href={`${API_PREFIX}/openapi.json`}>{`${API_PREFIX}/openapi.json`}</a>
        </p>
        {entries.map(({ path, method, op }) => (
          <section key={`${method} ${path}`}>
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>
            </h2>
            {op.summary && <p>{op.summary}</p>}
            {op.parameters && op.parameters.length > 0 && (
              <>
                <h3>{t('parameters')}</h3>
                <ul>
                  {op.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ', required' : ''})
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>{t('responses')}</h3>
            <ul>
              {Object.entries(op.responses ?? {}).map(([code, r]) => (
                <li key={code}>
                  <code>{code}</code> {r.description}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
