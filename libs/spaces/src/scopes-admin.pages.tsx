import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate, Translated } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import {
  AdminLayout,
  AdminSections,
  ErrorSummary,
  FieldError,
  OnHost,
  PostButton,
  renderPage,
  RequireAdmin,
  SelectField,
  submitForm,
  TextField,
  TranslatedField,
} from '@plaza/web';

import { ScopeEntity } from './scope.entity';
import { ScopesKey, scopesT } from './scopes.messages';
import {
  indented,
  ScopeInput,
  ScopeRefusal,
  ScopeRow,
  ScopesService,
  scopeTree,
} from './scopes.service';
import { SiteContextProvider } from './site-context.provider';
import { FormBody, FormErrors, readTranslated } from './space-form';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

type Errors = Record<string, ScopesKey>;

/** Reads the scope form; errors map field names to message keys. */
export function readScopeForm(
  body: FormBody,
  locales: readonly string[],
): { input: ScopeInput; errors: Errors } {
  const errors: Errors = {};
  const lengthErrors: FormErrors = {};
  const name = readTranslated(body, 'name', locales, 200, lengthErrors);
  for (const field of Object.keys(lengthErrors)) errors[field] = 'error.tooLong';
  if (Object.keys(name).length === 0) errors[`name_${locales[0]}`] = 'error.nameRequired';
  const code = typeof body.code === 'string' ? body.code.trim() : '';
  if (code && !CODE.test(code)) errors.code = 'error.code';
  const parent = typeof body.parentId === 'string' ? body.parentId : '';
  const parentId = /^[0-9a-f-]{36}$/i.test(parent) ? parent : null;
  if (parent && !parentId) errors.parentId = 'error.parent';
  const type = typeof body.scopeTypeId === 'string' ? body.scopeTypeId : '';
  const scopeTypeId = /^[0-9a-f-]{36}$/i.test(type) ? type : null;
  if (type && !scopeTypeId) errors.scopeTypeId = 'error.type';
  return { input: { name, code: code || null, parentId, scopeTypeId }, errors };
}

function readScopeInto(body: FormBody, errors: Errors): ScopeInput {
  const read = readScopeForm(body, TenantContext.current().locales);
  Object.assign(errors, read.errors);
  return read.input;
}

/** Saves, turning the service's refusal (a code already used, a parent loop) into a field error. */
async function unlessRefused(
  errors: Errors,
  save: () => Promise<unknown>,
): Promise<string | undefined> {
  try {
    await save();
    return '/admin/scopes';
  } catch (error) {
    if (!(error instanceof ScopeRefusal)) throw error;
    errors[error.field] = error.key;
    return undefined;
  }
}

/** Organization admins keep the tree of scopes (districts, themes...). */
@Controller('admin/scopes')
@OnHost('tenant')
@RequireAdmin()
export class ScopesAdminPages {
  constructor(
    private readonly scopes: ScopesService,
    private readonly siteContext: SiteContextProvider,
    private readonly sections: AdminSections,
  ) {
    sections.add({ href: '/admin/scopes', order: 50, label: (l) => scopesT(l, 'title') });
  }

