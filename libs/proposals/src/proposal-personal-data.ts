import { Injectable, OnModuleInit } from '@nestjs/common';

import { AccountErasure, PersonalDataSections } from '@plaza/identity';

import { ProposalEntity } from './proposal.entity';
import { ProposalAttachmentEntity } from './proposal-attachment.entity';
import { ProposalEndorsementEntity } from './proposal-endorsement.entity';
import { ProposalSupportEntity } from './proposal-support.entity';
import { ProposalNoteEntity, ProposalValuatorEntity } from './proposal-valuation.entities';
import { ProposalVersionEntity } from './proposal-version.entity';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * What proposals keep about a person, for "download my data". On deletion
 * proposals, versions, supports, endorsements and notes stay as contributions
 * of the anonymized account; valuation assignments (a role) go. Attachments
 * stay too: they are part of a proposal others read, support and comment, like
 * its body (Decidim keeps them as well); the person can remove the ones they
 * attached before deleting their account. The archive lists their metadata,
 * the files themselves are on the proposal pages.
 */
@Injectable()
export class ProposalPersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly erasure: AccountErasure,
  ) {}

  onModuleInit(): void {
    this.sections.register('proposals', async (em, userId) => {
      const rows = await em.find(ProposalEntity, {
        where: { authorId: userId },
        order: { createdAt: 'ASC' },
      });
      return rows.map((p) => ({
        id: p.id,
        component_id: p.componentId,
        title: p.title,
        body: p.body,
        address: p.address,
        latitude: p.latitude,
        longitude: p.longitude,
        state: p.statePublishedAt ? p.state : null,
        supports: p.supportsCount,
        endorsements: p.endorsementsCount,
        comments: p.commentsCount,
        created_at: iso(p.createdAt),
        published_at: iso(p.publishedAt),
        withdrawn_at: iso(p.withdrawnAt),
      }));
    });
    this.sections.register('proposal_versions', async (em, userId) => {
      const rows = await em.find(ProposalVersionEntity, {
        where: { editorId: userId },
        order: { createdAt: 'ASC' },
      });
      return rows.map((v) => ({
        proposal_id: v.proposalId,
        number: v.number,
        title: v.title,
        body: v.body,
        created_at: iso(v.createdAt),
      }));
    });
    this.sections.register('proposal_supports', async (em, userId) => {
      const rows = await em.find(ProposalSupportEntity, {
        where: { authorId: userId },
        relations: { proposal: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((s) => ({
        proposal_id: s.proposalId,
        proposal_title: s.proposal?.title ?? null,
        temporary: s.temporary,
        created_at: iso(s.createdAt),
      }));
    });
    this.sections.register('proposal_endorsements', async (em, userId) => {
      const rows = await em.find(ProposalEndorsementEntity, {
        where: { authorId: userId },
        relations: { proposal: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((e) => ({
        proposal_id: e.proposalId,
        proposal_title: e.proposal?.title ?? null,
        created_at: iso(e.createdAt),
      }));
    });
    this.sections.register('proposal_valuations', async (em, userId) => {
      const assigned = await em.find(ProposalValuatorEntity, {
        where: { userId },
        order: { createdAt: 'ASC' },
      });
      const notes = await em.find(ProposalNoteEntity, {
        where: { authorId: userId },
        order: { createdAt: 'ASC' },
      });
      return [
        ...assigned.map((a) => ({
          kind: 'assigned_valuator',
          proposal_id: a.proposalId,
          note: null,
          created_at: iso(a.createdAt),
        })),
        ...notes.map((n) => ({
          kind: 'private_note',
          proposal_id: n.proposalId,
          note: n.body,
          created_at: iso(n.createdAt),
        })),
      ];
    });

    this.sections.register('proposal_attachments', async (em, userId) => {
      const rows = await em.find(ProposalAttachmentEntity, {
        where: { uploaderId: userId },
        relations: { file: true, proposal: true },
        order: { createdAt: 'ASC' },
      });
      return rows.map((a) => ({
        id: a.id,
        proposal_id: a.proposalId,
        proposal_title: a.proposal?.title ?? null,
        title: a.title || null,
        file_name: a.file?.originalName ?? null,
        content_type: a.file?.contentType ?? null,
        size: a.file?.size ?? null,
        created_at: iso(a.createdAt),
      }));
    });

    this.erasure.register('proposals', async (em, userId) => {
      await em.delete(ProposalValuatorEntity, { userId });
    });
  }
}
