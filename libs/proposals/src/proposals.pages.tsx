import { createHash } from 'node:crypto';

import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { PLAZA_CONFIG, PlazaConfig, publicUrl, translate, Translated } from '@plaza/core';
import {
  AuthorAccount,
  authorDisplayName,
  AuthorName,
  Avatars,
  isVerificationMethod,
  publicAuthor,
} from '@plaza/identity';
import {
  commentMaxLength,
  CommentsSection,
  CommentsService,
  FollowButton,
  FollowsService,
  ModerationService,
  ReportForm,
  SocialKey,
  socialT,
} from '@plaza/social';
import {
  boolSetting,
  ComponentInContext,
  indented,
  intSetting,
  ParticipationContext,
  permissionProblem,
  scopeChoices,
  scopesT,
  scopeTree,
  ShareBox,
  SiteContextProvider,
  spacePath,
  SpacesService,
} from '@plaza/spaces';
import type { StoredFileEntity } from '@plaza/storage';
import { TenantContext, TenantDb } from '@plaza/tenancy';
import {
  Avatar,
  CheckboxField,
  CurrentUser,
  CurrentUsers,
  ErrorSummary,
  OnHost,
  PostButton,
  renderPage,
  SelectField,
  Sessions,
  SiteContext,
  SiteLayout,
  TextArea,
  TextField,
  uploadedFile,
} from '@plaza/web';

import { ProposalEntity } from './proposal.entity';
import { ProposalRefusal, RefusalCode } from './proposal.errors';
import { ProposalAnswersService } from './proposal-answers.service';
import { attachmentsT } from './proposal-attachments.messages';
import {
  attachmentRefusalOf,
  attachmentRefusalText,
  AttachmentsSection,
  NewProposalAttachmentFields,
} from './proposal-attachments.pages';
import {
  AttachmentRefusal,
  AttachmentRefusalCode,
  ProposalAttachmentsService,
} from './proposal-attachments.service';
import { ProposalEndorsementEntity } from './proposal-endorsement.entity';
import { ProposalInput } from './proposal-input';
import { proposalsPath, publicState, stateLabel } from './proposal-paths';
import { ProposalVersionEntity } from './proposal-version.entity';
import { ProposalsKey, proposalsT } from './proposals.messages';
import { PROPOSAL_ORDERS, ProposalOrder, ProposalsQuery, STATE_FILTERS } from './proposals.query';
import {
  BodyTooLongError,
  ProposalNotFoundException,
  ProposalsService,
  UnknownCategoryError,
  UnknownScopeError,
} from './proposals.service';

/** Stands for the author in "By {name}", so the name can be a link inside the translated sentence. */
const NAME_SLOT = '\u0000';

function By({
  template,
  author,
  locale,
}: {
  template: string;
  author?: AuthorAccount | null;
  locale: string;
}) {
  const [before, after = ''] = template.split(NAME_SLOT);
  return (
    <span>
      {before}
      <AuthorName author={publicAuthor(author)} locale={locale} />
      {after}
    </span>
  );
}

type T = (key: ProposalsKey, params?: Record<string, string | number>) => string;
type FormBody = Record<string, unknown>;

const PER_PAGE = 20;

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);

