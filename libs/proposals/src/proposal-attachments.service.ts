import { Injectable, NotFoundException } from '@nestjs/common';

import { In, IsNull, Not } from 'typeorm';

import { CommentEntity, FollowEntity, ModerationEntity } from '@plaza/social';
import {
  boolSetting,
  ParticipationContext,
  SpacesService,
  uploadOrRefuse,
  UploadRefusal,
  UploadRefusedError,
} from '@plaza/spaces';
import {
  FILE_TYPES,
  FileType,
  IMAGE_TYPES,
  StoredFileEntity,
  UploadsService,
} from '@plaza/storage';
import { TenantDb } from '@plaza/tenancy';
import type { CurrentUser, UploadedFile } from '@plaza/web';

import { ProposalEntity } from './proposal.entity';
import { ProposalAttachmentEntity } from './proposal-attachment.entity';

/** Decidim's default attachment limit; also the multipart ceiling of one file. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES: readonly FileType[] = [FILE_TYPES.pdf, ...IMAGE_TYPES];
export const MAX_ATTACHMENTS_PER_PROPOSAL = 10;
/** Download links are signed for an hour: the page gives fresh ones. */
const LINK_SECONDS = 3600;

export type AttachmentRefusalCode = 'notAllowed' | 'limit' | 'missing' | UploadRefusal;

export class AttachmentRefusal extends Error {
  constructor(
    readonly code: AttachmentRefusalCode,
    readonly userMessage?: string,
  ) {
    super(userMessage ?? code);
  }
}

/** An attachment as the proposal page lists it. */
export interface AttachmentLink {
  id: string;
  name: string;
  /** Short type, from the content: PDF, PNG, JPG... */
  type: string;
  size: number;
  url: string;
  removable: boolean;
}

export class AttachmentNotFoundException extends NotFoundException {
  constructor() {
    super('This attachment does not exist.');
  }
}

/**
 * Files attached to proposals. Admins may always attach; authors only when the
 * component's `attachments_allowed` setting is on. Every file goes through
 * UploadsService (size limit, type told from the content, images re-encoded).
 */
