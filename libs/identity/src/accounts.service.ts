import { createHash, randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { EntityManager, IsNull, MoreThan } from 'typeorm';

import { hashPassword, verifyPassword } from '@plaza/core';
import {
  LimitCheck,
  OrganizationEntity,
  PlanPolicy,
  TenantContext,
  TenantDb,
} from '@plaza/tenancy';
import { StaticPageEntity } from '@plaza/theming';

import { AccountErasure } from './account-erasure';
import { DataExportEntity } from './data-export.entity';
import { TotpSecrets, TotpSecretUnreadableError } from './totp-secrets.service';
import { totpStep } from './two-factor';
import { OrganizationRole, UserEntity } from './user.entity';
import { TokenPurpose, UserTokenEntity } from './user-token.entity';

/** How long each kind of emailed link stays valid. */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  confirm: 3 * 24 * 3600,
  email: 24 * 3600,
  reset: 2 * 3600,
  invite: 7 * 24 * 3600,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Verified against when no account matches, so an unknown email costs the
 * same time as a wrong password and timing does not reveal which accounts exist.
 */
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

export interface NewAccount {
  email: string;
  password: string;
  name: string;
  nickname: string;
  locale: string;
  newsletter: boolean;
  termsVersion: number | null;
}

export type RegistrationOutcome =
  | { kind: 'created'; user: UserEntity; confirmToken: string }
  | { kind: 'email-taken'; user: UserEntity }
  | { kind: 'nickname-taken' };

/** Why a signed-in person may not take part yet, or null when they may. */
export type ParticipationProblem = 'unconfirmed' | 'terms' | null;

class BlockedAccountError extends Error {}
class EmailTakenError extends Error {}

/** The plan's limits on accounts, read before the transaction that adds someone. */
export interface PeopleLimits {
  participants: LimitCheck;
  admins: LimitCheck;
}

/** Accounts of the current tenant: credentials, registration, emailed tokens, terms. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly totpSecrets: TotpSecrets,
    private readonly erasure: AccountErasure,
    private readonly plan: PlanPolicy,
  ) {}

  /** The plan's people limits now: read before the transaction that adds someone. */
  async peopleLimits(): Promise<PeopleLimits> {
    const tenantId = TenantContext.current().id;
    return {
      participants: await this.plan.limitCheck(tenantId, 'participants'),
      admins: await this.plan.limitCheck(tenantId, 'admins'),
    };
  }

  /** Throws a PlanLimitException when there is no room for one more person (and admin). */
  async assertRoomFor(
    em: EntityManager,
    limits: PeopleLimits,
    people: { admins: number },
  ): Promise<void> {
    await limits.participants.assert(em, () => em.countBy(UserEntity, { deletedAt: IsNull() }));
    if (people.admins > 0) await this.assertRoomForAdmins(em, limits, people.admins);
  }

  async assertRoomForAdmins(em: EntityManager, limits: PeopleLimits, adding = 1): Promise<void> {
    await limits.admins.assert(
      em,
      async () => {
        const [row] = (await em.query(
          `select count(*) as n from users where deleted_at is null and 'admin' = any(roles)`,
        )) as { n: string }[];
        return Number(row?.n ?? 0);
      },
      adding,
    );
  }

  /** The account for these credentials, or null (unknown, wrong password, blocked, deleted, invited). */
  async authenticate(email: string, password: string): Promise<UserEntity | null> {
    const user = await this.tenantDb.run((em) =>
      em.findOneBy(UserEntity, { email: normalizeEmail(email), deletedAt: IsNull() }),
    );
    const ok = await verifyPassword(user?.passwordHash ?? (await decoy()), password);
    if (!ok || !user?.passwordHash || user.blockedAt) return null;
    return user;
  }

  async findActive(id: string): Promise<UserEntity | null> {
    return this.tenantDb.run((em) =>
      em.findOneBy(UserEntity, { id, deletedAt: IsNull(), blockedAt: IsNull() }),
    );
  }

  /** Version of the tenant's terms of service (null if the page is missing). */
  async termsVersion(em?: EntityManager): Promise<number | null> {
    const read = (m: EntityManager) =>
      m.findOne(StaticPageEntity, { where: { isTerms: true }, select: ['id', 'version'] });
    const page = em ? await read(em) : await this.tenantDb.run(read);
    return page?.version ?? null;
  }

  async register(input: NewAccount): Promise<RegistrationOutcome> {
    const email = normalizeEmail(input.email);
    const nickname = input.nickname.toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const limits = await this.peopleLimits();
    return this.tenantDb.run(async (em) => {
      // First, so that a full site answers the same whether or not the address has an account.
      await this.assertRoomFor(em, limits, { admins: 0 });
      const existing = await em.findOneBy(UserEntity, { email });
      if (existing) return { kind: 'email-taken', user: existing };
      if (await em.existsBy(UserEntity, { nickname })) return { kind: 'nickname-taken' };
      const now = new Date();
      const user = await em.save(
        em.create(UserEntity, {
          email,
          nickname,
          name: input.name.trim(),
          locale: input.locale,
          passwordHash,
          roles: [] as OrganizationRole[],
          confirmedAt: null,
          termsAcceptedVersion: input.termsVersion,
          termsAcceptedAt: input.termsVersion === null ? null : now,
          newsletterConsentAt: input.newsletter ? now : null,
        }),
      );
      const confirmToken = await this.issueToken(em, user.id, 'confirm');
      return { kind: 'created', user, confirmToken };
    });
  }

  /** A new single-use token; earlier unused ones of the same purpose stop working. */
  async issueToken(em: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.delete(UserTokenEntity, { userId, purpose });
    await em.insert(UserTokenEntity, {
      userId,
      purpose,
      tokenHash: tokenDigest(token),
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_SECONDS[purpose] * 1000),
      usedAt: null,
    });
    return token;
  }

  async newConfirmToken(userId: string): Promise<string> {
    return this.tenantDb.run((em) => this.issueToken(em, userId, 'confirm'));
  }

  /**
   * Spends a token: the account it belongs to when it is live, unused and of
   * this purpose; null otherwise. `then` runs in the same transaction.
   */
  async consumeToken(
    purpose: TokenPurpose,
    token: string,
    then?: (em: EntityManager, user: UserEntity) => Promise<void>,
  ): Promise<UserEntity | null> {
    if (!token || token.length > 100) return null;
    return this.tenantDb.run(async (em) => {
      const row = await em.findOne(UserTokenEntity, {
        where: {
          tokenHash: tokenDigest(token),
          purpose,
          usedAt: IsNull(),
          expiresAt: MoreThan(new Date()),
        },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return null;
      const user = await em.findOneBy(UserEntity, { id: row.userId, deletedAt: IsNull() });
      if (!user) return null;
      await em.update(UserTokenEntity, { id: row.id }, { usedAt: new Date() });
      await then?.(em, user);
      return user;
    });
  }

  /** The account a live token belongs to, without spending it (to show the form it opens). */
  async peekToken(purpose: TokenPurpose, token: string): Promise<UserEntity | null> {
    if (!token || token.length > 100) return null;
    return this.tenantDb.run(async (em) => {
      const row = await em.findOneBy(UserTokenEntity, {
        tokenHash: tokenDigest(token),
        purpose,
        usedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      });
      return row ? em.findOneBy(UserEntity, { id: row.userId, deletedAt: IsNull() }) : null;
    });
  }

  /** A reset token for the active account using this address, or null (the caller answers the same). */
  async requestPasswordReset(email: string): Promise<{ user: UserEntity; token: string } | null> {
    return this.tenantDb.run(async (em) => {
      const user = await em.findOneBy(UserEntity, {
        email: normalizeEmail(email),
        deletedAt: IsNull(),
        blockedAt: IsNull(),
      });
      if (!user) return null;
      return { user, token: await this.issueToken(em, user.id, 'reset') };
    });
  }

  /** Sets the new password; following the emailed link also proves the address. */
  async resetPassword(token: string, password: string): Promise<UserEntity | null> {
    const passwordHash = await hashPassword(password);
    return this.consumeToken('reset', token, async (em, user) => {
      if (user.blockedAt) throw new BlockedAccountError();
      await em.update(
        UserEntity,
        { id: user.id },
        { passwordHash, confirmedAt: user.confirmedAt ?? new Date() },
      );
    }).catch((error: unknown) => {
      if (error instanceof BlockedAccountError) return null;
      throw error;
    });
  }

  /**
   * Starts a change of address: the new one gets a link, the account keeps its
   * address until the link is followed. Null when the new address is taken (the
   * caller answers the same and tells that address's owner).
   */
  async requestEmailChange(userId: string, newEmail: string): Promise<string | null> {
    const email = normalizeEmail(newEmail);
    return this.tenantDb.run(async (em) => {
      if (await em.existsBy(UserEntity, { email })) return null;
      await em.update(UserEntity, { id: userId }, { unconfirmedEmail: email });
      return this.issueToken(em, userId, 'email');
    });
  }

  /** The account with its new address, or null if the link is dead or the address was taken meanwhile. */
  async confirmEmailChange(token: string): Promise<{ user: UserEntity; previous: string } | null> {
    let previous = '';
    const user = await this.consumeToken('email', token, async (em, found) => {
      if (
        !found.unconfirmedEmail ||
        (await em.existsBy(UserEntity, { email: found.unconfirmedEmail }))
      )
        throw new EmailTakenError();
      previous = found.email;
      await em.update(
        UserEntity,
        { id: found.id },
        { email: found.unconfirmedEmail, unconfirmedEmail: null, confirmedAt: new Date() },
      );
      found.email = found.unconfirmedEmail;
    }).catch((error: unknown) => {
      if (error instanceof EmailTakenError) return null;
      throw error;
    });
    return user ? { user, previous } : null;
  }

  async confirmEmail(token: string): Promise<UserEntity | null> {
    return this.consumeToken('confirm', token, async (em, user) => {
      if (!user.confirmedAt)
        await em.update(UserEntity, { id: user.id }, { confirmedAt: new Date() });
    });
  }

  async acceptTerms(userId: string): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const version = await this.termsVersion(em);
      await em.update(
        UserEntity,
        { id: userId },
        { termsAcceptedVersion: version, termsAcceptedAt: new Date() },
      );
    });
  }

  /**
   * GDPR erasure: name, nickname, email and password go; the row stays so
   * contributions keep their author, shown as a deleted participant. Each
   * feature's erasure hook (AccountErasure) runs in the same transaction.
   */
  async deleteAccount(userId: string, reason: string | null): Promise<void> {
    await this.tenantDb.run(async (em) => {
      const anonymous = userId.replace(/-/g, '');
      await em.delete(UserTokenEntity, { userId });
      await em.delete(DataExportEntity, { userId });
      await this.erasure.run(em, userId);
      await em.update(
        UserEntity,
        { id: userId },
        {
          email: `deleted-${anonymous}@deleted.invalid`,
          nickname: `deleted_${anonymous}`,
          name: '',
          locale: null,
          passwordHash: null,
          unconfirmedEmail: null,
          totpSecret: null,
          totpLastStep: null,
          roles: [],
          avatarFileId: null,
          newsletterConsentAt: null,
          blockedReason: null,
          deletedAt: new Date(),
          deletionReason: reason,
        },
      );
    });
  }

  /** Consent to the newsletter is dated when given (kept if already given) and cleared when withdrawn. */
  async setNewsletterConsent(userId: string, consent: boolean): Promise<void> {
    await this.tenantDb.run((em) =>
      consent
        ? em.update(
            UserEntity,
            { id: userId, newsletterConsentAt: IsNull() },
            { newsletterConsentAt: new Date() },
          )
        : em.update(UserEntity, { id: userId }, { newsletterConsentAt: null }),
    );
  }

  /** Whether two-factor sign-in is on, and whether the organization requires it of this person. */
  async twoFactorState(userId: string): Promise<{ enabled: boolean; required: boolean }> {
    return this.tenantDb.run(async (em) => {
      const user = await em.findOneByOrFail(UserEntity, { id: userId });
      const organization = await em.findOneBy(OrganizationEntity, { id: 1 });
      return {
        enabled: !!user.totpSecret,
        required: user.roles.includes('admin') && !!organization?.requireAdminTwoFactor,
      };
    });
  }

  /** Turns two-factor sign-in on (with the step of the code that proved it) or off. */
  async setTotpSecret(userId: string, secret: string | null, step: number | null): Promise<void> {
    await this.tenantDb.run((em) =>
      em.update(
        UserEntity,
        { id: userId },
        {
          totpSecret: secret === null ? null : this.totpSecrets.seal(secret),
          totpLastStep: step === null ? null : String(step),
        },
      ),
    );
  }

  /**
   * Checks a code of the account's authenticator and spends it: the same code
   * (time step) is refused afterwards, so an observed code cannot be replayed.
   * Throws TotpSecretUnreadableError when the stored secret no longer opens.
   */
  async useTotpCode(userId: string, code: string): Promise<boolean> {
    return this.tenantDb.run(async (em) => {
      const user = await em.findOne(UserEntity, {
        where: { id: userId, deletedAt: IsNull(), blockedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user?.totpSecret) return false;
      let secret: string;
      try {
        secret = this.totpSecrets.open(user.totpSecret);
      } catch {
        throw new TotpSecretUnreadableError(userId);
      }
      const step = totpStep(secret, code);
      if (step === null || (user.totpLastStep !== null && step <= Number(user.totpLastStep)))
        return false;
      // A secret stored in clear before sealing existed is sealed at its first use.
      const resealed = this.totpSecrets.needsSealing(user.totpSecret)
        ? { totpSecret: this.totpSecrets.seal(secret) }
        : {};
      await em.update(UserEntity, { id: userId }, { totpLastStep: String(step), ...resealed });
      return true;
    });
  }

  async participationProblem(userId: string): Promise<ParticipationProblem> {
    return this.tenantDb.run(async (em) => {
      const user = await em.findOneBy(UserEntity, { id: userId });
      if (!user?.confirmedAt) return 'unconfirmed';
      const version = await this.termsVersion(em);
      if (version !== null && (user.termsAcceptedVersion ?? 0) < version) return 'terms';
      return null;
    });
  }
}
