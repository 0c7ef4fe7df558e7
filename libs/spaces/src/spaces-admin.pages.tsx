import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate, Translated } from '@plaza/core';
import { formatBytes } from '@plaza/storage';
import { PlanLimitException, TenantContext } from '@plaza/tenancy';
import {
  AdminLayout,
  AdminSections,
  CheckboxField,
  CurrentUsers,
  ErrorSummary,
  FileField,
  OnHost,
  planLimitMessage,
  planT,
  PostButton,
  renderPage,
  RequireAdmin,
  SelectField,
  SiteContext,
  submitForm,
  TextField,
  TranslatedField,
  uploadedFile,
  wantsJson,
} from '@plaza/web';

import { MEMBER_POSITIONS, MemberPosition } from './assembly-member.entity';
import { ComponentEntity, Settings } from './component.entity';
import {
  COMPONENT_MANIFESTS,
  manifestOf,
  parseSettings,
  SettingDefinition,
} from './component-manifests';
import { permissionsT } from './component-permissions.messages';
import { spacePath } from './paths';
import { scopesT } from './scopes.messages';
import { indented, ScopesService, scopeTree } from './scopes.service';
import { SiteContextProvider } from './site-context.provider';
import {
  ASSEMBLY_TYPES,
  PROCESS_METADATA_KEYS,
  SPACE_VISIBILITIES,
  SpaceEntity,
  SpaceKind,
} from './space.entity';
import {
  FormBody,
  FormErrors,
  PhaseInput,
  readPhaseForm,
  readSpaceForm,
  readTranslated,
  SpaceInput,
} from './space-form';
import {
  HERO_IMAGE_MAX_BYTES,
  SpaceImagesService,
  UploadRefusedError,
} from './space-images.service';
import { SpaceMediaKey, spaceMediaT } from './space-media.messages';
import { SPACE_ROLES, SpaceRole } from './space-role.entity';
import { OnlySpaceRoles, RequireSpaceRole } from './space-role.guard';
import { spaceRolesT } from './space-roles.messages';
import { spacesError, SpacesKey, spacesT } from './spaces.messages';
import { SpacesService } from './spaces.service';
import { SlugTakenError, SpaceAdminView, SpacesAdminService } from './spaces-admin.service';

type T = (key: SpacesKey, params?: Record<string, string | number>) => string;

const asKind = (v: unknown): SpaceKind => (v === 'assembly' ? 'assembly' : 'process');

/** Keeps a form reader's errors in the ones `submitForm` collects, returning its values. */
function readInto<V>(read: { input: V; errors: FormErrors }, errors: FormErrors): V {
  Object.assign(errors, read.errors);
  return read.input;
}

/** Saves a space, turning a taken slug into the field's error. */
async function unlessSlugTaken<R>(
  errors: FormErrors,
  save: () => Promise<R>,
): Promise<R | undefined> {
  try {
    return await save();
  } catch (error) {
    if (!(error instanceof SlugTakenError)) throw error;
    errors.slug = 'error.slugTaken';
    return undefined;
  }
}

/**
 * Organization admins manage every space, their phases, components, members and
 * roles; space admins (space role `admin`) manage their own spaces only.
 */
@Controller('admin/spaces')
@OnHost('tenant')
@RequireSpaceRole('admin')
export class SpacesAdminPages {
  constructor(
    private readonly admin: SpacesAdminService,
    private readonly siteContext: SiteContextProvider,
    private readonly scopes: ScopesService,
    private readonly images: SpaceImagesService,
    private readonly users: CurrentUsers,
    private readonly spacesService: SpacesService,
    private readonly sections: AdminSections,
  ) {
    sections.add({
      href: '/admin/spaces',
      order: 60,
      label: (locale) => spacesT(locale, 'admin.section'),
    });
  }