/** Participants' pages of a proposals component. */
@Controller(':segment/:slug/f/:componentId/proposals')
@OnHost('tenant')
export class ProposalsPages {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly query: ProposalsQuery,
    private readonly users: CurrentUsers,
    private readonly sessions: Sessions,
    private readonly tenantDb: TenantDb,
    private readonly siteContext: SiteContextProvider,
    private readonly comments: CommentsService,
    private readonly follows: FollowsService,
    private readonly moderation: ModerationService,
    private readonly answers: ProposalAnswersService,
    private readonly spaces: SpacesService,
    private readonly avatars: Avatars,
    private readonly attachments: ProposalAttachmentsService,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  @Get()
  async list(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Query() q: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const session = await this.sessions.ensure(request, reply);
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const custom = await this.answers.customStates(componentId);
    const known = [...STATE_FILTERS, ...custom.map((c) => c.token)];
    const states = asArray(q.state).filter((s) => known.includes(s));
    const label = (token: string) =>
      stateLabel(token, custom, site.locale, TenantContext.current().defaultLocale);
    const order = (PROPOSAL_ORDERS as readonly string[]).includes(String(q.order))
      ? (q.order as ProposalOrder)
      : 'random';
    const page = Math.max(1, Math.min(10000, Number.parseInt(String(q.page ?? '1'), 10) || 1));
    const search = typeof q.q === 'string' ? q.q.trim().slice(0, 200) : '';
    const mine = q.mine === 'on' && !!user;
    const categories = await this.spaces.categories(ctx.space.id);
    const categoryId = categories.find((c) => c.id === q.category)?.id;
    const scopes = await this.scopeRows(ctx, site.locale);
    const scopeId = scopes.find((r) => r.scope.id === q.scope)?.scope.id;
    const seed = createHash('sha256').update(session.csrfToken).digest('hex').slice(0, 16);
    const result = await this.query.list(componentId, {
      states,
      search: search || undefined,
      authorId: mine ? user!.id : undefined,
      categoryId,
      scopeId,
      order,
      seed,
      page,
      perPage: PER_PAGE,
    });
    const avatarUrls = await this.tenantDb.run((em) =>
      this.avatars.urls(
        em,
        result.items.map((p) => p.author?.avatarFileId),
      ),
    );
    const base = proposalsPath(ctx);
    const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
    const link = (p: number) => {
      const params = new URLSearchParams();
      for (const s of states) params.append('state', s);
      if (search) params.set('q', search);
      if (mine) params.set('mine', 'on');
      if (categoryId) params.set('category', categoryId);
      if (scopeId) params.set('scope', scopeId);
      params.set('order', order);
      params.set('page', String(p));
      return `${base}?${params.toString()}`;
    };
    const hidden = boolSetting(ctx.settings.step, 'votes_hidden');
    const name = tr(ctx.component.name);
    await this.send(
      reply,
      200,
      <SiteLayout site={site} title={name}>
        <p>
          <a href={spacePath(ctx.space)}>{t('back', { name: tr(ctx.space.title) })}</a>
        </p>
        <h1>{name}</h1>
        {user && ctx.canParticipate && boolSetting(ctx.settings.step, 'creation_enabled') && (
          <p>
            <a href={`${base}/new`}>{t('new')}</a>
          </p>
        )}
        <form method="get" action={base} role="search">
          <TextField id="q" name="q" label={t('search')} value={search} />
          <fieldset>
            <legend>{t('state')}</legend>
            {known.map((s) => (
              <div class="field checkbox" key={s}>
                <input
                  type="checkbox"
                  id={`state-${s}`}
                  name="state"
                  value={s}
                  checked={states.includes(s)}
                />
                <label for={`state-${s}`}>{label(s)}</label>
              </div>
            ))}
          </fieldset>
          {categories.length > 0 && (
            <SelectField
              id="category"
              name="category"
              label={t('category')}
              value={categoryId ?? ''}
              options={[
                { value: '', label: t('allCategories') },
                ...categories.map((c) => ({ value: c.id, label: tr(c.name) })),
              ]}
            />
          )}
          {scopes.length > 0 && (
            <SelectField
              id="scope"
              name="scope"
              label={scopesT(site.locale, 'scope')}
              value={scopeId ?? ''}
              options={[
                { value: '', label: scopesT(site.locale, 'allScopes') },
                ...scopes.map((r) => ({ value: r.scope.id, label: indented(r, tr) })),
              ]}
            />
          )}
          {user && (
            <CheckboxField value="on" id="mine" name="mine" label={t('mine')} checked={mine} />
          )}
          <SelectField
            id="order"
            name="order"
            label={t('order')}
            value={order}
            options={PROPOSAL_ORDERS.map((o) => ({ value: o, label: t(`order.${o}`) }))}
          />
          <button type="submit">{t('filter')}</button>
        </form>
        <p role="status">{t('count', { count: result.total })}</p>
        {result.items.length === 0 ? (
          <p>{t('empty')}</p>
        ) : (
          <ul class="card-list">
            {result.items.map((p) => (
              <li key={p.id}>
                <h2>
                  <a href={`${base}/${p.id}`}>{p.title}</a>
                </h2>
                <p>
                  {p.official ? (
                    t('official')
                  ) : (
                    <span class="with-avatar">
                      <Avatar
                        name={authorDisplayName(p.author, site.locale)}
                        url={avatarUrls.get(p.author?.avatarFileId ?? '')}
                      />
                      <By
                        template={t('by', { name: NAME_SLOT })}
                        author={p.author}
                        locale={site.locale}
                      />
                    </span>
                  )}{' '}
                  · <span class="badge">{label(publicState(p))}</span>
                </p>
                <p>
                  {!hidden && <>{t('supports', { count: p.supportsCount })} · </>}
                  {t('endorsements', { count: p.endorsementsCount })} ·{' '}
                  {t('comments', { count: p.commentsCount })}
                </p>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 && (
          <nav aria-label={t('pagination')}>
            <p>{t('pageOf', { page, pages })}</p>
            {page > 1 && <a href={link(page - 1)}>{t('previous')}</a>}{' '}
            {page < pages && <a href={link(page + 1)}>{t('next')}</a>}
          </nav>
        )}
      </SiteLayout>,
    );
  }

  @Get('new')
  async newForm(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    if (!user) return reply.redirect(`/users/sign_in?back=${encodeURIComponent(request.url)}`, 303);
    await this.sessions.ensure(request, reply);
    await this.form(request, reply, ctx, null, {}, {}, 200);
  }

  @Post()
  async create(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const { input, errors } = await this.read(body, ctx);
    const file = this.attachments.attachableOnCreate(ctx) ? uploadedFile(body, 'attachment') : null;
    // The file is checked (and stored) first: a refused one creates nothing.
    let stored: StoredFileEntity | null = null;
    if (input && file) {
      try {
        const { locale } = await this.siteContext.build(request);
        stored = await this.attachments.storeForNew(ctx, user, file, locale);
      } catch (error) {
        if (!(error instanceof AttachmentRefusal)) throw error;
        errors.attachment = error.code;
      }
    }
    if (input && !errors.attachment) {
      let created: ProposalEntity;
      try {
        created = await this.proposals.create(componentId, user, input);
      } catch (error) {
        if (stored) await this.attachments.discard(stored);
        if (error instanceof BodyTooLongError) errors.body = `max:${error.max}`;
        else if (error instanceof UnknownCategoryError) errors.categoryId = 'field.categoryId';
        else if (error instanceof UnknownScopeError) errors.scopeId = 'scope';
        else if (error instanceof ProposalRefusal) errors._form = error.code;
        else throw error;
        return this.form(request, reply, ctx, null, body, errors, 422);
      }
      if (stored) {
        const title = typeof body.attachment_title === 'string' ? body.attachment_title : '';
        await this.attachments.attachToNew(created.id, user!, stored, title);
      }
      return reply.redirect(`${proposalsPath(ctx)}/${created.id}`, 303);
    }
    await this.form(request, reply, ctx, null, body, errors, 422);
  }

  @Get(':proposalId')
  async show(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Query('refused') refused: string | undefined,
    @Query('method') refusedMethod: string | undefined,
    @Query('social_error') socialError: string | undefined,
    @Query('attachment_error') attachmentError: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const { proposal, versions, endorsed, authorAvatarUrl } = await this.load(
      componentId,
      proposalId,
      user,
    );
    if (await this.moderation.isHidden('proposal', proposal.id)) {
      const site = await this.siteContext.build(request);
      const hiddenText = socialT(site.locale, 'hidden');
      return this.send(
        reply,
        200,
        <SiteLayout site={site} title={hiddenText}>
          <h1>{hiddenText}</h1>
        </SiteLayout>,
      );
    }
    const threads = await this.comments.threads('proposal', proposal.id, user);
    // Where to get verified for an action the component requires a verification for.
    const verifyFor = (action: 'support' | 'endorse' | 'comment') => {
      const problem = user ? permissionProblem(ctx, action) : null;
      return problem?.kind === 'verification' ? verifyPath(problem.method) : null;
    };
    const commentLimit = await this.tenantDb.run((em) =>
      commentMaxLength(em, intSetting(ctx.settings.global, 'comments_max_length')),
    );
    const following = user
      ? await this.follows.isFollowing(user.id, 'proposal', proposal.id)
      : false;
    const status = user ? await this.proposals.supportStatus(componentId, proposalId, user) : null;
    const attached = await this.attachments.links(proposal.id, user);
    const canAttach = await this.attachments.canAttach(componentId, proposal, user);
    const site = await this.siteContext.build(request);
    const { t, tr } = this.i18n(site);
    const base = proposalsPath(ctx);
    const here = `${base}/${proposal.id}`;
    const csrf = site.csrfToken ?? '';
    const state = stateLabel(
      publicState(proposal),
      await this.answers.customStates(componentId),
      site.locale,
      TenantContext.current().defaultLocale,
    );
    const votesEnabled = boolSetting(ctx.settings.step, 'votes_enabled');
    const hidden = boolSetting(ctx.settings.step, 'votes_hidden');
    const refusal =
      refused && Object.hasOwn(REFUSAL_KEYS, refused) ? (refused as RefusalCode) : null;
    const editMinutes = intSetting(ctx.settings.global, 'proposal_edit_time_limit');
    const canEdit =
      !!user &&
      proposal.authorId === user.id &&
      !proposal.withdrawnAt &&
      Date.now() <= (proposal.publishedAt ?? proposal.createdAt).getTime() + editMinutes * 60_000;
    await this.send(
      reply,
      200,
      <SiteLayout site={site} title={proposal.title}>
        <p>
          <a href={base}>{t('back', { name: tr(ctx.component.name) })}</a>
        </p>
        {refusal && (
          <div class="error-summary" role="alert">
            <p>{t(`refused.${refusal}`)}</p>
            {refusal === 'verificationRequired' && (
              <p>
                <a href={verifyPath(refusedMethod)}>{t('verifyLink')}</a>
              </p>
            )}
          </div>
        )}
        <h1>{proposal.title}</h1>
        <p>
          {proposal.official ? (
            t('official')
          ) : (
            <span class="with-avatar">
              <Avatar
                name={authorDisplayName(proposal.author, site.locale)}
                url={authorAvatarUrl}
              />
              <By
                template={t('by', { name: NAME_SLOT })}
                author={proposal.author}
                locale={site.locale}
              />
            </span>
          )}{' '}
          · <span class="badge">{state}</span>
        </p>
        {proposal.body.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
        {proposal.category && (
          <p>
            {t('category')}: {tr(proposal.category.name)}
          </p>
        )}
        {proposal.scope && (
          <p>
            {scopesT(site.locale, 'scope')}: {tr(proposal.scope.name)}
          </p>
        )}
        {proposal.address && (
          <p>
            {t('address')}: {proposal.address}
          </p>
        )}
        <AttachmentsSection
          locale={site.locale}
          csrf={csrf}
          here={here}
          items={attached}
          canAdd={canAttach}
          error={attachmentRefusalOf(attachmentError)}
        />
        {proposal.statePublishedAt && proposal.answer && (
          <section aria-labelledby="answer-title">
            <h2 id="answer-title">{t('answer')}</h2>
            <p>{tr(proposal.answer)}</p>
            {proposal.cost !== null && (
              <p>
                {t('cost')}: {proposal.cost}
              </p>
            )}
          </section>
        )}
        <section aria-label={t('support')}>
          {!hidden && <p>{t('supports', { count: proposal.supportsCount })}</p>}
          {status?.supported && <p>{t('supported')}</p>}
          {status?.supported && status.temporary && (
            <p>{t('temporary', { count: status.missingForMinimum })}</p>
          )}
          {status && status.remaining !== null && (
            <p>{t('remaining', { count: status.remaining })}</p>
          )}
          {user && votesEnabled && !proposal.withdrawnAt && verifyFor('support') && (
            <p class="notice">
              {t('refused.verificationRequired')}{' '}
              <a href={verifyFor('support')!}>{t('verifyLink')}</a>
            </p>
          )}
          {user && votesEnabled && !proposal.withdrawnAt && !verifyFor('support') && (
            <PostButton
              action={`${here}/${status?.supported ? 'unsupport' : 'support'}`}
              csrf={csrf}
            >
              {t(status?.supported ? 'unsupport' : 'support')}
            </PostButton>
          )}
          <p>{t('endorsements', { count: proposal.endorsementsCount })}</p>
          {user &&
            boolSetting(ctx.settings.step, 'endorsements_enabled') &&
            !proposal.withdrawnAt && (
              <PostButton action={`${here}/${endorsed ? 'unendorse' : 'endorse'}`} csrf={csrf}>
                {t(endorsed ? 'unendorse' : 'endorse')}
              </PostButton>
            )}
          {canEdit && (
            <p>
              <a href={`${here}/edit`}>{t('edit')}</a>
            </p>
          )}
          {user && proposal.authorId === user.id && !proposal.withdrawnAt && (
            <PostButton action={`${here}/withdraw`} csrf={csrf}>
              {t('withdraw')}
            </PostButton>
          )}
        </section>
        {user && (
          <p>
            <FollowButton
              locale={site.locale}
              csrf={csrf}
              back={here}
              type="proposal"
              id={proposal.id}
              following={following}
            />
          </p>
        )}
        {user && proposal.authorId !== user.id && (
          <details>
            <summary>{socialT(site.locale, 'report')}</summary>
            <ReportForm
              locale={site.locale}
              csrf={csrf}
              back={here}
              type="proposal"
              id={proposal.id}
            />
          </details>
        )}
        <ShareBox
          url={publicUrl(this.config, request.hostname, here)}
          title={proposal.title}
          locale={site.locale}
          nonce={site.nonce}
        />
        <CommentsSection
          locale={site.locale}
          csrf={csrf}
          resourceType="proposal"
          resourceId={proposal.id}
          back={here}
          threads={threads}
          userId={user?.id ?? null}
          open={
            boolSetting(ctx.settings.global, 'comments_enabled') &&
            !boolSetting(ctx.settings.step, 'comments_blocked') &&
            ctx.canParticipate &&
            !proposal.withdrawnAt
          }
          maxLength={commentLimit}
          verifyAt={verifyFor('comment')}
          error={socialError && SOCIAL_ERRORS.has(socialError) ? (socialError as SocialKey) : null}
        />
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('history')}</h2>
          <ol>
            {versions.map((v) => (
              <li key={v.id}>
                {t('version', {
                  number: v.number,
                  date: v.createdAt.toISOString().slice(0, 16).replace('T', ' '),
                })}
              </li>
            ))}
          </ol>
        </section>
      </SiteLayout>,
    );
  }

  @Get(':proposalId/edit')
  async editForm(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const { proposal } = await this.load(componentId, proposalId, user);
    if (!user || proposal.authorId !== user.id) throw new ProposalNotFoundException();
    await this.form(request, reply, ctx, proposal, {}, {}, 200);
  }

  @Post(':proposalId')
  async update(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const { proposal } = await this.load(componentId, proposalId, user);
    const { input, errors } = await this.read(body, ctx);
    if (input) {
      try {
        await this.proposals.update(componentId, proposalId, user, input);
        return reply.redirect(`${proposalsPath(ctx)}/${proposalId}`, 303);
      } catch (error) {
        if (error instanceof BodyTooLongError) errors.body = `max:${error.max}`;
        else if (error instanceof UnknownCategoryError) errors.categoryId = 'field.categoryId';
        else if (error instanceof UnknownScopeError) errors.scopeId = 'scope';
        else if (error instanceof ProposalRefusal) errors._form = error.code;
        else throw error;
      }
    }
    await this.form(request, reply, ctx, proposal, body, errors, 422);
  }

  @Post(':proposalId/:action')
  async act(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Param('action') action: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const ctx = await this.context(segment, slug, componentId, user);
    const here = `${proposalsPath(ctx)}/${proposalId}`;
    if (!user) return reply.redirect(`/users/sign_in?back=${encodeURIComponent(here)}`, 303);
    const actions: Record<string, () => Promise<unknown>> = {
      support: () => this.proposals.support(componentId, proposalId, user),
      unsupport: () => this.proposals.unsupport(componentId, proposalId, user),
      endorse: () => this.proposals.endorse(componentId, proposalId, user, true),
      unendorse: () => this.proposals.endorse(componentId, proposalId, user, false),
      withdraw: () => this.proposals.withdraw(componentId, proposalId, user),
    };
    const run = actions[action];
    if (!run) throw new NotFoundException();
    try {
      await run();
    } catch (error) {
      if (!(error instanceof ProposalRefusal)) throw error;
      const method = error.method ? `&method=${encodeURIComponent(error.method)}` : '';
      return reply.redirect(`${here}?refused=${error.code}${method}`, 303);
    }
    return reply.redirect(here, 303);
  }

  private async context(
    segment: string,
    slug: string,
    componentId: string,
    user: CurrentUser | null,
  ) {
    const ctx = await this.proposals.context(componentId, user);
    if (`/${segment}/${slug}` !== spacePath(ctx.space)) throw new NotFoundException();
    return ctx;
  }

  private async load(componentId: string, proposalId: string, user: CurrentUser | null) {
    return this.tenantDb.run(async (em) => {
      const proposal = await em.findOne(ProposalEntity, {
        where: { id: proposalId, componentId },
        relations: { author: true, category: true, scope: true },
      });
      if (!proposal?.publishedAt) throw new ProposalNotFoundException();
      const versions = await em.find(ProposalVersionEntity, {
        where: { proposalId },
        order: { number: 'ASC' },
      });
      const endorsed = user
        ? await em.existsBy(ProposalEndorsementEntity, { proposalId, authorId: user.id })
        : false;
      const authorAvatarUrl = await this.avatars.url(em, proposal.author?.avatarFileId ?? null);
      return { proposal, versions, endorsed, authorAvatarUrl };
    });
  }

  private async read(body: FormBody, ctx: ComponentInContext) {
    const geocoding = boolSetting(ctx.settings.global, 'geocoding_enabled');
    const plain: FormBody = {
      title: body.title,
      body: body.body,
      categoryId: body.categoryId,
      scopeId: body.scopeId,
    };
    if (geocoding) {
      for (const k of ['address', 'latitude', 'longitude'])
        if (body[k] !== undefined && body[k] !== '') plain[k] = body[k];
    }
    const instance = plainToInstance(ProposalInput, plain);
    const problems = await validate(instance, { whitelist: true });
    const errors: Record<string, string> = {};
    for (const p of problems) errors[p.property] = `field.${p.property}`;
    return { input: problems.length ? null : instance, errors };
  }

  private async form(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ParticipationContext,
    proposal: ProposalEntity | null,
    body: FormBody,
    rawErrors: Record<string, string>,
    status: number,
  ) {
    const site = await this.siteContext.build(request);
    const { t } = this.i18n(site);
    const max = intSetting(ctx.settings.global, 'proposal_length');
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawErrors)) {
      if (k === '_form') errors._form = t(`refused.${v as RefusalCode}`);
      else if (k === 'attachment')
        errors.attachment = attachmentRefusalText(v as AttachmentRefusalCode, site.locale);
      else if (k === 'scopeId') errors.scopeId = scopesT(site.locale, 'error.scope');
      else if (v.startsWith('max:')) errors[k] = t('bodyHint', { max: v.slice(4) });
      else errors[k] = t(`error.${k}` as ProposalsKey);
    }
    const value = (k: keyof ProposalInput) =>
      typeof body[k] === 'string' ? (body[k] as string) : proposal ? String(proposal[k] ?? '') : '';
    const title = proposal ? t('edit') : t('new');
    const action = proposal ? `${proposalsPath(ctx)}/${proposal.id}` : proposalsPath(ctx);
    const categories = await this.spaces.categories(ctx.space.id);
    const scopes = await this.scopeRows(ctx, site.locale);
    const fallback = TenantContext.current().defaultLocale;
    // Say before anyone types that the component needs a verification they lack.
    const problem = proposal ? null : permissionProblem(ctx, 'create');
    const attachable = !proposal && this.attachments.attachableOnCreate(ctx);
    await this.send(
      reply,
      status,
      <SiteLayout site={site} title={title}>
        <h1>{title}</h1>
        <ErrorSummary
          idOf={(f) => f}
          title={t('errorSummary')}
          errors={errors}
          labels={{
            title: t('title'),
            body: t('body'),
            address: t('address'),
            latitude: t('latitude'),
            longitude: t('longitude'),
            scopeId: scopesT(site.locale, 'scope'),
            attachment: attachmentsT(site.locale, 'fileOptional'),
          }}
        />
        {problem?.kind === 'verification' && (
          <div class="notice" role="status">
            <p>{t('refused.verificationRequired')}</p>
            <p>
              <a href={verifyPath(problem.method)}>{t('verifyLink')}</a>
            </p>
          </div>
        )}
        <form
          method="post"
          action={action}
          enctype={attachable ? 'multipart/form-data' : undefined}
          noValidate
        >
          <input type="hidden" name="_csrf" value={site.csrfToken ?? ''} />
          <TextField
            id="title"
            name="title"
            label={t('title')}
            value={value('title')}
            error={errors.title}
            required
          />
          <TextArea
            rows={5}
            id="body"
            name="body"
            label={t('body')}
            hint={t('bodyHint', { max })}
            value={value('body')}
            error={errors.body}
            required
          />
          {categories.length > 0 && (
            <SelectField
              id="categoryId"
              name="categoryId"
              label={t('category')}
              value={
                typeof body.categoryId === 'string' ? body.categoryId : (proposal?.categoryId ?? '')
              }
              error={errors.categoryId}
              options={[
                { value: '', label: t('noCategory') },
                ...categories.map((c) => ({
                  value: c.id,
                  label: translate(c.name, site.locale, fallback),
                })),
              ]}
            />
          )}
          {scopes.length > 0 && (
            <SelectField
              id="scopeId"
              name="scopeId"
              label={scopesT(site.locale, 'scope')}
              value={typeof body.scopeId === 'string' ? body.scopeId : (proposal?.scopeId ?? '')}
              error={errors.scopeId}
              options={[
                { value: '', label: scopesT(site.locale, 'noScope') },
                ...scopes.map((r) => ({
                  value: r.scope.id,
                  label: indented(r, (f) => translate(f, site.locale, fallback)),
                })),
              ]}
            />
          )}
          {boolSetting(ctx.settings.global, 'geocoding_enabled') && (
            <>
              <TextField
                id="address"
                name="address"
                label={t('address')}
                value={value('address')}
                error={errors.address}
              />
              <TextField
                id="latitude"
                name="latitude"
                label={t('latitude')}
                value={value('latitude')}
                error={errors.latitude}
              />
              <TextField
                id="longitude"
                name="longitude"
                label={t('longitude')}
                value={value('longitude')}
                error={errors.longitude}
              />
            </>
          )}
          {attachable && (
            <NewProposalAttachmentFields
              locale={site.locale}
              title={typeof body.attachment_title === 'string' ? body.attachment_title : ''}
              error={errors.attachment}
            />
          )}
          <button type="submit">{proposal ? t('save') : t('create')}</button>
        </form>
      </SiteLayout>,
    );
  }

  /** The scopes proposals of this space may take, as an indented tree. */
  private async scopeRows(ctx: ComponentInContext, locale: string) {
    const choices = await this.tenantDb.run((em) => scopeChoices(em, ctx.space.scopeId));
    // Under a space's scope, that scope is the top of the tree shown.
    return scopeTree(choices, locale, TenantContext.current().defaultLocale);
  }

  private i18n(site: SiteContext) {
    const fallback = TenantContext.current().defaultLocale;
    const t: T = (key, params) => proposalsT(site.locale, key, params);
    const tr = (field: Translated | null | undefined) => translate(field, site.locale, fallback);
    return { t, tr };
  }

  private async send(reply: FastifyReply, status: number, element: preact.VNode) {
    await reply.code(status).type('text/html; charset=utf-8').send(renderPage(element));
  }
}

/** Where to get verified: the method's own form when it is a known one. */
function verifyPath(method: string | undefined | null): string {
  return isVerificationMethod(method)
    ? `/account/verifications/${method}`
    : '/account/verifications';
}

const SOCIAL_ERRORS = new Set<string>([
  'error.commentLength',
  'error.verificationRequired',
  'error.commentsClosed',
  'error.depth',
  'error.signIn',
  'error.alreadyReported',
]);

const REFUSAL_KEYS: Record<RefusalCode, true> = {
  signInRequired: true,
  membersOnly: true,
  verificationRequired: true,
  creationDisabled: true,
  proposalLimit: true,
  supportsDisabled: true,
  supportsBlocked: true,
  voteLimit: true,
  thresholdReached: true,
  alreadySupported: true,
  notSupported: true,
  notSupportable: true,
  endorsementsDisabled: true,
  editWindowClosed: true,
  notAuthor: true,
  withdrawHasSupports: true,
  alreadyWithdrawn: true,
};