@Injectable()
export class ProposalAttachmentsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly uploads: UploadsService,
    private readonly spaces: SpacesService,
  ) {}

  /** Whether `user` may attach files to `proposal` in this component. */
  async canAttach(
    componentId: string,
    proposal: Pick<ProposalEntity, 'authorId' | 'withdrawnAt'>,
    user: CurrentUser | null,
  ): Promise<boolean> {
    if (!user) return false;
    if (user.roles.includes('admin')) return true;
    const ctx = await this.spaces.componentInContext(componentId, user);
    return (
      ctx.canParticipate &&
      proposal.authorId === user.id &&
      !proposal.withdrawnAt &&
      boolSetting(ctx.settings.global, 'attachments_allowed')
    );
  }

  async links(proposalId: string, user: CurrentUser | null): Promise<AttachmentLink[]> {
    const rows = await this.tenantDb.run((em) =>
      em.find(ProposalAttachmentEntity, {
        where: { proposalId },
        relations: { file: true, proposal: true },
        order: { createdAt: 'ASC' },
      }),
    );
    const out: AttachmentLink[] = [];
    for (const row of rows) {
      const file = row.file!;
      out.push({
        id: row.id,
        name: row.title || file.originalName,
        type: file.path.slice(file.path.lastIndexOf('.') + 1).toUpperCase(),
        size: file.size,
        url: await this.uploads.signedUrl(file, { download: true, expiresInSeconds: LINK_SECONDS }),
        removable: this.mayRemove(row, user),
      });
    }
    return out;
  }

  async add(
    componentId: string,
    proposalId: string,
    user: CurrentUser | null,
    file: UploadedFile | null,
    title: string,
    locale: string,
  ): Promise<ProposalAttachmentEntity> {
    const proposal = await this.published(componentId, proposalId);
    if (!(await this.canAttach(componentId, proposal, user)))
      throw new AttachmentRefusal('notAllowed');
    if (!file) throw new AttachmentRefusal('missing');
    const stored = await this.store(file, locale);
    try {
      return await this.link(proposalId, user!, stored, title);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  /**
   * Checks and stores a file chosen on the form that creates a proposal (same
   * rules as `add`), before the proposal exists: a refused file creates nothing.
   * Link it with `attachToNew`, or `discard` it when the proposal is not created.
   */
  async storeForNew(
    ctx: ParticipationContext,
    user: CurrentUser | null,
    file: UploadedFile,
    locale: string,
  ): Promise<StoredFileEntity> {
    if (!user || !this.attachableOnCreate(ctx)) throw new AttachmentRefusal('notAllowed');
    return this.store(file, locale);
  }

  /** Whether the form creating a proposal in this component offers a file. */
  attachableOnCreate(ctx: ParticipationContext): boolean {
    return ctx.canParticipate && boolSetting(ctx.settings.global, 'attachments_allowed');
  }

  /** Links a file from `storeForNew` to the proposal `user` just created. */
  async attachToNew(
    proposalId: string,
    user: CurrentUser,
    stored: StoredFileEntity,
    title: string,
  ): Promise<void> {
    try {
      await this.link(proposalId, user, stored, title);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  async discard(stored: StoredFileEntity): Promise<void> {
    await this.uploads.delete(stored).catch(() => undefined);
  }

  private async store(file: UploadedFile, locale: string): Promise<StoredFileEntity> {
    try {
      return await uploadOrRefuse(this.uploads, file, {
        locale,
        maxBytes: ATTACHMENT_MAX_BYTES,
        accept: ATTACHMENT_TYPES,
      });
    } catch (error) {
      if (error instanceof UploadRefusedError)
        throw new AttachmentRefusal(error.code, error.userMessage);
      throw error;
    }
  }

  private async link(
    proposalId: string,
    user: CurrentUser,
    stored: StoredFileEntity,
    title: string,
  ): Promise<ProposalAttachmentEntity> {
    return this.tenantDb.run(async (em) => {
      // The row lock serializes attachments to one proposal, so the limit holds.
      await em.findOne(ProposalEntity, {
        where: { id: proposalId },
        lock: { mode: 'pessimistic_write' },
      });
      const count = await em.countBy(ProposalAttachmentEntity, { proposalId });
      if (count >= MAX_ATTACHMENTS_PER_PROPOSAL) throw new AttachmentRefusal('limit');
      return em.save(
        em.create(ProposalAttachmentEntity, {
          proposalId,
          fileId: stored.id,
          title: title.trim().slice(0, 200),
          uploaderId: user.id,
        }),
      );
    });
  }

  /** Admins, or the author who attached it, remove an attachment and its file. */
  async remove(
    componentId: string,
    proposalId: string,
    attachmentId: string,
    user: CurrentUser | null,
  ): Promise<void> {
    // Also a 404 for whoever may not see the space.
    await this.spaces.componentInContext(componentId, user);
    await this.published(componentId, proposalId);
    const row = await this.tenantDb.run((em) =>
      em.findOne(ProposalAttachmentEntity, {
        where: { id: attachmentId, proposalId },
        relations: { file: true, proposal: true },
      }),
    );
    if (!row) throw new AttachmentNotFoundException();
    if (!this.mayRemove(row, user)) throw new AttachmentRefusal('notAllowed');
    await this.tenantDb.run((em) => em.delete(ProposalAttachmentEntity, { id: row.id }));
    await this.uploads.delete(row.file!);
  }

  /**
   * Deletes a proposal with its comments, follows and moderation records, and the
   * files attached to it (rows cascade in the database; the stored bytes are
   * removed here, once the rows are gone).
   */
  async deleteProposal(spaceId: string, componentId: string, proposalId: string): Promise<void> {
    const files = await this.tenantDb.run(async (em) => {
      const proposal = await em.findOne(ProposalEntity, {
        where: { id: proposalId, componentId },
        relations: { component: true },
      });
      if (!proposal || proposal.component?.spaceId !== spaceId)
        throw new NotFoundException('This proposal does not exist.');
      const rows = await em.find(ProposalAttachmentEntity, {
        where: { proposalId },
        relations: { file: true },
      });
      // Social rows point at the proposal by type and id, without a foreign key.
      const comments = await em.find(CommentEntity, {
        where: { resourceType: 'proposal', resourceId: proposalId },
        select: ['id'],
      });
      if (comments.length)
        await em.delete(ModerationEntity, {
          resourceType: 'comment',
          resourceId: In(comments.map((c) => c.id)),
        });
      await em.delete(ModerationEntity, { resourceType: 'proposal', resourceId: proposalId });
      await em.delete(CommentEntity, { resourceType: 'proposal', resourceId: proposalId });
      await em.delete(FollowEntity, { resourceType: 'proposal', resourceId: proposalId });
      await em.delete(ProposalEntity, { id: proposalId });
      return rows.map((r) => r.file!);
    });
    for (const file of files) await this.uploads.delete(file);
  }

  private mayRemove(row: ProposalAttachmentEntity, user: CurrentUser | null): boolean {
    if (!user) return false;
    if (user.roles.includes('admin')) return true;
    return row.uploaderId === user.id && row.proposal?.authorId === user.id;
  }

  private async published(componentId: string, proposalId: string): Promise<ProposalEntity> {
    const proposal = await this.tenantDb.run((em) =>
      em.findOneBy(ProposalEntity, { id: proposalId, componentId, publishedAt: Not(IsNull()) }),
    );
    if (!proposal) throw new NotFoundException('This proposal does not exist.');
    return proposal;
  }
}