  /** Every space for organization admins; for others, the spaces where they hold a role. */
  @Get()
  @OnlySpaceRoles('admin', 'moderator', 'valuator')
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const user = (await this.users.of(request))!;
    const organizationAdmin = user.roles.includes('admin');
    const all = await this.admin.list();
    const held = async (role: SpaceRole) =>
      new Set(organizationAdmin ? [] : await this.spacesService.spacesWithRole(user.id, [role]));
    const [admins, moderators, valuators] = [
      await held('admin'),
      await held('moderator'),
      await held('valuator'),
    ];
    const spaces = organizationAdmin
      ? all.spaces
      : all.spaces.filter((s) => admins.has(s.id) || moderators.has(s.id) || valuators.has(s.id));
    const evaluate = await this.admin.proposalComponents([...valuators]);
    const groups = organizationAdmin ? all.groups : [];
    const rt = (k: Parameters<typeof spaceRolesT>[1], p?: Record<string, string>) =>
      spaceRolesT(site.locale, k, p);
    const locales = TenantContext.current().locales;
    await this.send(
      reply,
      200,
      <AdminLayout
        site={site}
        title={t('admin.title')}
        sections={this.sections.navFor(site.locale)}
      >
        <h1>{t('admin.title')}</h1>
        {organizationAdmin && (
          <p>
            <a href="/admin/spaces/new?kind=process">{t('admin.newProcess')}</a> ·{' '}
            <a href="/admin/spaces/new?kind=assembly">{t('admin.newAssembly')}</a>
          </p>
        )}
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.title')}</th>
              <th scope="col">{t('field.assemblyType')}</th>
              <th scope="col">{t('field.published')}</th>
              {!organizationAdmin && <th scope="col">{rt('yourWork')}</th>}
            </tr>
          </thead>
          <tbody>
            {spaces.map((s) => (
              <tr key={s.id}>
                <td>
                  {organizationAdmin || admins.has(s.id) ? (
                    <a href={`/admin/spaces/${s.id}`}>{tr(s.title) || s.slug}</a>
                  ) : (
                    tr(s.title) || s.slug
                  )}
                </td>
                <td>{t(s.kind === 'process' ? 'nav.processes' : 'nav.assemblies')}</td>
                <td>{t(s.publishedAt ? 'admin.published' : 'admin.unpublished')}</td>
                {!organizationAdmin && (
                  <td>
                    <ul>
                      {admins.has(s.id) && (
                        <li>
                          <a href={`/admin/spaces/${s.id}`}>{rt('manage')}</a>
                        </li>
                      )}
                      {valuators.has(s.id) &&
                        evaluate
                          .filter((c) => c.spaceId === s.id)
                          .map((c) => (
                            <li key={c.id}>
                              <a href={`/admin/spaces/${s.id}/components/${c.id}/proposals`}>
                                {rt('evaluate', { name: tr(c.name) })}
                              </a>
                            </li>
                          ))}
                      {(moderators.has(s.id) || admins.has(s.id)) && (
                        <li>
                          <a href="/admin/moderations">{rt('moderate')}</a>
                        </li>
                      )}
                    </ul>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {organizationAdmin && (
          <section aria-labelledby="groups-title">
            <h2 id="groups-title">{t('groups')}</h2>
            <ul>
              {groups.map((g) => (
                <li key={g.id}>
                  <a href={`/process-groups/${g.id}`}>{tr(g.title)}</a>
                </li>
              ))}
            </ul>
            <h3>{t('groups.add')}</h3>
            <form method="post" action="/admin/spaces/groups">
              <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
              <TranslatedField
                naming="underscored"
                name="group_title"
                label={t('field.title')}
                locales={locales}
                errors={{}}
              />
              <TranslatedField
                rows={5}
                naming="underscored"
                name="group_description"
                label={t('field.description')}
                locales={locales}
                errors={{}}
                multiline
              />
              <button type="submit">{t('groups.add')}</button>
            </form>
          </section>
        )}
      </AdminLayout>,
    );
  }

  @Post('groups')
  @RequireAdmin()
  async createGroup(@Body() body: FormBody, @Res() reply: FastifyReply) {
    const locales = TenantContext.current().locales;
    const errors: FormErrors = {};
    const title = readTranslated(body, 'group_title', locales, 200, errors);
    const description = readTranslated(body, 'group_description', locales, 20000, errors);
    if (Object.keys(title).length === 0 || Object.keys(errors).length > 0)
      throw spacesError(HttpStatus.BAD_REQUEST, 'error.titleRequired');
    await this.admin.createGroup(title, description);
    return reply.redirect('/admin/spaces#groups-title', 303);
  }

  @Get('new')
  @RequireAdmin()
  async newForm(
    @Query('kind') kind: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.spaceForm(request, reply, asKind(kind), null, {}, 200);
  }

  @Post()
  @RequireAdmin()
  async create(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const kind = asKind(body.kind);
    let imageError: string | undefined;
    let refusal: PlanLimitException | undefined;
    await submitForm<SpaceInput, FormErrors>(reply, {
      read: (errors) =>
        readInto(readSpaceForm(body, kind, TenantContext.current().locales), errors),
      save: async (input, errors) => {
        const saved = await unlessSlugTaken(errors, () =>
          this.withHeroImage(request, body, input, null, (i) => this.admin.create(kind, i)),
        ).catch((error: unknown) => {
          // The plan's limit: the form comes back as typed, with the reason.
          if (!(error instanceof PlanLimitException) || wantsJson(request)) throw error;
          refusal = error;
          return undefined;
        });
        imageError = saved?.imageError;
        return saved?.space ? `/admin/spaces/${saved.space.id}` : undefined;
      },
      render: (_, errors, status) =>
        this.spaceForm(
          request,
          reply,
          kind,
          null,
          { body, errors, imageError, refusal },
          refusal ? 403 : status,
        ),
    });
  }

  @Get(':id')
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.spaceForm(request, reply, null, await this.admin.view(id), {}, 200);
  }

  @Post(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.admin.view(id);
    let imageError: string | undefined;
    await submitForm<SpaceInput, FormErrors>(reply, {
      read: (errors) =>
        readInto(readSpaceForm(body, view.space.kind, TenantContext.current().locales), errors),
      save: async (input, errors) => {
        const saved = await unlessSlugTaken(errors, () =>
          this.withHeroImage(request, body, input, view.space, (i) => this.admin.update(id, i)),
        );
        imageError = saved?.imageError;
        return saved?.space ? `/admin/spaces/${id}` : undefined;
      },
      render: (_, errors, status) =>
        this.spaceForm(request, reply, null, view, { body, errors, imageError }, status),
    });
  }

  @Post(':id/phases')
  async addPhase(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await submitForm<PhaseInput, FormErrors>(reply, {
      read: (errors) => readInto(readPhaseForm(body, TenantContext.current().locales), errors),
      save: async (input) => {
        await this.admin.addPhase(id, input);
        return `/admin/spaces/${id}#phases`;
      },
      render: async (_, errors, status) =>
        this.spaceForm(
          request,
          reply,
          null,
          await this.admin.view(id),
          { phaseBody: body, phaseErrors: errors },
          status,
        ),
    });
  }

  @Get(':id/phases/:phaseId')
  async phaseForm(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('phaseId', ParseUUIDPipe) phaseId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.admin.view(id);
    const phase = await this.admin.phase(id, phaseId);
    const locales = TenantContext.current().locales;
    const body: FormBody = {
      phase_startDate: phase.startDate ?? '',
      phase_endDate: phase.endDate ?? '',
    };
    for (const l of locales) {
      body[`phase_title_${l}`] = phase.title[l as keyof Translated] ?? '';
      body[`phase_description_${l}`] = phase.description[l as keyof Translated] ?? '';
    }
    await this.renderPhaseForm(request, reply, view.space, phaseId, body, {}, 200);
  }

  @Post(':id/phases/:phaseId')
  async updatePhase(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('phaseId', ParseUUIDPipe) phaseId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.admin.view(id);
    await this.admin.phase(id, phaseId);
    await submitForm<PhaseInput, FormErrors>(reply, {
      read: (errors) => readInto(readPhaseForm(body, TenantContext.current().locales), errors),
      save: async (input) => {
        await this.admin.updatePhase(id, phaseId, input);
        return `/admin/spaces/${id}#phases`;
      },
      render: (_, errors, status) =>
        this.renderPhaseForm(request, reply, view.space, phaseId, body, errors, status),
    });
  }

  @Post(':id/phases/:phaseId/delete')
  async deletePhase(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('phaseId', ParseUUIDPipe) phaseId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.admin.deletePhase(id, phaseId);
    return reply.redirect(`/admin/spaces/${id}#phases`, 303);
  }

  @Post(':id/phases/:phaseId/activate')
  async activate(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('phaseId', ParseUUIDPipe) phaseId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.admin.activatePhase(id, phaseId);
    return reply.redirect(`/admin/spaces/${id}#phases`, 303);
  }

  @Post(':id/components')
  async addComponent(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    const manifest = typeof body.manifest === 'string' ? body.manifest : '';
    if (!manifestOf(manifest)) throw spacesError(HttpStatus.NOT_FOUND, 'error.manifestMissing');
    const errors: FormErrors = {};
    const name = readTranslated(body, 'name', TenantContext.current().locales, 200, errors);
    const component = await this.admin.addComponent(id, manifest, name);
    return reply.redirect(`/admin/spaces/${id}/components/${component.id}`, 303);
  }

  @Get(':id/components/:componentId')
  async componentForm(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.admin.view(id);
    const component = await this.admin.component(id, componentId);
    await this.renderComponentForm(request, reply, view, component, null, {}, 200);
  }

  @Post(':id/components/:componentId')
  async saveComponent(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const view = await this.admin.view(id);
    const component = await this.admin.component(id, componentId);
    const manifest = manifestOf(component.manifest);
    if (!manifest) throw spacesError(HttpStatus.NOT_FOUND, 'error.manifestMissing');
    const locales = TenantContext.current().locales;
    const errors: Record<string, string> = {};
    const nameErrors: FormErrors = {};
    const name = readTranslated(body, 'name', locales, 200, nameErrors);
    const global = parseSettings(manifest.global, body, 'global_', locales);
    Object.assign(errors, global.errors);
    const stepSettings: Record<string, Settings> = {};
    for (const phase of view.phases) {
      const parsed = parseSettings(manifest.step, body, `step_${phase.id}_`, locales);
      Object.assign(errors, parsed.errors);
      stepSettings[phase.id] = parsed.settings;
    }
    const fallback = parseSettings(manifest.step, body, 'default_', locales);
    Object.assign(errors, fallback.errors);
    const weight = Number(body.weight ?? 0);
    if (Object.keys(errors).length === 0 && Object.keys(nameErrors).length === 0) {
      await this.admin.updateComponent(id, componentId, {
        name,
        weight: Number.isInteger(weight) ? weight : 0,
        settings: global.settings,
        stepSettings,
        defaultStepSettings: fallback.settings,
      });
      return reply.redirect(`/admin/spaces/${id}/components/${componentId}`, 303);
    }
    await this.renderComponentForm(
      request,
      reply,
      view,
      component,
      body,
      { ...errors, ...nameErrors },
      422,
    );
  }

  @Post(':id/components/:componentId/publish')
  async publish(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.admin.setComponentPublished(id, componentId, body.published === 'true');
    return reply.redirect(`/admin/spaces/${id}#components`, 303);
  }

  @Post(':id/categories')
  async addCategory(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    const locales = TenantContext.current().locales;
    const errors: FormErrors = {};
    const name = readTranslated(body, 'category_name', locales, 200, errors);
    if (Object.keys(name).length === 0 || Object.keys(errors).length > 0)
      throw spacesError(HttpStatus.BAD_REQUEST, 'error.titleRequired');
    await this.admin.addCategory(id, name);
    return reply.redirect(`/admin/spaces/${id}#categories-title`, 303);
  }

  @Post(':id/members')
  async addMember(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const fullName = typeof body.fullName === 'string' ? body.fullName.trim() : '';
    const position = String(body.position ?? '');
    const positionOther =
      typeof body.positionOther === 'string' && body.positionOther.trim()
        ? body.positionOther.trim().slice(0, 200)
        : null;
    const errors: FormErrors = {};
    if (!fullName) errors.fullName = 'error.required';
    else if (fullName.length > 200) errors.fullName = 'error.tooLong';
    if (!(MEMBER_POSITIONS as readonly string[]).includes(position))
      errors.position = 'error.choice';
    if (Object.keys(errors).length === 0) {
      await this.admin.addMember(id, {
        fullName,
        position: position as MemberPosition,
        positionOther,
      });
      return reply.redirect(`/admin/spaces/${id}#members`, 303);
    }
    await this.spaceForm(
      request,
      reply,
      null,
      await this.admin.view(id),
      {
        memberBody: body,
        memberErrors: errors,
      },
      422,
    );
  }

  @Post(':id/roles')
  async addRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const role = String(body.role ?? '');
    const errors: FormErrors = {};
    if (!(SPACE_ROLES as readonly string[]).includes(role)) errors.role = 'error.choice';
    else if (!email || !(await this.admin.addRole(id, email, role as SpaceRole)))
      errors.email = 'error.noSuchUser';
    if (Object.keys(errors).length === 0) return reply.redirect(`/admin/spaces/${id}#roles`, 303);
    await this.spaceForm(
      request,
      reply,
      null,
      await this.admin.view(id),
      {
        roleBody: body,
        roleErrors: errors,
      },
      422,
    );
  }

  @Post(':id/roles/:roleId/delete')
  async removeRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('roleId', ParseUUIDPipe) roleId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.admin.removeRole(id, roleId);
    return reply.redirect(`/admin/spaces/${id}#roles`, 303);
  }

  /**
   * Stores a newly sent hero image (checked by UploadsService), saves the space, then
   * forgets the image it replaced or removed. A refused image saves nothing.
   */
  private async withHeroImage(
    request: FastifyRequest,
    body: FormBody,
    input: SpaceInput,
    current: SpaceEntity | null,
    save: (input: SpaceInput) => Promise<SpaceEntity>,
  ): Promise<{ space?: SpaceEntity; imageError?: string }> {
    const file = uploadedFile(body, 'heroImage');
    let uploaded: string | null = null;
    if (file) {
      const site = await this.siteContext.build(request);
      try {
        uploaded = (await this.images.upload(file, site.locale)).id;
      } catch (error) {
        if (!(error instanceof UploadRefusedError)) throw error;
        return { imageError: error.userMessage };
      }
      input.heroImageId = uploaded;
    } else if (body.removeHeroImage === 'on') {
      input.heroImageId = null;
    }
    try {
      const space = await save(input);
      if (current?.heroImageId && input.heroImageId !== undefined)
        await this.images.delete([current.heroImageId]);
      return { space };
    } catch (error) {
      await this.images.delete([uploaded]);
      throw error;
    }
  }

  private async spaceForm(
    request: FastifyRequest,
    reply: FastifyReply,
    newKind: SpaceKind | null,
    view: SpaceAdminView | null,
    state: {
      body?: FormBody;
      errors?: FormErrors;
      imageError?: string;
      phaseBody?: FormBody;
      phaseErrors?: FormErrors;
      memberBody?: FormBody;
      memberErrors?: FormErrors;
      roleBody?: FormBody;
      roleErrors?: FormErrors;
      refusal?: PlanLimitException;
    },
    status: number,
  ) {
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const locales = TenantContext.current().locales;
    const space = view?.space ?? null;
    const kind = space?.kind ?? newKind ?? 'process';
    const errors = this.messages(t, state.errors ?? {});
    if (state.imageError) errors.heroImage = state.imageError;
    const v = this.valuesOf(state.body, space, locales);
    const m = (key: SpaceMediaKey, params?: Record<string, string>) =>
      spaceMediaT(site.locale, key, params);
    const heroUrl = space?.heroImageId
      ? (await this.images.urls([space.heroImageId])).get(space.heroImageId)?.thumbnail
      : undefined;
    const title = space
      ? t('admin.editSpace', { title: tr(space.title) || space.slug })
      : t(kind === 'process' ? 'admin.newProcess' : 'admin.newAssembly');
    const csrf = site.csrfToken ?? '';
    const { groups } = await this.admin.list();
    const assemblies = kind === 'assembly' ? await this.admin.assemblies() : [];
    const labels = { ...this.labels(t, locales), heroImage: m('hero.image') };
    const scopeRows = scopeTree(
      await this.scopes.list(),
      site.locale,
      TenantContext.current().defaultLocale,
    );
    await this.send(
      reply,
      status,
      <AdminLayout site={site} title={title} sections={this.sections.navFor(site.locale)}>
        <p>
          <a href="/admin/spaces">{t('admin.title')}</a>
          {space?.publishedAt && (
            <>
              {' · '}
              <a href={spacePath(space)}>{t('admin.view')}</a>
            </>
          )}
        </p>
        <h1>{title}</h1>
        {state.refusal && (
          <div class="error-summary" role="alert" tabIndex={-1}>
            <h2>{planT(site.locale, 'title')}</h2>
            <p>{planLimitMessage(site.locale, state.refusal)}</p>
          </div>
        )}
        <ErrorSummary
          idOf={(f) => f}
          title={t('admin.errorSummary')}
          errors={errors}
          labels={labels}
        />
        <form
          method="post"
          action={space ? `/admin/spaces/${space.id}` : '/admin/spaces'}
          enctype="multipart/form-data"
          noValidate
        >
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="kind" value={kind} />
          <TranslatedField
            naming="underscored"
            name="title"
            label={t('field.title')}
            locales={locales}
            value={v.t('title')}
            errors={errors}
          />
          <TranslatedField
            naming="underscored"
            name="subtitle"
            label={t('field.subtitle')}
            locales={locales}
            value={v.t('subtitle')}
            errors={errors}
          />
          <TextField
            id="slug"
            name="slug"
            label={t('field.slug')}
            hint={t('field.slugHint')}
            value={v.s('slug')}
            error={errors.slug}
            required
          />
          <TranslatedField
            rows={5}
            naming="underscored"
            name="shortDescription"
            label={t('field.shortDescription')}
            locales={locales}
            value={v.t('shortDescription')}
            errors={errors}
            multiline
          />
          <TranslatedField
            rows={5}
            naming="underscored"
            name="description"
            label={t('field.description')}
            locales={locales}
            value={v.t('description')}
            errors={errors}
            multiline
          />
          <FileField
            id="heroImage"
            name="heroImage"
            label={m('hero.image')}
            hint={m('hero.hint', { size: formatBytes(HERO_IMAGE_MAX_BYTES) })}
            accept="image/png,image/jpeg,image/gif,image/webp"
            error={errors.heroImage}
            current={
              heroUrl && (
                <p>
                  {m('hero.current')}
                  <img class="current-image" src={heroUrl} alt={tr(space?.heroImageAlt)} />
                </p>
              )
            }
          />
          {heroUrl && (
            <CheckboxField
              value="on"
              id="removeHeroImage"
              name="removeHeroImage"
              label={m('hero.remove')}
              checked={false}
            />
          )}
          <p class="hint" id="heroImageAlt-hint">
            {m('hero.altHint')}
          </p>
          <TranslatedField
            naming="underscored"
            name="heroImageAlt"
            label={m('hero.alt')}
            locales={locales}
            value={v.t('heroImageAlt')}
            errors={errors}
          />
          <TextField
            id="hashtag"
            name="hashtag"
            label={t('hashtag')}
            value={v.s('hashtag')}
            error={errors.hashtag}
          />
          {scopeRows.length > 0 && (
            <SelectField
              id="scopeId"
              name="scopeId"
              label={scopesT(site.locale, 'scope')}
              value={v.s('scopeId')}
              options={[
                { value: '', label: scopesT(site.locale, 'noScope') },
                ...scopeRows.map((r) => ({ value: r.scope.id, label: indented(r, tr) })),
              ]}
            />
          )}
          <TextField
            id="startDate"
            name="startDate"
            type="date"
            label={t('field.startDate')}
            value={v.s('startDate')}
            error={errors.startDate}
          />
          <TextField
            id="endDate"
            name="endDate"
            type="date"
            label={t('field.endDate')}
            value={v.s('endDate')}
            error={errors.endDate}
          />
          {kind === 'process' && (
            <>
              <SelectField
                id="groupId"
                name="groupId"
                label={t('field.group')}
                value={v.s('groupId')}
                options={[
                  { value: '', label: t('admin.none') },
                  ...groups.map((g) => ({ value: g.id, label: tr(g.title) })),
                ]}
              />
              {PROCESS_METADATA_KEYS.map((k) => (
                <TranslatedField
                  rows={5}
                  naming="underscored"
                  key={k}
                  name={`meta_${k}`}
                  label={t(`meta.${k}`)}
                  locales={locales}
                  value={v.meta(k)}
                  errors={errors}
                  multiline
                />
              ))}
            </>
          )}
          {kind === 'assembly' && (
            <>
              <SelectField
                id="assemblyType"
                name="assemblyType"
                label={t('field.assemblyType')}
                value={v.s('assemblyType')}
                error={errors.assemblyType}
                options={[
                  { value: '', label: t('admin.none') },
                  ...ASSEMBLY_TYPES.map((a) => ({ value: a, label: t(`type.${a}`) })),
                ]}
              />
              <TranslatedField
                rows={5}
                naming="underscored"
                name="purpose"
                label={t('purpose')}
                locales={locales}
                value={v.t('purpose')}
                errors={errors}
                multiline
              />
              <TranslatedField
                rows={5}
                naming="underscored"
                name="composition"
                label={t('composition')}
                locales={locales}
                value={v.t('composition')}
                errors={errors}
                multiline
              />
              <SelectField
                id="parentId"
                name="parentId"
                label={t('field.parent')}
                value={v.s('parentId')}
                options={[
                  { value: '', label: t('admin.none') },
                  ...assemblies
                    .filter((a) => a.id !== space?.id)
                    .map((a) => ({ value: a.id, label: tr(a.title) || a.slug })),
                ]}
              />
              <SelectField
                id="visibility"
                name="visibility"
                label={t('field.visibility')}
                value={v.s('visibility') || 'public'}
                error={errors.visibility}
                options={SPACE_VISIBILITIES.map((x) => ({ value: x, label: t(`visibility.${x}`) }))}
              />
            </>
          )}
          <CheckboxField
            value="on"
            id="published"
            name="published"
            label={t('field.published')}
            checked={v.b('published')}
          />
          <CheckboxField
            value="on"
            id="promoted"
            name="promoted"
            label={t('field.promoted')}
            checked={v.b('promoted')}
          />
          <button type="submit">{t('admin.save')}</button>
        </form>
        {view && (
          <SpaceSections
            view={view}
            t={t}
            tr={tr}
            csrf={csrf}
            locales={locales}
            state={state}
            labels={labels}
          />
        )}
      </AdminLayout>,
    );
  }

  private async renderComponentForm(
    request: FastifyRequest,
    reply: FastifyReply,
    view: SpaceAdminView,
    component: ComponentEntity,
    body: FormBody | null,
    rawErrors: Record<string, string>,
    status: number,
  ) {
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const locales = TenantContext.current().locales;
    const manifest = manifestOf(component.manifest)!;
    const errors: Record<string, string> = {};
    for (const [field, key] of Object.entries(rawErrors)) {
      const min = /^min:(\d+)$/.exec(key);
      errors[field] = min ? t('error.min', { min: min[1] }) : t(key as SpacesKey);
    }
    const title = `${t(`manifest.${component.manifest}` as SpacesKey)} — ${tr(component.name)}`;
    const csrf = site.csrfToken ?? '';
    const value = (prefix: string, d: SettingDefinition, current: Settings) =>
      body
        ? d.type === 'boolean'
          ? body[`${prefix}${d.key}`] === 'on'
          : body[`${prefix}${d.key}`]
        : (current[d.key] ?? d.default);
    const fields = (prefix: string, defs: readonly SettingDefinition[], current: Settings) =>
      defs.map((d) => {
        const name = `${prefix}${d.key}`;
        const label = t(`setting.${d.key}` as SpacesKey);
        const v = value(prefix, d, current);
        if (d.type === 'boolean')
          return (
            <CheckboxField
              key={name}
              value="on"
              id={name}
              name={name}
              label={label}
              checked={v === true}
            />
          );
        if (d.type === 'integer')
          return (
            <TextField
              key={name}
              id={name}
              name={name}
              type="number"
              label={label}
              value={String(v ?? '')}
              error={errors[name]}
            />
          );
        return (
          <TranslatedField
            rows={5}
            naming="underscored"
            key={name}
            name={name}
            label={label}
            locales={locales}
            value={(body ? readTranslated(body, name, locales, 100000, {}) : v) as Translated}
            errors={errors}
            multiline
          />
        );
      });
    await this.send(
      reply,
      status,
      <AdminLayout site={site} title={title} sections={this.sections.navFor(site.locale)}>
        <p>
          <a href={`/admin/spaces/${view.space.id}`}>{tr(view.space.title)}</a>
        </p>
        <h1>{title}</h1>
        <ErrorSummary idOf={(f) => f} title={t('admin.errorSummary')} errors={errors} labels={{}} />
        <p>
          <a href={`/admin/spaces/${view.space.id}/components/${component.id}/permissions`}>
            {permissionsT(site.locale, 'link')}
          </a>
        </p>
        <form
          method="post"
          action={`/admin/spaces/${view.space.id}/components/${component.id}`}
          noValidate
        >
          <input type="hidden" name="_csrf" value={csrf} />
          <TranslatedField
            naming="underscored"
            name="name"
            label={t('field.name')}
            locales={locales}
            value={body ? readTranslated(body, 'name', locales, 200, {}) : component.name}
            errors={errors}
          />
          <TextField
            id="weight"
            name="weight"
            type="number"
            label={t('field.weight')}
            value={String(body?.weight ?? component.weight)}
          />
          <fieldset>
            <legend>{t('components.global')}</legend>
            {fields('global_', manifest.global, component.settings)}
          </fieldset>
          {manifest.step.length > 0 &&
            view.phases.map((p) => (
              <fieldset key={p.id}>
                <legend>{t('components.step', { phase: tr(p.title) })}</legend>
                {fields(`step_${p.id}_`, manifest.step, component.stepSettings[p.id] ?? {})}
              </fieldset>
            ))}
          {manifest.step.length > 0 && (
            <fieldset>
              <legend>{t('components.defaultStep')}</legend>
              {fields('default_', manifest.step, component.defaultStepSettings)}
            </fieldset>
          )}
          <button type="submit">{t('admin.save')}</button>
        </form>
      </AdminLayout>,
    );
  }

  private async renderPhaseForm(
    request: FastifyRequest,
    reply: FastifyReply,
    space: SpaceEntity,
    phaseId: string,
    body: FormBody,
    rawErrors: FormErrors,
    status: number,
  ) {
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const locales = TenantContext.current().locales;
    const errors = this.messages(t, rawErrors);
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const title = t('phases.edit');
    await this.send(
      reply,
      status,
      <AdminLayout site={site} title={title} sections={this.sections.navFor(site.locale)}>
        <p>
          <a href={`/admin/spaces/${space.id}`}>{tr(space.title)}</a>
        </p>
        <h1>{title}</h1>
        <ErrorSummary
          idOf={(f) => f}
          title={t('admin.errorSummary')}
          errors={errors}
          labels={this.labels(t, locales)}
        />
        <form method="post" action={`/admin/spaces/${space.id}/phases/${phaseId}`} noValidate>
          <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
          <TranslatedField
            naming="underscored"
            name="phase_title"
            label={t('field.title')}
            locales={locales}
            value={readTranslated(body, 'phase_title', locales, Infinity, {})}
            errors={errors}
          />
          <TranslatedField
            rows={5}
            naming="underscored"
            name="phase_description"
            label={t('field.description')}
            locales={locales}
            value={readTranslated(body, 'phase_description', locales, Infinity, {})}
            errors={errors}
            multiline
          />
          <TextField
            id="phase_startDate"
            name="phase_startDate"
            type="date"
            label={t('field.startDate')}
            value={str('phase_startDate')}
            error={errors.phase_startDate}
          />
          <TextField
            id="phase_endDate"
            name="phase_endDate"
            type="date"
            label={t('field.endDate')}
            value={str('phase_endDate')}
            error={errors.phase_endDate}
          />
          <button type="submit">{t('admin.save')}</button>
        </form>
        <PostButton
          action={`/admin/spaces/${space.id}/phases/${phaseId}/delete`}
          csrf={site.csrfToken ?? ''}
        >
          {t('phases.delete')}
        </PostButton>
      </AdminLayout>,
    );
  }

  private valuesOf(
    body: FormBody | undefined,
    space: SpaceEntity | null,
    locales: readonly string[],
  ) {
    return {
      t: (name: keyof SpaceEntity & string): Translated =>
        body
          ? readTranslated(body, name, locales, Infinity, {})
          : ((space?.[name] as Translated) ?? {}),
      meta: (key: (typeof PROCESS_METADATA_KEYS)[number]): Translated =>
        body
          ? readTranslated(body, `meta_${key}`, locales, Infinity, {})
          : (space?.metadata[key] ?? {}),
      s: (name: string): string => {
        if (body) return typeof body[name] === 'string' ? (body[name] as string) : '';
        const v = space?.[name as keyof SpaceEntity];
        return typeof v === 'string' ? v : '';
      },
      b: (name: 'published' | 'promoted'): boolean => {
        if (body) return body[name] === 'on';
        return name === 'published' ? !!space?.publishedAt : !!space?.promoted;
      },
    };
  }

  private labels(t: T, locales: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {
      slug: t('field.slug'),
      startDate: t('field.startDate'),
      endDate: t('field.endDate'),
      hashtag: t('hashtag'),
      visibility: t('field.visibility'),
      assemblyType: t('field.assemblyType'),
      fullName: t('field.fullName'),
      position: t('field.position'),
      email: t('field.email'),
      role: t('field.role'),
    };
    for (const l of locales) {
      out[`title_${l}`] = `${t('field.title')} (${l})`;
      out[`phase_title_${l}`] = `${t('field.title')} (${l})`;
    }
    out.phase_startDate = t('field.startDate');
    out.phase_endDate = t('field.endDate');
    return out;
  }

  private messages(t: T, errors: FormErrors): Record<string, string> {
    return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
  }

  private i18n(site: SiteContext) {
    const fallback = TenantContext.current().defaultLocale;
    const t: T = (key, params) => spacesT(site.locale, key, params);
    const tr = (field: Translated | null | undefined) => translate(field, site.locale, fallback);
    return { t, tr };
  }

  private async send(reply: FastifyReply, status: number, element: preact.VNode) {
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(element));
  }
}

