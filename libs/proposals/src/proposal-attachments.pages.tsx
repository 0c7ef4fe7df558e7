import {
  Body,
  Controller,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { SiteContextProvider, spacePath, uploadRefusalMessage } from '@plaza/spaces';
import { formatBytes } from '@plaza/storage';
import {
  CurrentUsers,
  FileField,
  OnHost,
  PostButton,
  RequireAdmin,
  TextField,
  uploadedFile,
} from '@plaza/web';

import { attachmentsT, localizedSize } from './proposal-attachments.messages';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  AttachmentLink,
  AttachmentRefusal,
  AttachmentRefusalCode,
  MAX_ATTACHMENTS_PER_PROPOSAL,
  ProposalAttachmentsService,
} from './proposal-attachments.service';
import { proposalsPath } from './proposal-paths';
import { ProposalsService } from './proposals.service';

const CODES = new Set<AttachmentRefusalCode>([
  'notAllowed',
  'limit',
  'missing',
  'tooLarge',
  'type',
  'unreadable',
  'empty',
]);

/** The refusal named in a redirect's query, when it is one we know. */
export function attachmentRefusalOf(value: unknown): AttachmentRefusalCode | null {
  return typeof value === 'string' && CODES.has(value as AttachmentRefusalCode)
    ? (value as AttachmentRefusalCode)
    : null;
}

/** Why a file was refused, in the person's language. */
export function attachmentRefusalText(code: AttachmentRefusalCode, locale: string): string {
  if (code === 'notAllowed' || code === 'missing') return attachmentsT(locale, `error.${code}`);
  if (code === 'limit')
    return attachmentsT(locale, 'error.limit', { max: MAX_ATTACHMENTS_PER_PROPOSAL });
  return uploadRefusalMessage(code, {
    locale,
    maxBytes: ATTACHMENT_MAX_BYTES,
    accept: ATTACHMENT_TYPES,
  });
}

/** The file fields of the form creating a proposal (the form is then multipart). */
export function NewProposalAttachmentFields(props: {
  locale: string;
  title: string;
  error?: string;
}) {
  const t = (key: Parameters<typeof attachmentsT>[1], params?: Record<string, string>) =>
    attachmentsT(props.locale, key, params);
  return (
    <fieldset>
      <legend>{t('add')}</legend>
      <FileField
        id="attachment"
        name="attachment"
        label={t('fileOptional')}
        hint={`${t('fileHint', { size: formatBytes(ATTACHMENT_MAX_BYTES) })} ${t('chooseAgain')}`}
        accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
        error={props.error}
      />
      <TextField
        id="attachment_title"
        name="attachment_title"
        label={t('name')}
        value={props.title}
      />
    </fieldset>
  );
}

/** The proposal page's list of attachments, and the form to attach one when allowed. */
export function AttachmentsSection(props: {
  locale: string;
  csrf: string;
  here: string;
  items: AttachmentLink[];
  canAdd: boolean;
  error: AttachmentRefusalCode | null;
}) {
  const { locale, items } = props;
  const t = (key: Parameters<typeof attachmentsT>[1], params?: Record<string, string>) =>
    attachmentsT(locale, key, params);
  if (items.length === 0 && !props.canAdd) return null;
  const error = props.error ? attachmentRefusalText(props.error, locale) : undefined;
  return (
    <section id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('title')}</h2>
      {items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul class="attachments">
          {items.map((a) => (
            <li key={a.id}>
              <a href={a.url}>{a.name}</a> (
              {t('meta', { type: a.type, size: localizedSize(a.size, locale) })})
              {a.removable && (
                <>
                  {' '}
                  <PostButton action={`${props.here}/attachments/${a.id}/delete`} csrf={props.csrf}>
                    {t('remove', { name: a.name })}
                  </PostButton>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canAdd && (
        <>
          <h3>{t('add')}</h3>
          {error && (
            <div class="error-summary" role="alert">
              <h4>{t('errorSummary')}</h4>
              <p>
                <a href="#attachment">{error}</a>
              </p>
            </div>
          )}
          <form
            method="post"
            action={`${props.here}/attachments`}
            enctype="multipart/form-data"
            noValidate
          >
            <input type="hidden" name="_csrf" value={props.csrf} />
            <FileField
              id="attachment"
              name="attachment"
              label={t('file')}
              hint={t('fileHint', { size: formatBytes(ATTACHMENT_MAX_BYTES) })}
              accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
              error={error}
            />
            <TextField id="attachment_title" name="attachment_title" label={t('name')} />
            <button type="submit">{t('submit')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** Attaching files to a proposal and removing them (multipart forms on the proposal page). */
@Controller(':segment/:slug/f/:componentId/proposals/:proposalId/attachments')
@OnHost('tenant')
export class ProposalAttachmentsPages {
  constructor(
    private readonly attachments: ProposalAttachmentsService,
    private readonly proposals: ProposalsService,
    private readonly users: CurrentUsers,
    private readonly siteContext: SiteContextProvider,
  ) {}

  @Post()
  async add(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const here = await this.here(segment, slug, componentId, proposalId, user);
    if (!user) return reply.redirect(`/users/sign_in?back=${encodeURIComponent(here)}`, 303);
    const site = await this.siteContext.build(request);
    const title = typeof body.attachment_title === 'string' ? body.attachment_title : '';
    try {
      await this.attachments.add(
        componentId,
        proposalId,
        user,
        uploadedFile(body, 'attachment'),
        title,
        site.locale,
      );
    } catch (error) {
      if (!(error instanceof AttachmentRefusal)) throw error;
      return reply.redirect(`${here}?attachment_error=${error.code}#attachments`, 303);
    }
    return reply.redirect(`${here}#attachments`, 303);
  }

  @Post(':attachmentId/delete')
  async remove(
    @Param('segment') segment: string,
    @Param('slug') slug: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.of(request);
    const here = await this.here(segment, slug, componentId, proposalId, user);
    if (!user) return reply.redirect(`/users/sign_in?back=${encodeURIComponent(here)}`, 303);
    try {
      await this.attachments.remove(componentId, proposalId, attachmentId, user);
    } catch (error) {
      if (!(error instanceof AttachmentRefusal)) throw error;
      return reply.redirect(`${here}?attachment_error=${error.code}#attachments`, 303);
    }
    return reply.redirect(`${here}#attachments`, 303);
  }

  private async here(
    segment: string,
    slug: string,
    componentId: string,
    proposalId: string,
    user: Awaited<ReturnType<CurrentUsers['of']>>,
  ): Promise<string> {
    const ctx = await this.proposals.context(componentId, user);
    if (`/${segment}/${slug}` !== spacePath(ctx.space)) throw new NotFoundException();
    return `${proposalsPath(ctx)}/${proposalId}`;
  }
}

/** Organization admins delete a proposal; its attached files go with it. */
@Controller('admin/spaces/:spaceId/components/:componentId/proposals/:proposalId/delete')
@OnHost('tenant')
@RequireAdmin()
export class ProposalDeletionAdminPages {
  constructor(private readonly attachments: ProposalAttachmentsService) {}

  @Post()
  async remove(
    @Param('spaceId', ParseUUIDPipe) spaceId: string,
    @Param('componentId', ParseUUIDPipe) componentId: string,
    @Param('proposalId', ParseUUIDPipe) proposalId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.attachments.deleteProposal(spaceId, componentId, proposalId);
    return reply.redirect(`/admin/spaces/${spaceId}/components/${componentId}/proposals`, 303);
  }
}
