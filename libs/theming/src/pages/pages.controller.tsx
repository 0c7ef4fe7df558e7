import { Controller, Get, Param, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import { OnHost, renderPage, SiteLayout } from '@plaza/web';

import { SiteContextService } from '../site-context.service';
import { themingNotFound, themingT } from '../theming.messages';
import { StaticPagesService } from './static-pages.service';

/** Public static pages: the index by topic, and each page at /pages/:slug. */
@Controller('pages')
@OnHost('tenant')
export class PagesController {
  constructor(
    private readonly siteContext: SiteContextService,
    private readonly pages: StaticPagesService,
  ) {}

  @Get()
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenant = TenantContext.current();
    const site = await this.siteContext.build(request);
    const [pages, topics] = await Promise.all([this.pages.listPages(), this.pages.listTopics()]);
    const tr = (field: Parameters<typeof translate>[0]) =>
      translate(field, site.locale, tenant.defaultLocale);
    const title = themingT(site.locale, 'section.pages');
    const groups = [
      ...topics.map((topic) => ({
        id: topic.id,
        title: tr(topic.title),
        description: tr(topic.description),
        pages: pages.filter((p) => p.topicId === topic.id),
      })),
      {
        id: 'other',
        title: themingT(site.locale, 'pages.otherPages'),
        description: '',
        pages: pages.filter((p) => !p.topicId || !topics.some((t) => t.id === p.topicId)),
      },
    ].filter((g) => g.pages.length > 0);
    const html = renderPage(
      <SiteLayout site={site} title={title}>
        <h1>{title}</h1>
        {groups.map((group) => (
          <section key={group.id} aria-labelledby={`topic-${group.id}`}>
            <h2 id={`topic-${group.id}`}>{group.title}</h2>
            {group.description && <p>{group.description}</p>}
            <ul>
              {group.pages.map((p) => (
                <li key={p.id}>
                  <a href={`/pages/${p.slug}`}>{tr(p.title)}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }

  @Get(':slug')
  async show(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const page = await this.pages.findBySlug(slug);
    if (!page) throw themingNotFound('error.noSuchPage');
    const site = await this.siteContext.build(request);
    const title = translate(page.title, site.locale, tenant.defaultLocale);
    // Content is sanitised when an admin saves it (sanitize-html).
    const content = translate(page.content, site.locale, tenant.defaultLocale);
    const html = renderPage(
      <SiteLayout site={site} title={title}>
        <article>
          <h1>{title}</h1>
          {page.isTerms && (
            <p>{themingT(site.locale, 'pages.version', { version: page.version })}</p>
          )}
          <div class="page-content" dangerouslySetInnerHTML={{ __html: content }} />
        </article>
      </SiteLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
