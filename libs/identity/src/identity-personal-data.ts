import { Injectable, OnModuleInit } from '@nestjs/common';

import { AccountErasure } from './account-erasure';
import { ActionLogEntity } from './action-log.entity';
import { PersonalDataSection, PersonalDataSections } from './personal-data';
import { PersonalTokenEntity } from './personal-token.entity';
import { UserEntity } from './user.entity';
import { VerificationEntity } from './verification.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Verification requests: the method, the outcome and the document's last characters only. */
const verificationsSection: PersonalDataSection = async (em, userId) =>
  (await em.findBy(VerificationEntity, { userId })).map((v) => ({
    method: v.method,
    status: v.status,
    document_type: v.documentType,
    document_number_end: v.numberHint,
    reason: v.reason,
    requested_at: iso(v.requestedAt),
    decided_at: iso(v.decidedAt),
  }));

/** API tokens: names and dates, never the token. */
const tokensSection: PersonalDataSection = async (em, userId) =>
  (await em.findBy(PersonalTokenEntity, { userId })).map((t) => ({
    name: t.name,
    created_at: iso(t.createdAt),
    last_used_at: iso(t.lastUsedAt),
    expires_at: iso(t.expiresAt),
    revoked_at: iso(t.revokedAt),
  }));

/**
 * Identity's own parts beyond the account row: verifications, API tokens, consents given and
 * admin actions about the person, with what account deletion removes of them.
 */
@Injectable()
export class IdentityPersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly erasure: AccountErasure,
  ) {}

  onModuleInit(): void {
    this.sections.register('verifications', verificationsSection);
    this.sections.register('api_tokens', tokensSection);
    // Verifications go, so the document can verify a new account later; tokens stop working.
    this.erasure.register('verifications', (em, userId) =>
      em.delete(VerificationEntity, { userId }).then(() => undefined),
    );
    this.erasure.register('api_tokens', (em, userId) =>
      em.delete(PersonalTokenEntity, { userId }).then(() => undefined),
    );
    this.sections.register('consents', async (em, userId) => {
      const user = await em.findOneByOrFail(UserEntity, { id: userId });
      return [
        {
          consent: 'terms_of_service',
          given: user.termsAcceptedVersion !== null,
          version: user.termsAcceptedVersion,
          at: iso(user.termsAcceptedAt),
        },
        {
          consent: 'newsletter',
          given: user.newsletterConsentAt !== null,
          version: null,
          at: iso(user.newsletterConsentAt),
        },
      ];
    });
    // What administrators did to the account (invitation, roles, block…), not who did it.
    this.sections.register('action_log', async (em, userId) => {
      const rows = await em.find(ActionLogEntity, {
        where: { subjectType: 'user', subjectId: userId },
        order: { createdAt: 'ASC' },
      });
      return rows.map((row) => ({
        action: row.action,
        details: JSON.stringify(row.details),
        created_at: iso(row.createdAt),
      }));
    });
    // The log keeps what was done; free text written about the person (a block reason) goes.
    this.erasure.register('action_log', async (em, userId) => {
      await em.query(
        `update action_logs set details = details - 'reason'
         where subject_type = 'user' and subject_id = $1 and details ? 'reason'`,
        [userId],
      );
    });
  }
}
