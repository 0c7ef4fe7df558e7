import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig, publicUrl, translate, Translated } from '@plaza/core';
import { TenantContext } from '@plaza/tenancy';
import { CurrentUsers, OnHost, renderPage, SelectField, SiteContext, SiteLayout } from '@plaza/web';

import { componentPath, spacePath } from './paths';
import { scopesT } from './scopes.messages';
import { indented, ScopesService, scopeTree } from './scopes.service';
import { ShareBox } from './share';
import { SiteContextProvider } from './site-context.provider';
import { PROCESS_METADATA_KEYS, SpaceEntity, SpaceKind } from './space.entity';
import { SpaceImagesService } from './space-images.service';
import { SpacePageExtensions } from './space-page-extensions';
import { SpacesKey, spacesT } from './spaces.messages';
import { SpacesService } from './spaces.service';

/** Public pages of processes and assemblies. */
@Controller()
@OnHost('tenant')
export class SpacesPages {
  constructor(
    private readonly spaces: SpacesService,
    private readonly users: CurrentUsers,
    private readonly siteContext: SiteContextProvider,
    private readonly extensions: SpacePageExtensions,
    private readonly images: SpaceImagesService,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
    private readonly scopes: ScopesService,
  ) {}

  @Get('processes')
  list(
    @Query('scope') scope: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.listPage('process', scope, request, reply);
  }

  @Get('assemblies')
  listAssemblies(
    @Query('scope') scope: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.listPage('assembly', scope, request, reply);
  }

  @Get('processes/:slug')
  show(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.spacePage('process', slug, request, reply);
  }

  @Get('assemblies/:slug')
  showAssembly(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.spacePage('assembly', slug, request, reply);
  }

  @Get('process-groups/:groupId')
  async group(
    @Param('groupId', ParseUUIDPipe) groupId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { group, processes } = await this.spaces.groupWithProcesses(groupId);
    const site = await this.siteContext.build(request);
    const tr = this.tr(site);
    await this.send(
      reply,
      <SiteLayout site={site} title={tr(group.title)}>
        <h1>{tr(group.title)}</h1>
        {tr(group.description) && <p>{tr(group.description)}</p>}
        <h2>{spacesT(site.locale, 'processes.title')}</h2>
        {processes.length === 0 ? (
          <p>{spacesT(site.locale, 'processes.empty')}</p>
        ) : (
          <ul class="card-list">
            {processes.map((p) => (
              <li key={p.id}>
                <a href={spacePath(p)}>{tr(p.title)}</a>
              </li>
            ))}
          </ul>
        )}
      </SiteLayout>,
    );
  }

