import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { IsNull } from 'typeorm';

import { OrganizationEntity, RegistrationMode, TenantContext, TenantDb } from '@plaza/tenancy';
import { SessionStore } from '@plaza/web';

import { AccountMails, MailSite } from './account-mails.service';
import { AccountsService, normalizeEmail } from './accounts.service';
import { ActionLog } from './action-log.service';
import { nicknameFrom } from './identity.seeder';
import { OrganizationAccess } from './organization-access';
import { ORGANIZATION_ROLES, OrganizationRole, UserEntity } from './user.entity';

export interface PeopleFilters {
  q?: string;
  role?: OrganizationRole | 'none';
  confirmed?: boolean;
  blocked?: boolean;
}

export const PEOPLE_PAGE_SIZE = 50;

export interface AccessSettings {
  registrationMode: RegistrationMode;
  forceSignIn: boolean;
  requireAdminTwoFactor: boolean;
}

export interface NewInvitation {
  email: string;
  name: string;
  roles: OrganizationRole[];
}

/** Admins managing the people of their tenant; every change is written to the action log. */
@Injectable()
export class PeopleAdminService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly accounts: AccountsService,
    private readonly mails: AccountMails,
    private readonly log: ActionLog,
    private readonly sessionStore: SessionStore,
    private readonly access: OrganizationAccess,
  ) {}

  async list(
    filters: PeopleFilters,
    page: number,
  ): Promise<{ people: UserEntity[]; more: boolean }> {
    return this.tenantDb.run(async (em) => {
      const query = em
        .createQueryBuilder(UserEntity, 'u')
        .where('u.deleted_at is null')
        .orderBy('u.created_at', 'DESC')
        .addOrderBy('u.id', 'ASC')
        .skip((page - 1) * PEOPLE_PAGE_SIZE)
        .take(PEOPLE_PAGE_SIZE + 1);
      const q = filters.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query.andWhere('(u.name ilike :like or u.nickname ilike :like or u.email ilike :like)', {
          like,
        });
      }
      if (filters.role === 'none') query.andWhere(`u.roles = '{}'`);
      else if (filters.role) query.andWhere(':role = any(u.roles)', { role: filters.role });
      if (filters.confirmed !== undefined)
        query.andWhere(filters.confirmed ? 'u.confirmed_at is not null' : 'u.confirmed_at is null');
      if (filters.blocked !== undefined)
        query.andWhere(filters.blocked ? 'u.blocked_at is not null' : 'u.blocked_at is null');
      const rows = await query.getMany();
      return { people: rows.slice(0, PEOPLE_PAGE_SIZE), more: rows.length > PEOPLE_PAGE_SIZE };
    });
  }

  async find(id: string): Promise<UserEntity | null> {
    return this.tenantDb.run((em) => em.findOneBy(UserEntity, { id, deletedAt: IsNull() }));
  }

  /** Creates the invited account and mails its link; false when the address already has one. */
  async invite(actorId: string, input: NewInvitation, site: MailSite): Promise<boolean> {
    const email = normalizeEmail(input.email);
    const limits = await this.accounts.peopleLimits();
    const invited = await this.tenantDb.run(async (em) => {
      if (await em.existsBy(UserEntity, { email })) return null;
      await this.accounts.assertRoomFor(em, limits, {
        admins: input.roles.includes('admin') ? 1 : 0,
      });
      let nickname = nicknameFrom(email);
      if (await em.existsBy(UserEntity, { nickname }))
        nickname = `${nickname.slice(0, 31)}_${randomBytes(4).toString('hex')}`;
      const user = await em.save(
        em.create(UserEntity, {
          email,
          nickname,
          name: input.name.trim(),
          roles: input.roles,
          invitedAt: new Date(),
          passwordHash: null,
          confirmedAt: null,
        }),
      );
      const token = await this.accounts.issueToken(em, user.id, 'invite');
      await this.log.record(em, {
        actorId,
        action: 'user.invite',
        subjectType: 'user',
        subjectId: user.id,
        details: { roles: input.roles },
      });
      return { user, token };
    });
    if (!invited) return false;
    await this.mails.invitation(site, invited.user, invited.token);
    return true;
  }

  /** New roles end the person's sessions: they sign in again with a fresh session. */
  async setRoles(actorId: string, userId: string, roles: OrganizationRole[]): Promise<void> {
    const clean = ORGANIZATION_ROLES.filter((r) => roles.includes(r));
    const limits = await this.accounts.peopleLimits();
    await this.tenantDb.run(async (em) => {
      const before = await em.findOneBy(UserEntity, { id: userId });
      if (clean.includes('admin') && before && !before.roles.includes('admin'))
        await this.accounts.assertRoomForAdmins(em, limits);
      await em.update(UserEntity, { id: userId }, { roles: clean });
      await this.log.record(em, {
        actorId,
        action: 'user.roles',
        subjectType: 'user',
        subjectId: userId,
        details: { roles: clean },
      });
    });
    await this.endSessions(userId);
  }

  async block(actorId: string, userId: string, reason: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      await em.update(UserEntity, { id: userId }, { blockedAt: new Date(), blockedReason: reason });
      await this.log.record(em, {
        actorId,
        action: 'user.block',
        subjectType: 'user',
        subjectId: userId,
        details: { reason },
      });
    });
    await this.endSessions(userId);
  }

  async unblock(actorId: string, userId: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      await em.update(UserEntity, { id: userId }, { blockedAt: null, blockedReason: null });
      await this.log.record(em, {
        actorId,
        action: 'user.unblock',
        subjectType: 'user',
        subjectId: userId,
      });
    });
  }

  async accessSettings(): Promise<AccessSettings> {
    const organization = await this.tenantDb.run((em) =>
      em.findOneByOrFail(OrganizationEntity, { id: 1 }),
    );
    return {
      registrationMode: organization.registrationMode,
      forceSignIn: organization.forceSignIn,
      requireAdminTwoFactor: organization.requireAdminTwoFactor,
    };
  }

  /** Saves the settings; each one that changed is one line of the action log. */
  async setAccessSettings(actorId: string, settings: AccessSettings): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const before = await em.findOneByOrFail(OrganizationEntity, { id: 1 });
      await em.update(OrganizationEntity, { id: 1 }, settings);
      const entry = { actorId, subjectType: 'organization', subjectId: null };
      if (
        before.registrationMode !== settings.registrationMode ||
        before.forceSignIn !== settings.forceSignIn
      )
        await this.log.record(em, {
          ...entry,
          action: 'organization.access',
          details: {
            registrationMode: settings.registrationMode,
            forceSignIn: settings.forceSignIn,
          },
        });
      if (before.requireAdminTwoFactor !== settings.requireAdminTwoFactor)
        await this.log.record(em, {
          ...entry,
          action: 'organization.two_factor',
          details: { value: settings.requireAdminTwoFactor },
        });
    });
    // Committed: every process forgets the cached flags (force sign-in, two-factor).
    await this.access.changed(TenantContext.current());
  }

  private async endSessions(userId: string): Promise<void> {
    await this.sessionStore.destroyAllForUser(`tenant:${TenantContext.current().id}`, userId);
  }
}
