import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import {
  AdminLayout,
  adminT,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  formString,
  formTranslated,
  LOCALE_NAMES,
  OnHost,
  renderPage,
  RequireAdmin,
  SelectField,
  submitForm,
  TextField,
  TranslatedField,
} from '@plaza/web';

import { AdminPage } from '../admin/admin-page';
import { sanitizeAdminHtml } from '../html-sanitizer';
import { ThemingKey, themingNotFound, themingT } from '../theming.messages';
import { StaticPageEntity } from './static-page.entity';
import { StaticPageTopicEntity } from './static-page-topic.entity';
import { PAGE_SLUG, PageInput, SlugTakenError, StaticPagesService } from './static-pages.service';

type T = (key: ThemingKey, params?: Record<string, string | number>) => string;

function readWeight(body: unknown, t: T, errors: FieldErrors): number {
  const raw = formString(body, 'weight');
  const weight = raw ? Number(raw) : 0;
  if (!Number.isInteger(weight) || weight < 0 || weight > 999) {
    errors.weight = [t('pages.weightInvalid')];
    return 0;
  }
  return weight;
}

function requireTitle(
  title: Partial<Record<string, string>>,
  t: T,
  errors: FieldErrors,
  defaultLocale: string,
): void {
  if (!title[defaultLocale])
    errors[`title.${defaultLocale}`] = [
      t('form.titleRequired', {
        language: LOCALE_NAMES[defaultLocale as keyof typeof LOCALE_NAMES] ?? defaultLocale,
      }),
    ];
}

/** /admin/pages and /admin/topics: static pages and the topics that group them. */
@Controller('admin')
@OnHost('tenant')
@RequireAdmin()
export class PagesAdminController {
  constructor(
    private readonly adminPage: AdminPage,
    private readonly pages: StaticPagesService,
  ) {}

