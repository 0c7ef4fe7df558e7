import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { translate, Translated } from '@plaza/core';
import { authorDisplayName } from '@plaza/identity';
import {
  ComponentEntity,
  OnlySpaceRoles,
  RequireSpaceRole,
  SiteContextProvider,
  SpacesService,
} from '@plaza/spaces';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import {
  AdminLayout,
  AdminSections,
  CurrentUsers,
  ErrorSummary,
  OnHost,
  renderPage,
  SelectField,
  SiteContext,
  submitForm,
  TextArea,
  TextField,
  TranslatedField,
} from '@plaza/web';

import { ANSWER_STATES, ProposalEntity } from './proposal.entity';
import {
  AnswerInput,
  ProposalAnswersService,
  StateTokenError,
  UnknownStateError,
} from './proposal-answers.service';
import { attachmentsT } from './proposal-attachments.messages';
import { EXPORT_FORMATS, ExportFormat } from './proposal-export';
import { ProposalExportQueue } from './proposal-export.job';
import { stateLabel } from './proposal-paths';
import { ProposalValuatorEntity } from './proposal-valuation.entities';
import { ProposalValuationService } from './proposal-valuation.service';
import { ProposalsKey, proposalsT } from './proposals.messages';
import { ProposalNotFoundException } from './proposals.service';
import { proposalsBadRequest } from './proposals-errors.messages';

type FormBody = Record<string, unknown>;

/**
 * Admins (of the organization or of the space) answer proposals and publish answers
 * in bulk; valuators of the space see and answer only the proposals assigned to them.
 */
@Controller('admin/spaces/:spaceId/components/:componentId/proposals')
@OnHost('tenant')
@RequireSpaceRole('admin', 'valuator')
export class ProposalsAdminPages {
  constructor(
    private readonly answers: ProposalAnswersService,
    private readonly tenantDb: TenantDb,
    private readonly users: CurrentUsers,
    private readonly siteContext: SiteContextProvider,
    private readonly exports: ProposalExportQueue,
    private readonly valuation: ProposalValuationService,
    private readonly spaces: SpacesService,
    private readonly sections: AdminSections,
  ) {}

  /** The person's id when they are only a valuator here (their view is narrowed), else null. */
  private async valuatorOnly(request: FastifyRequest, spaceId: string): Promise<string | null> {
    const user = (await this.users.of(request))!;
    if (user.roles.includes('admin')) return null;
    return (await this.spaces.hasRole(spaceId, user.id, ['admin'])) ? null : user.id;
  }

