import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate } from '@plaza/core';
import { formatBytes } from '@plaza/storage';
import { TenantContext } from '@plaza/tenancy';
import {
  AdminLayout,
  adminT,
  CsrfField,
  ErrorSummary,
  FieldErrors,
  FileField,
  formString,
  formTranslated,
  OnHost,
  renderPage,
  RequireAdmin,
  SelectField,
  submitForm,
  TextField,
  TranslatedField,
  uploadedFile,
} from '@plaza/web';

import { AdminPage } from '../admin/admin-page';
import {
  APPEARANCE_IMAGE_MAX_BYTES,
  AppearanceService,
  ImageRefusedError,
} from '../appearance/appearance.service';
import { sanitizeAdminHtml } from '../html-sanitizer';
import { ThemingKey, themingNotFound, themingT } from '../theming.messages';
import {
  CONTENT_BLOCK_KINDS,
  ContentBlockEntity,
  ContentBlockKind,
  ContentBlockSettings,
  isContentBlockKind,
} from './content-block.entity';
import { ContentBlockProviders, ITEM_BLOCK_KINDS } from './content-block-providers';
import { ContentBlocksService, DEFAULT_BLOCK_LIMIT } from './content-blocks.service';

const WITH_CTA: readonly ContentBlockKind[] = ['hero', 'how_to_participate', 'footer_sub_hero'];
const WITH_BODY: readonly ContentBlockKind[] = ['how_to_participate', 'html', 'footer_sub_hero'];

function isLink(value: string): boolean {
  return (/^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value)) && value.length <= 500;
}

