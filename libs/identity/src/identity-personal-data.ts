import { Injectable, OnModuleInit } from '@nestjs/common';

import { AccountErasure } from './account-erasure';
import { ActionLogEntity } from './action-log.entity';
import { PersonalDataSections } from './personal-data';
import { UserEntity } from './user.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Identity's own parts beyond the account row: consents given and admin actions about the person. */
@Injectable()
export class IdentityPersonalData implements OnModuleInit {
  constructor(
    private readonly sections: PersonalDataSections,
    private readonly erasure: AccountErasure,
  ) {}

  onModuleInit(): void {
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
