import { Controller, Get, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { AdminLayout, OnHost, renderPage, RequireAdmin } from '@plaza/web';

import { themingT } from '../theming.messages';
import { AdminPage } from './admin-page';

/** /admin: the list of sections, also shown beside every admin page. */
@Controller('admin')
@OnHost('tenant')
@RequireAdmin()
export class AdminIndexController {
  constructor(private readonly adminPage: AdminPage) {}

  @Get()
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const title = themingT(site.locale, 'admin.title');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        <p>{themingT(site.locale, 'admin.intro')}</p>
        <ul>
          {sections.map((s) => (
            <li key={s.href}>
              <a href={s.href}>{s.label}</a>
            </li>
          ))}
        </ul>
      </AdminLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }
}