/** /admin/homepage: add, remove, reorder (buttons, no script needed) and configure blocks. */
@Controller('admin/homepage')
@OnHost('tenant')
@RequireAdmin()
export class ContentBlocksAdminController {
  constructor(
    private readonly adminPage: AdminPage,
    private readonly blocks: ContentBlocksService,
    private readonly providers: ContentBlockProviders,
    private readonly appearance: AppearanceService,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const blocks = await this.blocks.list();
    const t = (key: ThemingKey, params?: Record<string, string>) =>
      themingT(site.locale, key, params);
    const tenant = TenantContext.current();
    const nameOf = (b: ContentBlockEntity) => {
      const custom = translate(b.settings?.title, site.locale, tenant.defaultLocale);
      return custom ? `${t(`kind.${b.kind}`)}: ${custom}` : t(`kind.${b.kind}`);
    };
    const title = t('section.homepage');
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        {saved === '1' && (
          <p class="notice" role="status">
            {adminT(site.locale, 'form.saved')}
          </p>
        )}
        <p>{t('blocks.intro')}</p>
        {blocks.length === 0 ? (
          <p>{t('blocks.empty')}</p>
        ) : (
          <ol class="block-list">
            {blocks.map((b, i) => (
              <li key={b.id}>
                <strong>{nameOf(b)}</strong>
                {(ITEM_BLOCK_KINDS as readonly string[]).concat('statistics').includes(b.kind) &&
                  !this.providers.hasProviders(b.kind) && <span> — {t('blocks.waiting')}</span>}
                <div class="block-actions">
                  {i > 0 && (
                    <form class="inline-form" method="post" action={`/admin/homepage/${b.id}/move`}>
                      <CsrfField token={site.csrfToken} />
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" class="button secondary">
                        {t('blocks.moveUp', { name: nameOf(b) })}
                      </button>
                    </form>
                  )}{' '}
                  {i < blocks.length - 1 && (
                    <form class="inline-form" method="post" action={`/admin/homepage/${b.id}/move`}>
                      <CsrfField token={site.csrfToken} />
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit" class="button secondary">
                        {t('blocks.moveDown', { name: nameOf(b) })}
                      </button>
                    </form>
                  )}{' '}
                  <a class="button secondary" href={`/admin/homepage/${b.id}`}>
                    {t('blocks.configure', { name: nameOf(b) })}
                  </a>{' '}
                  <form class="inline-form" method="post" action={`/admin/homepage/${b.id}/delete`}>
                    <CsrfField token={site.csrfToken} />
                    <button type="submit" class="button danger">
                      {t('blocks.remove', { name: nameOf(b) })}
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ol>
        )}
        <h2>{t('blocks.add')}</h2>
        <form method="post" action="/admin/homepage">
          <CsrfField token={site.csrfToken} />
          <SelectField
            name="kind"
            label={t('blocks.kind')}
            options={CONTENT_BLOCK_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <button type="submit" class="button">
            {t('blocks.addButton')}
          </button>
        </form>
      </AdminLayout>,
    );
    await reply.type('text/html; charset=utf-8').send(html);
  }

  @Post()
  async add(@Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const kind = formString(body, 'kind');
    if (!isContentBlockKind(kind)) throw themingNotFound('error.noSuchBlockKind');
    const block = await this.blocks.add(kind);
    void reply.redirect(`/admin/homepage/${block.id}`, 303);
  }

  @Post(':id/move')
  async move(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const direction = formString(body, 'direction') === 'up' ? 'up' : 'down';
    if (!(await this.blocks.move(id, direction))) throw themingNotFound('error.noSuchBlock');
    void reply.redirect('/admin/homepage', 303);
  }

  @Post(':id/delete')
  async remove(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const block = await this.blocks.find(id);
    if (!block || !(await this.blocks.remove(id))) throw themingNotFound('error.noSuchBlock');
    await this.appearance.deleteImages([block.imageFileId]);
    void reply.redirect('/admin/homepage', 303);
  }

  @Get(':id')
  async edit(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const block = await this.blocks.find(id);
    if (!block) throw themingNotFound('error.noSuchBlock');
    await this.renderEdit(request, reply, block, block.settings ?? {}, {});
  }

  @Post(':id')
  async update(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const block = await this.blocks.find(id);
    if (!block) throw themingNotFound('error.noSuchBlock');
    const tenant = TenantContext.current();
    const { site } = await this.adminPage.of(request);
    const t = (key: ThemingKey) => themingT(site.locale, key);
    await submitForm(reply, {
      read: (errors) => {
        const settings: ContentBlockSettings = {
          title: formTranslated(body, 'title', tenant.locales),
        };
        if (block.kind === 'hero')
          settings.subtitle = formTranslated(body, 'subtitle', tenant.locales);
        if (WITH_BODY.includes(block.kind)) {
          const bodyText = formTranslated(body, 'body', tenant.locales);
          settings.body =
            block.kind === 'html'
              ? Object.fromEntries(
                  Object.entries(bodyText).map(([l, v]) => [l, sanitizeAdminHtml(v ?? '')]),
                )
              : bodyText;
        }
        if (WITH_CTA.includes(block.kind)) {
          settings.ctaLabel = formTranslated(body, 'ctaLabel', tenant.locales);
          const url = formString(body, 'ctaUrl');
          if (url && !isLink(url)) errors.ctaUrl = [t('blocks.linkInvalid')];
          settings.ctaUrl = url || undefined;
        }
        if ((ITEM_BLOCK_KINDS as readonly string[]).includes(block.kind)) {
          const raw = formString(body, 'limit');
          const limit = raw ? Number(raw) : DEFAULT_BLOCK_LIMIT;
          if (!Number.isInteger(limit) || limit < 1 || limit > 24)
            errors.limit = [t('blocks.limitInvalid')];
          else settings.limit = limit;
        }
        return settings;
      },
      save: async (settings, errors) => {
        let imageFileId: string | undefined;
        const file = block.kind === 'hero' ? uploadedFile(body, 'image') : null;
        if (file) {
          try {
            imageFileId = (await this.appearance.uploadImage(file, site.locale)).id;
          } catch (error) {
            if (!(error instanceof ImageRefusedError)) throw error;
            errors.image = [error.userMessage];
            return undefined;
          }
        }
        await this.blocks.update(block.id, settings, imageFileId);
        if (imageFileId) await this.appearance.deleteImages([block.imageFileId]);
        return '/admin/homepage?saved=1';
      },
      render: (settings, errors, status) =>
        this.renderEdit(request, reply, block, settings, errors, status),
    });
  }

  private async renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    block: ContentBlockEntity,
    values: ContentBlockSettings,
    errors: FieldErrors,
    status = 200,
  ): Promise<void> {
    const { site, sections } = await this.adminPage.of(request);
    const tenant = TenantContext.current();
    const t = (key: ThemingKey, params?: Record<string, string>) =>
      themingT(site.locale, key, params);
    const title = t('blocks.configureTitle', { name: t(`kind.${block.kind}`) });
    const html = renderPage(
      <AdminLayout site={site} title={title} sections={sections}>
        <h1>{title}</h1>
        <ErrorSummary title={adminT(site.locale, 'form.errorsTitle')} errors={errors} />
        <form
          method="post"
          action={`/admin/homepage/${block.id}`}
          enctype="multipart/form-data"
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
          {block.kind === 'hero' && (
            <TranslatedField
              name="subtitle"
              label={t('field.subtitle')}
              locales={tenant.locales}
              value={values.subtitle}
              errors={errors}
            />
          )}
          {WITH_BODY.includes(block.kind) && (
            <TranslatedField
              name="body"
              label={block.kind === 'html' ? t('field.html') : t('field.body')}
              hint={block.kind === 'html' ? t('field.htmlHint') : undefined}
              locales={tenant.locales}
              value={values.body}
              errors={errors}
              multiline
            />
          )}
          {WITH_CTA.includes(block.kind) && (
            <>
              <TranslatedField
                name="ctaLabel"
                label={t('field.ctaLabel')}
                locales={tenant.locales}
                value={values.ctaLabel}
                errors={errors}
              />
              <TextField
                name="ctaUrl"
                label={t('field.ctaUrl')}
                value={values.ctaUrl}
                errors={errors}
              />
            </>
          )}
          {(ITEM_BLOCK_KINDS as readonly string[]).includes(block.kind) && (
            <TextField
              name="limit"
              type="number"
              label={t('field.limit')}
              value={String(values.limit ?? DEFAULT_BLOCK_LIMIT)}
              errors={errors}
            />
          )}
          {block.kind === 'hero' && (
            <FileField
              name="image"
              label={t('field.image')}
              hint={t('appearance.imageHint', { size: formatBytes(APPEARANCE_IMAGE_MAX_BYTES) })}
              accept="image/png,image/jpeg,image/gif,image/webp"
              errors={errors}
            />
          )}
          <p>
            <button type="submit" class="button">
              {t('blocks.save')}
            </button>
          </p>
        </form>
      </AdminLayout>,
    );
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }
}