  @Get('pages')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const tenant = TenantContext.current();
    const t: T = (key, params) => themingT(site.locale, key, params);
    const [pages, topics] = await Promise.all([this.pages.listPages(), this.pages.listTopics()]);
    const tr = (field: Parameters<typeof translate>[0]) =>
      translate(field, site.locale, tenant.defaultLocale);
    const title = t('section.pages');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        {saved === '1' && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <p>
          <a class="button" href="/admin/pages/new">
            {t('pages.new')}
          </a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('table.name')}</th>
              <th scope="col">{t('pages.topic')}</th>
              <th scope="col">{t('table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`/pages/${p.slug}`}>{tr(p.title)}</a>
                  {p.isTerms && <> ({t('pages.version', { version: p.version })})</>}
                </td>
                <td>{tr(topics.find((topic) => topic.id === p.topicId)?.title)}</td>
                <td>
                  <a href={`/admin/pages/${p.id}`}>{t('pages.edit', { name: tr(p.title) })}</a>
                  {!p.isTerms && (
                    <form class="inline-form" method="post" action={`/admin/pages/${p.id}/delete`}>
                      <CsrfField token={site.csrfToken} />{' '}
                      <button type="submit" class="link-button">
                        {t('pages.delete', { name: tr(p.title) })}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AdminLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }

  @Get('pages/new')
  async newPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderPageForm(request, reply, null, { weight: 0 }, {});
  }

  @Post('pages')
  async create(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.savePage(request, reply, body, null);
  }

  @Get('pages/:id')
  async editPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.pages.findPage(id);
    if (!page) throw themingNotFound('error.pageMissing');
    await this.renderPageForm(request, reply, page, page, {});
  }

  @Post('pages/:id')
  async update(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const page = await this.pages.findPage(id);
    if (!page) throw themingNotFound('error.pageMissing');
    await this.savePage(request, reply, body, page);
  }

  @Post('pages/:id/delete')
  async deletePage(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.pages.findPage(id);
    if (!page) throw themingNotFound('error.pageMissing');
    await this.pages.deletePage(page);
    void reply.redirect('/admin/pages?saved=1', 303);
  }

  @Get('topics')
  async topics(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const tenant = TenantContext.current();
    const t: T = (key, params) => themingT(site.locale, key, params);
    const topics = await this.pages.listTopics();
    const tr = (field: Parameters<typeof translate>[0]) =>
      translate(field, site.locale, tenant.defaultLocale);
    const title = t('section.topics');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        {saved === '1' && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <p>
          <a class="button" href="/admin/topics/new">
            {t('topics.new')}
          </a>
        </p>
        {topics.length === 0 ? (
          <p>{t('topics.empty')}</p>
        ) : (
          <ul>
            {topics.map((topic) => (
              <li key={topic.id}>
                {tr(topic.title)} —{' '}
                <a href={`/admin/topics/${topic.id}`}>
                  {t('topics.edit', { name: tr(topic.title) })}
                </a>{' '}
                <form class="inline-form" method="post" action={`/admin/topics/${topic.id}/delete`}>
                  <CsrfField token={site.csrfToken} />
                  <button type="submit" class="link-button">
                    {t('topics.delete', { name: tr(topic.title) })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </AdminLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }

  @Get('topics/new')
  async newTopic(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderTopicForm(request, reply, null, { weight: 0 }, {});
  }

  @Post('topics')
  async createTopic(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.saveTopic(request, reply, body, null);
  }

  @Get('topics/:id')
  async editTopic(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const topic = await this.pages.findTopic(id);
    if (!topic) throw themingNotFound('error.topicMissing');
    await this.renderTopicForm(request, reply, topic, topic, {});
  }

  @Post('topics/:id')
  async updateTopic(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const topic = await this.pages.findTopic(id);
    if (!topic) throw themingNotFound('error.topicMissing');
    await this.saveTopic(request, reply, body, topic);
  }

  @Post('topics/:id/delete')
  async deleteTopic(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const topic = await this.pages.findTopic(id);
    if (!topic) throw themingNotFound('error.topicMissing');
    await this.pages.deleteTopic(topic);
    void reply.redirect('/admin/topics?saved=1', 303);
  }

  private async savePage(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    page: StaticPageEntity | null,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const { site } = await this.adminPage.of(request);
    const t: T = (key, params) => themingT(site.locale, key, params);
    await submitForm(reply, {
      read: async (errors): Promise<PageInput> => {
        const topicId = formString(body, 'topicId') || null;
        const content = formTranslated(body, 'content', tenant.locales);
        const input: PageInput = {
          slug: page?.isTerms ? page.slug : formString(body, 'slug').toLowerCase(),
          title: formTranslated(body, 'title', tenant.locales),
          content: Object.fromEntries(
            Object.entries(content).map(([l, v]) => [l, sanitizeAdminHtml(v ?? '')]),
          ),
          topicId,
          weight: readWeight(body, t, errors),
        };
        if (!PAGE_SLUG.test(input.slug)) errors.slug = [t('pages.slugInvalid')];
        requireTitle(input.title, t, errors, tenant.defaultLocale);
        if (topicId && !(await this.pages.findTopic(topicId))) input.topicId = null;
        return input;
      },
      save: async (input, errors) => {
        try {
          if (page) await this.pages.updatePage(page, input);
          else await this.pages.createPage(input);
          return '/admin/pages?saved=1';
        } catch (error) {
          if (!(error instanceof SlugTakenError)) throw error;
          errors.slug = [t('pages.slugTaken')];
          return undefined;
        }
      },
      render: (input, errors, status) =>
        this.renderPageForm(request, reply, page, input, errors, status),
    });
  }

  private async renderPageForm(
    request: FastifyRequest,
    reply: FastifyReply,
    page: StaticPageEntity | null,
    values: Partial<PageInput>,
    errors: FieldErrors,
    status = 200,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const tenant = TenantContext.current();
    const t: T = (key, params) => themingT(site.locale, key, params);
    const topics = await this.pages.listTopics();
    const tr = (field: Parameters<typeof translate>[0]) =>
      translate(field, site.locale, tenant.defaultLocale);
    const title = page ? t('pages.edit', { name: tr(page.title) }) : t('pages.new');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        {page?.isTerms && <p class="notice">{t('pages.terms', { version: page.version })}</p>}
        <form method="post" action={page ? `/admin/pages/${page.id}` : '/admin/pages'} noValidate>
          <CsrfField token={site.csrfToken} />
          {!page?.isTerms && (
            <TextField
              name="slug"
              label={t('pages.slug')}
              hint={t('pages.slugHint')}
              value={values.slug}
              errors={errors}
              maxLength={80}
              required
            />
          )}
          <TranslatedField
            name="title"
            label={t('field.title')}
            locales={tenant.locales}
            value={values.title}
            errors={errors}
          />
          <TranslatedField
            name="content"
            label={t('pages.content')}
            hint={t('field.htmlHint')}
            locales={tenant.locales}
            value={values.content}
            errors={errors}
            multiline
          />
          <SelectField
            name="topicId"
            label={t('pages.topic')}
            value={values.topicId ?? ''}
            errors={errors}
            options={[
              { value: '', label: t('pages.noTopic') },
              ...topics.map((topic) => ({ value: topic.id, label: tr(topic.title) })),
            ]}
          />
          <TextField
            name="weight"
            type="number"
            label={t('pages.weight')}
            hint={t('pages.weightHint')}
            value={String(values.weight ?? 0)}
            errors={errors}
          />
          <p>
            <button type="submit" class="button">
              {t('pages.save')}
            </button>
          </p>
        </form>
      </AdminLayout>,
    );
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }

  private async saveTopic(
    request: FastifyRequest,
    reply: FastifyReply,
    body: Record<string, unknown>,
    topic: StaticPageTopicEntity | null,
  ): Promise<void> {
    const tenant = TenantContext.current();
    const { site } = await this.adminPage.of(request);
    const t: T = (key, params) => themingT(site.locale, key, params);
    await submitForm(reply, {
      read: (errors) => {
        const input = {
          title: formTranslated(body, 'title', tenant.locales),
          description: formTranslated(body, 'description', tenant.locales),
          weight: readWeight(body, t, errors),
        };
        requireTitle(input.title, t, errors, tenant.defaultLocale);
        return input;
      },
      save: async (input) => {
        await this.pages.saveTopic(topic, input);
        return '/admin/topics?saved=1';
      },
      render: (input, errors, status) =>
        this.renderTopicForm(request, reply, topic, input, errors, status),
    });
  }

  private async renderTopicForm(
    request: FastifyRequest,
    reply: FastifyReply,
    topic: StaticPageTopicEntity | null,
    values: Partial<Pick<StaticPageTopicEntity, 'title' | 'description' | 'weight'>>,
    errors: FieldErrors,
    status = 200,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const tenant = TenantContext.current();
    const t: T = (key, params) => themingT(site.locale, key, params);
    const title = topic
      ? t('topics.edit', { name: translate(topic.title, site.locale, tenant.defaultLocale) })
      : t('topics.new');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        <form
          method="post"
          action={topic ? `/admin/topics/${topic.id}` : '/admin/topics'}
          noValidate
        >
          <CsrfField token={site.csrfToken} />
          <TranslatedField
            name="title"
            label={t('field.title')}
            locales={tenant.locales}
            value={values.title}
            errors={errors}
          />
          <TranslatedField
            name="description"
            label={t('field.description')}
            locales={tenant.locales}
            value={values.description}
            errors={errors}
            multiline
          />
          <TextField
            name="weight"
            type="number"
            label={t('pages.weight')}
            hint={t('pages.weightHint')}
            value={String(values.weight ?? 0)}
            errors={errors}
          />
          <p>
            <button type="submit" class="button">
              {t('topics.save')}
            </button>
          </p>
        </form>
      </AdminLayout>,
    );
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }
}
