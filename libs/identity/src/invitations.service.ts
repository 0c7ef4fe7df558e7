import { Injectable } from '@nestjs/common';

import { IsNull, Not } from 'typeorm';

import { hashPassword, translate } from '@plaza/core';
import { OrganizationEntity, TenantDb, TenantRef, TenantRegistry } from '@plaza/tenancy';

import { AccountMails } from './account-mails.service';
import { AccountsService } from './accounts.service';
import { UserEntity } from './user.entity';

export interface InvitationAcceptance {
  name: string;
  nickname: string;
  password: string;
}

export type AcceptOutcome =
  { kind: 'accepted'; user: UserEntity } | { kind: 'invalid' } | { kind: 'nickname-taken' };

class NicknameTakenError extends Error {}

/** Invited accounts: created without a password, finished on the accept page. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly accounts: AccountsService,
    private readonly mails: AccountMails,
    private readonly registry: TenantRegistry,
  ) {}

  /**
   * Mails an invitation to every invited admin who has no password and no live
   * invitation yet: the first admin after provisioning. Rerunning it (a retried
   * job) sends nothing more while the earlier invitation is still valid.
   */
  async inviteWaitingAdmins(tenant: TenantRef): Promise<number> {
    const host = await this.registry.primaryHost(tenant);
    return this.tenantDb.run(async (em) => {
      const organization = await em.findOneBy(OrganizationEntity, { id: 1 });
      const siteName =
        translate(organization?.name, tenant.defaultLocale, tenant.defaultLocale) || tenant.name;
      const waiting = await em
        .createQueryBuilder(UserEntity, 'u')
        .where(`'admin' = any(u.roles)`)
        .andWhere('u.password_hash is null and u.deleted_at is null and u.invited_at is not null')
        .andWhere(
          `not exists (select 1 from user_tokens t where t.user_id = u.id and t.purpose = 'invite'
            and t.used_at is null and t.expires_at > now())`,
        )
        .setLock('pessimistic_write')
        .getMany();
      for (const user of waiting) {
        const token = await this.accounts.issueToken(em, user.id, 'invite');
        // Queued before the commit: a failed commit leaves at worst a mail whose link is dead,
        // and the retry sends a working one.
        await this.mails.invitation(
          { host, name: siteName, locale: user.locale ?? tenant.defaultLocale },
          user,
          token,
        );
      }
      return waiting.length;
    });
  }

  async accept(token: string, input: InvitationAcceptance): Promise<AcceptOutcome> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.accounts.consumeToken('invite', token, async (em, invited) => {
        const nickname = input.nickname.toLowerCase();
        if (await em.existsBy(UserEntity, { nickname, id: Not(invited.id) }))
          throw new NicknameTakenError();
        const version = await this.accounts.termsVersion(em);
        const now = new Date();
        await em.update(
          UserEntity,
          { id: invited.id, blockedAt: IsNull() },
          {
            name: input.name.trim(),
            nickname,
            passwordHash,
            confirmedAt: invited.confirmedAt ?? now,
            termsAcceptedVersion: version,
            termsAcceptedAt: version === null ? null : now,
          },
        );
      });
      return user ? { kind: 'accepted', user } : { kind: 'invalid' };
    } catch (error) {
      if (error instanceof NicknameTakenError) return { kind: 'nickname-taken' };
      throw error;
    }
  }
}