  @Get(':segment/:slug/f/:componentId/pages')
  async page(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const { component, space, settings } = await this.spaces.componentInContext(componentId, user);
    if (component.manifest !== 'pages' || `/${segment}/${slug}` !== spacePath(space))
      throw new NotFoundException();
    const site = await this.siteContext.build(request);
    const tr = this.tr(site);
    const body = tr(settings.global.body as Translated);
    await this.send(
      reply,
      <SiteLayout site={site} title={tr(component.name)}>
        <p>
          <a href={spacePath(space)}>{tr(space.title)}</a>
        </p>
        <h1>{tr(component.name)}</h1>
        {body.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </SiteLayout>,
    );
  }

  private async listPage(
    kind: SpaceKind,
    scope: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const site = await this.siteContext.build(request);
    const all = await this.spaces.listPublished(kind, await this.users.of(request));
    const t = (key: SpacesKey) => spacesT(site.locale, key);
    const tr = this.tr(site);
    const title = t(kind === 'process' ? 'processes.title' : 'assemblies.title');
    // Decidim's filter by scope: the chosen scope and every scope below it.
    const scopeRows = scopeTree(
      await this.scopes.list(),
      site.locale,
      TenantContext.current().defaultLocale,
    );
    const scopeId = scopeRows.find((r) => r.scope.id === scope)?.scope.id;
    const within = scopeId ? new Set(await this.scopes.subtreeOf(scopeId)) : null;
    const spaces = within ? all.filter((s) => s.scopeId && within.has(s.scopeId)) : all;
    const listPath = kind === 'process' ? '/processes' : '/assemblies';
    const images = await this.images.urls(spaces.map((s) => s.heroImageId));
    await this.send(
      reply,
      <SiteLayout site={site} title={title}>
        <h1>{title}</h1>
        {scopeRows.length > 0 && (
          <form method="get" action={listPath} role="search">
            <SelectField
              id="scope"
              name="scope"
              label={scopesT(site.locale, 'scope')}
              value={scopeId ?? ''}
              options={[
                { value: '', label: scopesT(site.locale, 'allScopes') },
                ...scopeRows.map((r) => ({ value: r.scope.id, label: indented(r, tr) })),
              ]}
            />
            <button type="submit">{scopesT(site.locale, 'filter')}</button>
          </form>
        )}
        {spaces.length === 0 ? (
          <p>{t(kind === 'process' ? 'processes.empty' : 'assemblies.empty')}</p>
        ) : (
          <ul class="card-list">
            {spaces.map((s) => (
              <li key={s.id}>
                {s.heroImageId && images.get(s.heroImageId) && (
                  <img
                    class="card-image"
                    src={images.get(s.heroImageId)!.thumbnail}
                    alt={tr(s.heroImageAlt)}
                  />
                )}
                <h2>
                  <a href={spacePath(s)}>{tr(s.title)}</a>
                </h2>
                {s.promoted && <span class="badge">{t('promoted')}</span>}
                {tr(s.subtitle) && <p>{tr(s.subtitle)}</p>}
                {tr(s.shortDescription) && <p>{tr(s.shortDescription)}</p>}
                {s.startDate && s.endDate && (
                  <p>{spacesT(site.locale, 'dates', { start: s.startDate, end: s.endDate })}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </SiteLayout>,
    );
  }

  private async spacePage(
    kind: SpaceKind,
    slug: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const site = await this.siteContext.build(request);
    const user = await this.users.of(request);
    const view = await this.spaces.findPublished(kind, slug, user);
    const { space, phases, components, members, children } = view;
    const extra = await this.extensions.render(space, user, site);
    const t = (key: SpacesKey) => spacesT(site.locale, key);
    const tr = this.tr(site);
    const hero = space.heroImageId
      ? (await this.images.urls([space.heroImageId])).get(space.heroImageId)
      : undefined;
    await this.send(
      reply,
      <SiteLayout site={site} title={tr(space.title)}>
        {hero && <img class="space-hero" src={hero.large} alt={tr(space.heroImageAlt)} />}
        <h1>{tr(space.title)}</h1>
        {tr(space.subtitle) && <p class="subtitle">{tr(space.subtitle)}</p>}
        {!space.publishedAt && <p class="notice">{t('previewNotice')}</p>}
        {space.visibility === 'transparent' && <p class="notice">{t('transparent')}</p>}
        {space.visibility === 'private' && <p class="notice">{t('private')}</p>}
        {space.startDate && space.endDate && (
          <p>{spacesT(site.locale, 'dates', { start: space.startDate, end: space.endDate })}</p>
        )}
        {space.group && (
          <p>
            {t('group')}: <a href={`/process-groups/${space.group.id}`}>{tr(space.group.title)}</a>
          </p>
        )}
        {space.scope && (
          <p>
            {scopesT(site.locale, 'scope')}: {tr(space.scope.name)}
          </p>
        )}
        {space.hashtag && (
          <p>
            {t('hashtag')}: #{space.hashtag}
          </p>
        )}
        {extra}
        {tr(space.shortDescription) && <p>{tr(space.shortDescription)}</p>}
        {tr(space.description) && <div class="description">{tr(space.description)}</div>}
        {phases.length > 0 && (
          <section aria-labelledby="phases-title">
            <h2 id="phases-title">{t('phases')}</h2>
            <ol class="timeline">
              {phases.map((p) => (
                <li key={p.id} aria-current={p.active ? 'step' : undefined}>
                  <strong>{tr(p.title)}</strong>
                  {p.active && <span class="badge">{t('activePhase')}</span>}
                  {p.startDate && p.endDate && (
                    <div>
                      {spacesT(site.locale, 'dates', { start: p.startDate, end: p.endDate })}
                    </div>
                  )}
                  {tr(p.description) && <div>{tr(p.description)}</div>}
                </li>
              ))}
            </ol>
          </section>
        )}
        <section aria-labelledby="components-title">
          <h2 id="components-title">{t('components')}</h2>
          {components.length === 0 ? (
            <p>{t('noComponents')}</p>
          ) : (
            <ul>
              {components.map((c) => (
                <li key={c.id}>
                  <a href={componentPath(space, c)}>{tr(c.name)}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        {kind === 'process' && <Metadata space={space} tr={tr} t={t} />}
        {kind === 'assembly' && (
          <>
            {tr(space.purpose) && (
              <section>
                <h2>{t('purpose')}</h2>
                <p>{tr(space.purpose)}</p>
              </section>
            )}
            {tr(space.composition) && (
              <section>
                <h2>{t('composition')}</h2>
                <p>{tr(space.composition)}</p>
              </section>
            )}
            {members.length > 0 && (
              <section aria-labelledby="members-title">
                <h2 id="members-title">{t('members')}</h2>
                <ul>
                  {members.map((m) => (
                    <li key={m.id}>
                      {m.fullName} —{' '}
                      {m.position === 'other' && m.positionOther
                        ? m.positionOther
                        : t(`position.${m.position}`)}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {children.length > 0 && (
              <section aria-labelledby="children-title">
                <h2 id="children-title">{t('children')}</h2>
                <ul>
                  {children.map((c) => (
                    <li key={c.id}>
                      <a href={spacePath(c)}>{tr(c.title)}</a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
        <ShareBox
          url={publicUrl(this.config, request.hostname, spacePath(space))}
          title={tr(space.title)}
          locale={site.locale}
          nonce={site.nonce}
        />
      </SiteLayout>,
    );
  }

  private tr(site: SiteContext) {
    const fallback = TenantContext.current().defaultLocale;
    return (field: Translated | null | undefined) => translate(field, site.locale, fallback);
  }

  private async send(reply: FastifyReply, element: preact.VNode) {
    await reply.type('text/html; charset=utf-8').send(renderPage(element));
  }
}

function Metadata(props: {
  space: SpaceEntity;
  tr: (f: Translated | undefined) => string;
  t: (k: SpacesKey) => string;
}) {
  const entries = PROCESS_METADATA_KEYS.map(
    (k) => [k, props.tr(props.space.metadata[k])] as const,
  ).filter(([, v]) => v);
  if (entries.length === 0) return null;
  return (
    <dl class="metadata">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{props.t(`meta.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