  @Get()
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.render(request, reply, null, {}, {}, 200);
  }

  @Post()
  async create(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await submitForm<ScopeInput, Errors>(reply, {
      read: (errors) => readScopeInto(body, errors),
      save: (input, errors) => unlessRefused(errors, () => this.scopes.create(input)),
      render: (_, errors, status) => this.render(request, reply, null, body, errors, status),
    });
  }

  @Post('types')
  async createType(
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const locales = TenantContext.current().locales;
    await submitForm<{ name: Translated; plural: Translated }, Errors>(reply, {
      read: (errors) => {
        const lengthErrors: FormErrors = {};
        const name = readTranslated(body, 'type_name', locales, 200, lengthErrors);
        const plural = readTranslated(body, 'type_plural', locales, 200, lengthErrors);
        for (const field of Object.keys(lengthErrors)) errors[field] = 'error.tooLong';
        if (Object.keys(name).length === 0)
          errors[`type_name_${locales[0]}`] = 'error.nameRequired';
        return { name, plural };
      },
      save: async ({ name, plural }) => {
        await this.scopes.createType(name, plural);
        return '/admin/scopes#types-title';
      },
      render: (_, errors, status) => this.render(request, reply, null, body, errors, status),
    });
  }

  @Post('types/:typeId/delete')
  async deleteType(@Param('typeId', ParseUUIDPipe) typeId: string, @Res() reply: FastifyReply) {
    await this.scopes.deleteType(typeId);
    return reply.redirect('/admin/scopes#types-title', 303);
  }

  @Get(':id')
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.render(request, reply, await this.scopes.find(id), {}, {}, 200);
  }

  @Post(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const scope = await this.scopes.find(id);
    await submitForm<ScopeInput, Errors>(reply, {
      read: (errors) => readScopeInto(body, errors),
      save: (input, errors) => unlessRefused(errors, () => this.scopes.update(id, input)),
      render: (_, errors, status) => this.render(request, reply, scope, body, errors, status),
    });
  }

  @Post(':id/delete')
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const scope = await this.scopes.find(id);
    try {
      await this.scopes.delete(id);
    } catch (error) {
      if (!(error instanceof ScopeRefusal)) throw error;
      return this.render(request, reply, scope, {}, { [error.field]: error.key }, 422);
    }
    return reply.redirect('/admin/scopes', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: ScopeEntity | null,
    body: FormBody,
    rawErrors: Errors,
    status: number,
  ) {
    const site = await this.siteContext.build(request);
    const locales = TenantContext.current().locales;
    const fallback = TenantContext.current().defaultLocale;
    const t = (key: ScopesKey, params?: Record<string, string>) =>
      scopesT(site.locale, key, params);
    const tr = (f: Translated | null | undefined) => translate(f, site.locale, fallback);
    const rows = scopeTree(await this.scopes.list(), site.locale, fallback);
    const types = await this.scopes.types();
    const errors = Object.fromEntries(Object.entries(rawErrors).map(([k, v]) => [k, t(v)]));
    const labels: Record<string, string> = {
      code: t('field.code'),
      parentId: t('field.parent'),
      scopeTypeId: t('field.type'),
      delete: t('delete'),
    };
    for (const l of locales) {
      labels[`name_${l}`] = `${t('field.name')} (${l})`;
      labels[`type_name_${l}`] = `${t('field.name')} (${l})`;
    }
    // The type form posts type_* fields only: the scope form then starts empty.
    const hasBody = Object.keys(body).some((k) => !k.startsWith('type_'));
    const value = (k: 'code' | 'parentId' | 'scopeTypeId') =>
      hasBody ? (typeof body[k] === 'string' ? (body[k] as string) : '') : (scope?.[k] ?? '');
    const title = scope ? t('edit') : t('title');
    const csrf = site.csrfToken ?? '';
    const action = scope ? `/admin/scopes/${scope.id}` : '/admin/scopes';
    const form = (
      <form method="post" action={action} noValidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TranslatedField
          naming="underscored"
          name="name"
          label={t('field.name')}
          locales={locales}
          value={hasBody ? readTranslated(body, 'name', locales, Infinity, {}) : scope?.name}
          errors={errors}
        />
        <TextField
          id="code"
          name="code"
          label={t('field.code')}
          hint={t('field.codeHint')}
          value={value('code')}
          error={errors.code}
        />
        <SelectField
          id="parentId"
          name="parentId"
          label={t('field.parent')}
          value={value('parentId')}
          error={errors.parentId}
          options={[
            { value: '', label: t('none') },
            ...rows
              .filter((r) => r.scope.id !== scope?.id)
              .map((r) => ({ value: r.scope.id, label: indented(r, tr) })),
          ]}
        />
        {types.length > 0 && (
          <SelectField
            id="scopeTypeId"
            name="scopeTypeId"
            label={t('field.type')}
            value={value('scopeTypeId')}
            error={errors.scopeTypeId}
            options={[
              { value: '', label: t('noType') },
              ...types.map((ty) => ({ value: ty.id, label: tr(ty.name) })),
            ]}
          />
        )}
        <button type="submit">{scope ? t('save') : t('add')}</button>
      </form>
    );
    await reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          <AdminLayout site={site} title={title} sections={this.sections.navFor(site.locale)}>
            {scope && (
              <p>
                <a href="/admin/scopes">{t('back')}</a>
              </p>
            )}
            <h1>{title}</h1>
            <ErrorSummary
              idOf={(f) => f}
              title={t('errorSummary')}
              errors={errors}
              labels={labels}
            />
            {scope ? (
              <>
                {form}
                <form method="post" action={`/admin/scopes/${scope.id}/delete`} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button
                    type="submit"
                    id="delete"
                    aria-describedby={errors.delete ? 'delete-error' : undefined}
                  >
                    {t('delete')}
                  </button>
                  <FieldError name="delete" id="delete" error={errors.delete} />
                </form>
              </>
            ) : (
              <>
                <p>{t('intro')}</p>
                {rows.length === 0 ? <p>{t('empty')}</p> : <ScopeList rows={rows} tr={tr} t={t} />}
                <h2>{t('add')}</h2>
                {form}
                <section aria-labelledby="types-title">
                  <h2 id="types-title">{t('types.title')}</h2>
                  <p>{t('types.intro')}</p>
                  {types.length === 0 ? (
                    <p>{t('types.empty')}</p>
                  ) : (
                    <ul>
                      {types.map((ty) => (
                        <li key={ty.id}>
                          {tr(ty.name)}
                          {tr(ty.plural) && ` / ${tr(ty.plural)}`}{' '}
                          <PostButton action={`/admin/scopes/types/${ty.id}/delete`} csrf={csrf}>
                            {t('types.delete', { name: tr(ty.name) })}
                          </PostButton>
                        </li>
                      ))}
                    </ul>
                  )}
                  <h3>{t('types.add')}</h3>
                  <form method="post" action="/admin/scopes/types" noValidate>
                    <input type="hidden" name="_csrf" value={csrf} />
                    <TranslatedField
                      naming="underscored"
                      name="type_name"
                      label={t('field.name')}
                      locales={locales}
                      value={readTranslated(body, 'type_name', locales, Infinity, {})}
                      errors={errors}
                    />
                    <TranslatedField
                      naming="underscored"
                      name="type_plural"
                      label={t('field.plural')}
                      locales={locales}
                      value={readTranslated(body, 'type_plural', locales, Infinity, {})}
                      errors={errors}
                    />
                    <button type="submit">{t('types.add')}</button>
                  </form>
                </section>
              </>
            )}
          </AdminLayout>,
        ),
      );
  }
}

function ScopeList(props: {
  rows: ScopeRow[];
  tr: (f: Translated) => string;
  t: (k: ScopesKey, p?: Record<string, string>) => string;
}) {
  const { rows, tr, t } = props;
  const render = (parentId: string | null, depth: number): preact.VNode | null => {
    const level = rows.filter((r) => r.depth === depth && (r.scope.parentId ?? null) === parentId);
    if (level.length === 0) return null;
    return (
      <ul>
        {level.map((r) => (
          <li key={r.scope.id}>
            <a href={`/admin/scopes/${r.scope.id}`}>{tr(r.scope.name)}</a>
            {r.scope.scopeType && <> — {tr(r.scope.scopeType.name)}</>}
            {r.scope.code && <> ({t('code', { code: r.scope.code })})</>}
            {render(r.scope.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return render(null, 0);
}