/** Phases, components, members and roles of an existing space. */
function SpaceSections(props: {
  view: SpaceAdminView;
  t: T;
  tr: (f: Translated | null | undefined) => string;
  csrf: string;
  locales: readonly string[];
  labels: Record<string, string>;
  state: {
    phaseBody?: FormBody;
    phaseErrors?: FormErrors;
    memberBody?: FormBody;
    memberErrors?: FormErrors;
    roleBody?: FormBody;
    roleErrors?: FormErrors;
  };
}) {
  const { view, t, tr, csrf, locales, state } = props;
  const id = view.space.id;
  const msg = (errors: FormErrors = {}) =>
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
  const phaseErrors = msg(state.phaseErrors);
  const memberErrors = msg(state.memberErrors);
  const roleErrors = msg(state.roleErrors);
  const str = (b: FormBody | undefined, k: string) =>
    typeof b?.[k] === 'string' ? (b[k] as string) : '';
  return (
    <>
      {view.space.kind === 'process' && (
        <section id="phases" aria-labelledby="phases-title">
          <h2 id="phases-title">{t('phases')}</h2>
          <ol>
            {view.phases.map((p) => (
              <li key={p.id}>
                <a href={`/admin/spaces/${id}/phases/${p.id}`}>{tr(p.title)}</a>{' '}
                {p.startDate && p.endDate && `(${p.startDate} – ${p.endDate})`}{' '}
                {p.active ? (
                  <span class="badge">{t('phases.active')}</span>
                ) : (
                  <PostButton action={`/admin/spaces/${id}/phases/${p.id}/activate`} csrf={csrf}>
                    {t('phases.activate')}
                  </PostButton>
                )}
              </li>
            ))}
          </ol>
          <h3>{t('phases.add')}</h3>
          <ErrorSummary
            idOf={(f) => f}
            title={t('admin.errorSummary')}
            errors={phaseErrors}
            labels={props.labels}
          />
          <form method="post" action={`/admin/spaces/${id}/phases`} noValidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TranslatedField
              naming="underscored"
              name="phase_title"
              label={t('field.title')}
              locales={locales}
              value={
                state.phaseBody
                  ? readTranslated(state.phaseBody, 'phase_title', locales, Infinity, {})
                  : {}
              }
              errors={phaseErrors}
            />
            <TranslatedField
              rows={5}
              naming="underscored"
              name="phase_description"
              label={t('field.description')}
              locales={locales}
              errors={phaseErrors}
              multiline
            />
            <TextField
              id="phase_startDate"
              name="phase_startDate"
              type="date"
              label={t('field.startDate')}
              value={str(state.phaseBody, 'phase_startDate')}
              error={phaseErrors.phase_startDate}
            />
            <TextField
              id="phase_endDate"
              name="phase_endDate"
              type="date"
              label={t('field.endDate')}
              value={str(state.phaseBody, 'phase_endDate')}
              error={phaseErrors.phase_endDate}
            />
            <button type="submit">{t('phases.add')}</button>
          </form>
        </section>
      )}
      <section id="components" aria-labelledby="components-title">
        <h2 id="components-title">{t('components')}</h2>
        <ul>
          {view.components.map((c) => (
            <li key={c.id}>
              <a href={`/admin/spaces/${id}/components/${c.id}`}>
                {tr(c.name) || t(`manifest.${c.manifest}` as SpacesKey)}
              </a>{' '}
              {c.manifest === 'proposals' && (
                <>
                  <a href={`/admin/spaces/${id}/components/${c.id}/proposals`}>
                    {t('manifest.proposals')}
                  </a>{' '}
                </>
              )}
              ({t(`manifest.${c.manifest}` as SpacesKey)},{' '}
              {t(c.publishedAt ? 'admin.published' : 'admin.unpublished')}){' '}
              <PostButton
                action={`/admin/spaces/${id}/components/${c.id}/publish`}
                csrf={csrf}
                fields={{ published: c.publishedAt ? 'false' : 'true' }}
              >
                {t(c.publishedAt ? 'admin.unpublish' : 'admin.publish')}
              </PostButton>
            </li>
          ))}
        </ul>
        <h3>{t('components.add')}</h3>
        <form method="post" action={`/admin/spaces/${id}/components`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <SelectField
            id="manifest"
            name="manifest"
            label={t('field.manifest')}
            value="proposals"
            options={Object.keys(COMPONENT_MANIFESTS).map((m) => ({
              value: m,
              label: t(`manifest.${m}` as SpacesKey),
            }))}
          />
          <TranslatedField
            naming="underscored"
            name="name"
            label={t('field.name')}
            locales={locales}
            errors={{}}
          />
          <button type="submit">{t('components.add')}</button>
        </form>
      </section>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('categories')}</h2>
        <ul>
          {view.categories.map((c) => (
            <li key={c.id}>{tr(c.name)}</li>
          ))}
        </ul>
        <form method="post" action={`/admin/spaces/${id}/categories`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <TranslatedField
            naming="underscored"
            name="category_name"
            label={t('field.name')}
            locales={locales}
            errors={{}}
          />
          <button type="submit">{t('categories.add')}</button>
        </form>
      </section>
      {view.space.kind === 'assembly' && (
        <section id="members" aria-labelledby="members-title">
          <h2 id="members-title">{t('members')}</h2>
          <ul>
            {view.members.map((m) => (
              <li key={m.id}>
                {m.fullName} —{' '}
                {m.position === 'other' && m.positionOther
                  ? m.positionOther
                  : t(`position.${m.position}`)}
              </li>
            ))}
          </ul>
          <ErrorSummary
            idOf={(f) => f}
            title={t('admin.errorSummary')}
            errors={memberErrors}
            labels={props.labels}
          />
          <form method="post" action={`/admin/spaces/${id}/members`} noValidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <TextField
              id="fullName"
              name="fullName"
              label={t('field.fullName')}
              value={str(state.memberBody, 'fullName')}
              error={memberErrors.fullName}
              required
            />
            <SelectField
              id="position"
              name="position"
              label={t('field.position')}
              value={str(state.memberBody, 'position') || 'president'}
              error={memberErrors.position}
              options={MEMBER_POSITIONS.map((p) => ({ value: p, label: t(`position.${p}`) }))}
            />
            <TextField
              id="positionOther"
              name="positionOther"
              label={t('field.positionOther')}
              value={str(state.memberBody, 'positionOther')}
            />
            <button type="submit">{t('admin.add')}</button>
          </form>
        </section>
      )}
      <section id="roles" aria-labelledby="roles-title">
        <h2 id="roles-title">{t('roles.title')}</h2>
        <ul>
          {view.roles.map((r) => (
            <li key={r.id}>
              {r.user.name} ({r.user.email}) — {t(`role.${r.role}`)}{' '}
              <PostButton action={`/admin/spaces/${id}/roles/${r.id}/delete`} csrf={csrf}>
                {t('roles.remove')}
              </PostButton>
            </li>
          ))}
        </ul>
        <ErrorSummary
          idOf={(f) => f}
          title={t('admin.errorSummary')}
          errors={roleErrors}
          labels={props.labels}
        />
        <form method="post" action={`/admin/spaces/${id}/roles`} noValidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextField
            id="email"
            name="email"
            type="email"
            label={t('field.email')}
            value={str(state.roleBody, 'email')}
            error={roleErrors.email}
            required
          />
          <SelectField
            id="role"
            name="role"
            label={t('field.role')}
            value={str(state.roleBody, 'role') || 'moderator'}
            error={roleErrors.role}
            options={SPACE_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <button type="submit">{t('roles.add')}</button>
        </form>
      </section>
    </>
  );
}