  @Get()
  async index(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Query('export') exported: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const valuator = await this.valuatorOnly(request, spaceId);
    const { component, proposals } = await this.load(spaceId, componentId, valuator);
    const custom = await this.answers.customStates(componentId);
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const label = (token: string) =>
      stateLabel(token, custom, site.locale, TenantContext.current().defaultLocale);
    const locales = TenantContext.current().locales;
    const base = `/admin/spaces/${spaceId}/components/${componentId}/proposals`;
    const title = t('admin.title', { name: tr(component.name) });
    await this.send(
      reply,
      200,
      <AdminLayout site={site} title={title} sections={this.sections.navFor(site.locale)}>
        <h1>{title}</h1>
        {exported === 'queued' && <p role="status">{t('export.queued')}</p>}
        {!valuator &&
          EXPORT_FORMATS.map((f) => (
            <form key={f} method="post" action={`${base}/export`} class="inline">
              <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
              <input type="hidden" name="format" value={f} />
              <button type="submit">{t(`export.${f}`)}</button>
            </form>
          ))}
        <form method="post" action={`${base}/publish_answers`}>
          <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
          <table>
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('supports', { count: '' }).trim()}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td>
                    {!valuator && p.state && !p.statePublishedAt && (
                      <input
                        type="checkbox"
                        name="ids"
                        value={p.id}
                        id={`sel-${p.id}`}
                        aria-label={t('admin.select', { title: p.title })}
                      />
                    )}{' '}
                    <a href={`${base}/${p.id}/answer`}>{p.title}</a>
                  </td>
                  <td>
                    {p.withdrawnAt
                      ? label('withdrawn')
                      : p.state
                        ? `${label(p.state)}${p.statePublishedAt ? '' : ` (${t('admin.unpublished')})`}`
                        : label('not_answered')}
                  </td>
                  <td>{p.supportsCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!valuator && <button type="submit">{t('admin.publishSelected')}</button>}
        </form>
        {!valuator && (
          <section aria-labelledby="states-title">
            <h2 id="states-title">{t('admin.states')}</h2>
            <ul>
              {custom.map((c) => (
                <li key={c.id}>
                  {tr(c.title)} (<code>{c.token}</code>)
                </li>
              ))}
            </ul>
            <form method="post" action={`${base}/states`}>
              <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
              <TextField
                id="token"
                name="token"
                label={t('admin.stateToken')}
                hint={t('admin.stateTokenHint')}
                required
              />
              <TranslatedField
                naming="underscored"
                name="state_title"
                label={t('title')}
                locales={locales}
                errors={{}}
              />
              <button type="submit">{t('admin.addState')}</button>
            </form>
          </section>
        )}
      </AdminLayout>,
    );
  }

  @Post('publish_answers')
  @OnlySpaceRoles('admin')
  async publish(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.load(spaceId, componentId);
    const raw = Array.isArray(body.ids) ? body.ids : body.ids ? [body.ids] : [];
    const ids = raw.map(String).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    await this.answers.publish(componentId, ids);
    return reply.redirect(`/admin/spaces/${spaceId}/components/${componentId}/proposals`, 303);
  }

  @Post('export')
  @OnlySpaceRoles('admin')
  async export(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.load(spaceId, componentId);
    const format = (EXPORT_FORMATS as readonly string[]).includes(String(body.format))
      ? (body.format as ExportFormat)
      : 'csv';
    await this.exports.enqueue({
      tenantId: TenantContext.current().id,
      componentId,
      format,
      userId: (await this.users.of(request))!.id,
    });
    return reply.redirect(
      `/admin/spaces/${spaceId}/components/${componentId}/proposals?export=queued`,
      303,
    );
  }

  @Post('states')
  @OnlySpaceRoles('admin')
  async addState(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.load(spaceId, componentId);
    const locales = TenantContext.current().locales;
    const title: Translated = {};
    for (const l of locales) {
      const v = body[`state_title_${l}`];
      if (typeof v === 'string' && v.trim()) title[l as keyof Translated] = v.trim().slice(0, 100);
    }
    try {
      await this.answers.addState(
        componentId,
        typeof body.token === 'string' ? body.token.trim() : '',
        title,
      );
    } catch (error) {
      if (error instanceof StateTokenError) throw proposalsBadRequest('stateToken');
      throw error;
    }
    return reply.redirect(
      `/admin/spaces/${spaceId}/components/${componentId}/proposals#states-title`,
      303,
    );
  }

  @Post(':proposalId/valuators')
  @OnlySpaceRoles('admin')
  async assign(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.proposalIn(spaceId, componentId, proposalId);
    const userId = typeof body.user_id === 'string' ? body.user_id : '';
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw proposalsBadRequest('chooseValuator');
    await this.valuation.assign(spaceId, proposalId, userId);
    return reply.redirect(
      `/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}/answer#valuators-title`,
      303,
    );
  }

  @Post(':proposalId/notes')
  async addNote(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.proposalIn(
      spaceId,
      componentId,
      proposalId,
      await this.valuatorOnly(request, spaceId),
    );
    const admin = (await this.users.of(request))!;
    await this.valuation.addNote(
      proposalId,
      admin.id,
      typeof body.body === 'string' ? body.body : '',
    );
    return reply.redirect(
      `/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposalId}/answer#notes-title`,
      303,
    );
  }

  @Get(':proposalId/answer')
  async answerForm(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const valuator = await this.valuatorOnly(request, spaceId);
    const { proposals } = await this.load(spaceId, componentId, valuator);
    const proposal = proposals.find((p) => p.id === proposalId);
    if (!proposal) throw new ProposalNotFoundException();
    await this.form(request, reply, spaceId, componentId, proposal, null, {}, 200, !valuator);
  }

  @Post(':proposalId/answer')
  async answer(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const valuator = await this.valuatorOnly(request, spaceId);
    const { proposals } = await this.load(spaceId, componentId, valuator);
    const proposal = proposals.find((p) => p.id === proposalId);
    if (!proposal) throw new ProposalNotFoundException();
    const locales = TenantContext.current().locales;
    const pick = (name: string): Translated => {
      const out: Translated = {};
      for (const l of locales) {
        const v = body[`${name}_${l}`];
        if (typeof v === 'string' && v.trim())
          out[l as keyof Translated] = v.trim().slice(0, 20000);
      }
      return out;
    };
    await submitForm<AnswerInput, Record<string, ProposalsKey>>(reply, {
      read: (errors) => {
        const costRaw = typeof body.cost === 'string' ? body.cost.trim() : '';
        if (costRaw && !/^\d{1,12}$/.test(costRaw)) errors.cost = 'cost';
        return {
          state: typeof body.state === 'string' ? body.state : '',
          answer: pick('answer'),
          cost: costRaw ? Number(costRaw) : null,
          costReport: pick('costReport'),
          executionPeriod: pick('executionPeriod'),
        };
      },
      save: async (input, errors) => {
        try {
          const admin = (await this.users.of(request))!;
          await this.answers.answer(componentId, proposalId, admin, input);
          return `/admin/spaces/${spaceId}/components/${componentId}/proposals`;
        } catch (error) {
          if (!(error instanceof UnknownStateError)) throw error;
          errors.state = 'state';
          return undefined;
        }
      },
      render: (_, errors, status) =>
        this.form(request, reply, spaceId, componentId, proposal, body, errors, status, !valuator),
    });
  }

  private async form(
    request: FastifyRequest,
    reply: FastifyReply,
    spaceId: string,
    componentId: string,
    proposal: ProposalEntity,
    body: FormBody | null,
    rawErrors: Record<string, ProposalsKey>,
    status: number,
    canAssign: boolean,
  ) {
    const site = await this.siteContext.build(request);
    const { t } = this.i18n(site);
    const locales = TenantContext.current().locales;
    const custom = await this.answers.customStates(componentId);
    const valuators = await this.valuation.valuatorsOf(spaceId);
    const assigned = await this.valuation.assignments(proposal.id);
    const notes = await this.valuation.notes(proposal.id);
    const here = `/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposal.id}`;
    const errors = Object.fromEntries(Object.entries(rawErrors).map(([k, v]) => [k, t(v)]));
    const str = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string) : '');
    await this.send(
      reply,
      status,
      <AdminLayout
        site={site}
        title={t('admin.answer')}
        sections={this.sections.navFor(site.locale)}
      >
        <h1>{t('admin.answer')}</h1>
        <h2>{proposal.title}</h2>
        <p>{proposal.body}</p>
        <ErrorSummary
          idOf={(f) => f}
          title={t('errorSummary')}
          errors={errors}
          labels={{ state: t('state'), cost: t('cost') }}
        />
        <form
          method="post"
          action={`/admin/spaces/${spaceId}/components/${componentId}/proposals/${proposal.id}/answer`}
          noValidate
        >
          <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
          <SelectField
            id="state"
            name="state"
            label={t('state')}
            value={str('state') || proposal.state || 'evaluating'}
            error={errors.state}
            options={[
              ...ANSWER_STATES.map((s) => ({ value: s, label: t(`state.${s}`) })),
              ...custom.map((c) => ({
                value: c.token,
                label: stateLabel(
                  c.token,
                  custom,
                  site.locale,
                  TenantContext.current().defaultLocale,
                ),
              })),
            ]}
          />
          <TranslatedField
            rows={5}
            naming="underscored"
            name="answer"
            label={t('answer')}
            locales={locales}
            value={proposal.answer ?? {}}
            errors={errors}
            multiline
          />
          <TextField
            id="cost"
            name="cost"
            type="number"
            label={t('cost')}
            value={str('cost') || (proposal.cost?.toString() ?? '')}
            error={errors.cost}
          />
          <TranslatedField
            rows={5}
            naming="underscored"
            name="costReport"
            label={t('admin.costReport')}
            locales={locales}
            value={proposal.costReport ?? {}}
            errors={errors}
            multiline
          />
          <TranslatedField
            naming="underscored"
            name="executionPeriod"
            label={t('admin.executionPeriod')}
            locales={locales}
            value={proposal.executionPeriod ?? {}}
            errors={errors}
          />
          <button type="submit">{t('save')}</button>
        </form>
        <section aria-labelledby="valuators-title">
          <h2 id="valuators-title">{t('admin.valuators')}</h2>
          <ul>
            {assigned.map((a) => (
              <li key={a.id}>{a.user?.name}</li>
            ))}
          </ul>
          {canAssign && valuators.length > 0 && (
            <form method="post" action={`${here}/valuators`}>
              <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
              <SelectField
                id="user_id"
                name="user_id"
                label={t('admin.valuator')}
                value={valuators[0].id}
                options={valuators.map((v) => ({ value: v.id, label: v.name }))}
              />
              <button type="submit">{t('admin.assign')}</button>
            </form>
          )}
        </section>
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">{t('admin.notes')}</h2>
          <ul>
            {notes.map((n) => (
              <li key={n.id}>
                <strong>{authorDisplayName(n.author, site.locale)}</strong>: {n.body}
              </li>
            ))}
          </ul>
          <form method="post" action={`${here}/notes`}>
            <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
            <TextArea rows={5} id="body" name="body" label={t('admin.note')} required />
            <button type="submit">{t('admin.addNote')}</button>
          </form>
        </section>
        <form method="post" action={`${here}/delete`}>
          <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
          <button type="submit">{attachmentsT(site.locale, 'delete')}</button>
        </form>
      </AdminLayout>,
    );
  }

  private async proposalIn(
    spaceId: string,
    componentId: string,
    proposalId: string,
    valuator: string | null = null,
  ) {
    const { proposals } = await this.load(spaceId, componentId, valuator);
    const proposal = proposals.find((p) => p.id === proposalId);
    if (!proposal) throw new ProposalNotFoundException();
    return proposal;
  }

  /** The component and its proposals; only those assigned to `valuator` when given. */
  private async load(spaceId: string, componentId: string, valuator: string | null = null) {
    return this.tenantDb.run(async (em) => {
      const component = await em.findOneBy(ComponentEntity, {
        id: componentId,
        spaceId,
        manifest: 'proposals',
      });
      if (!component) throw new ProposalNotFoundException();
      const all = await em.find(ProposalEntity, {
        where: { componentId },
        order: { publishedAt: 'DESC' },
      });
      if (!valuator) return { component, proposals: all };
      const assigned = new Set(
        (await em.find(ProposalValuatorEntity, { where: { userId: valuator } })).map(
          (a) => a.proposalId,
        ),
      );
      return { component, proposals: all.filter((p) => assigned.has(p.id)) };
    });
  }

  private i18n(site: SiteContext) {
    const fallback = TenantContext.current().defaultLocale;
    const t = (key: ProposalsKey, params?: Record<string, string | number>) =>
      proposalsT(site.locale, key, params);
    const tr = (field: Translated | null | undefined) => translate(field, site.locale, fallback);
    return { t, tr };
  }

  private async send(reply: FastifyReply, status: number, element: preact.VNode) {
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(element));
  }
}
