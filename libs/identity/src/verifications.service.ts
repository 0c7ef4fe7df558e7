import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';

import { EntityManager, QueryFailedError } from 'typeorm';

import { PLAZA_CONFIG, PlazaConfig, publicUrl } from '@plaza/core';
import { MailQueue } from '@plaza/mail';
import { OrganizationEntity, TenantContext, TenantDb } from '@plaza/tenancy';

import type { MailSite } from './account-mails.service';
import { ActionLog } from './action-log.service';
import { UserEntity } from './user.entity';
import { VerificationEntity, VerificationStatus } from './verification.entity';
import { VerificationDecision, VerificationDecisions } from './verification-decisions';
import { VerificationHashes } from './verification-hashes.service';
import {
  documentNumberValid,
  DocumentType,
  isVerificationMethod,
  normalizeDocumentNumber,
  VERIFICATION_METHODS,
  VerificationMethod,
} from './verification-methods';
import { verificationsT } from './verifications.messages';

export class VerificationMethodUnavailable extends NotFoundException {
  constructor() {
    super('This verification method is not available here.');
  }
}

/** Why a verification request or decision was refused; a stable code pages translate. */
export type VerificationProblem =
  | 'numberInvalid'
  | 'typeInvalid'
  | 'alreadyGranted'
  | 'documentTaken'
  | 'notPending'
  | 'notGranted'
  | 'reasonRequired';

export class VerificationRefusal extends ConflictException {
  constructor(readonly problem: VerificationProblem) {
    super(
      {
        numberInvalid: 'The document number must have 5 to 20 letters or digits.',
        typeInvalid: 'Choose the type of document.',
        alreadyGranted: 'You are already verified with this method.',
        documentTaken: 'This document already verifies another account.',
        notPending: 'This request has already been decided.',
        notGranted: 'Only a granted verification can be revoked.',
        reasonRequired: 'Give a reason (at most 500 characters).',
      }[problem],
    );
  }
}

/** Verification methods the organization offers. */
export async function enabledVerificationMethods(em: EntityManager): Promise<VerificationMethod[]> {
  const org = await em.findOneBy(OrganizationEntity, { id: 1 });
  return (org?.verificationMethods ?? []).filter(isVerificationMethod);
}

/** Methods by which the person is verified now, among those the organization offers. */
export async function grantedVerificationMethods(
  em: EntityManager,
  userId: string,
  offered?: readonly string[],
): Promise<string[]> {
  const enabled = offered ?? (await enabledVerificationMethods(em));
  if (!enabled.length) return [];
  const rows = await em.find(VerificationEntity, {
    where: { userId, status: 'granted' },
    select: ['method'],
  });
  return rows.map((r) => r.method).filter((m) => (enabled as string[]).includes(m));
}

const isUniqueViolation = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';

/**
 * Participants ask to be verified; admins grant, refuse or revoke, each decision
 * written to the action log. Decided requests keep no readable document number.
 */
@Injectable()
export class VerificationsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly log: ActionLog,
    private readonly hashes: VerificationHashes,
    private readonly decisions: VerificationDecisions,
    private readonly mails: MailQueue,
    @Inject(PLAZA_CONFIG) private readonly config: PlazaConfig,
  ) {}

  async enabledMethods(): Promise<VerificationMethod[]> {
    return this.tenantDb.run((em) => enabledVerificationMethods(em));
  }

  async setEnabledMethods(actorId: string, methods: string[]): Promise<void> {
    const clean = VERIFICATION_METHODS.filter((m) => methods.includes(m));
    await this.tenantDb.run(async (em) => {
      await em.update(OrganizationEntity, { id: 1 }, { verificationMethods: clean });
      await this.log.record(em, {
        actorId,
        action: 'organization.verification_methods',
        subjectType: 'organization',
        subjectId: null,
        details: { methods: clean },
      });
    });
  }

  async mine(userId: string): Promise<VerificationEntity[]> {
    return this.tenantDb.run((em) =>
      em.find(VerificationEntity, { where: { userId }, order: { requestedAt: 'ASC' } }),
    );
  }

  /** A new request, or a new try after a refusal or a revocation. */
  async request(
    userId: string,
    method: string,
    input: { documentType: DocumentType; documentNumber: string },
  ): Promise<VerificationEntity> {
    const normalized = normalizeDocumentNumber(input.documentNumber);
    if (!documentNumberValid(normalized)) throw new VerificationRefusal('numberInvalid');
    return this.tenantDb.run(async (em) => {
      if (!isVerificationMethod(method) || !(await enabledVerificationMethods(em)).includes(method))
        throw new VerificationMethodUnavailable();
      const existing = await em.findOne(VerificationEntity, {
        where: { userId, method },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status === 'granted') throw new VerificationRefusal('alreadyGranted');
      const values = {
        status: 'pending' as VerificationStatus,
        documentType: input.documentType,
        documentNumber: normalized,
        uniqueHash: await this.hashes.hash(em, method, normalized),
        numberHint: normalized.slice(-3),
        reason: null,
        requestedAt: new Date(),
        decidedAt: null,
        decidedBy: null,
      };
      if (existing) return em.save(Object.assign(existing, values));
      return em.save(em.create(VerificationEntity, { userId, method, ...values }));
    });
  }

  /** Requests waiting for an admin, oldest first, and the decided ones, newest first. */
  async forAdmin(): Promise<{ pending: VerificationEntity[]; decided: VerificationEntity[] }> {
    return this.tenantDb.run(async (em) => {
      const pending = await em.find(VerificationEntity, {
        where: { status: 'pending' },
        relations: { user: true },
        order: { requestedAt: 'ASC' },
        take: 200,
      });
      const decided = await em
        .createQueryBuilder(VerificationEntity, 'v')
        .leftJoinAndSelect('v.user', 'u')
        .where(`v.status <> 'pending'`)
        .orderBy('v.decidedAt', 'DESC')
        .take(200)
        .getMany();
      return { pending, decided };
    });
  }

  /** Each decision is mailed to the person (in their language), with a link to their page. */
  async grant(actorId: string, id: string, site: MailSite): Promise<void> {
    try {
      await this.decide(actorId, id, 'pending', 'granted', null, site);
    } catch (error) {
      if (isUniqueViolation(error)) throw new VerificationRefusal('documentTaken');
      throw error;
    }
  }

  async refuse(actorId: string, id: string, reason: string, site: MailSite): Promise<void> {
    await this.decide(actorId, id, 'pending', 'refused', this.reason(reason), site);
  }

  async revoke(actorId: string, id: string, reason: string, site: MailSite): Promise<void> {
    await this.decide(actorId, id, 'granted', 'revoked', this.reason(reason), site);
  }

  private reason(raw: string): string {
    const reason = raw.trim();
    if (!reason || reason.length > 500) throw new VerificationRefusal('reasonRequired');
    return reason;
  }

  private async decide(
    actorId: string,
    id: string,
    from: VerificationStatus,
    to: VerificationStatus,
    reason: string | null,
    site: MailSite,
  ): Promise<void> {
    const decided = await this.tenantDb.run(async (em) => {
      const v = await em.findOne(VerificationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!v) throw new NotFoundException('This verification does not exist.');
      if (v.status !== from)
        throw new VerificationRefusal(from === 'pending' ? 'notPending' : 'notGranted');
      if (
        to === 'granted' &&
        (await em.existsBy(VerificationEntity, {
          method: v.method,
          uniqueHash: v.uniqueHash,
          status: 'granted',
        }))
      )
        throw new VerificationRefusal('documentTaken');
      Object.assign(v, {
        status: to,
        reason,
        documentNumber: null,
        decidedAt: new Date(),
        decidedBy: actorId,
      });
      await em.save(v);
      await this.log.record(em, {
        actorId,
        action: `verification.${to === 'granted' ? 'grant' : to === 'refused' ? 'refuse' : 'revoke'}`,
        subjectType: 'user',
        subjectId: v.userId,
        details: { method: v.method, ...(reason ? { reason } : {}) },
      });
      const user = await em.findOneByOrFail(UserEntity, { id: v.userId });
      if (!user.deletedAt)
        await this.decisions.decided({
          em,
          verificationId: v.id,
          userId: v.userId,
          status: to as VerificationDecision['status'],
          methodName: this.methodName(v.method, this.localeOf(user, site)),
          url: '/account/verifications',
        });
      return { v, user };
    });
    await this.mailDecision(site, decided.user, decided.v);
  }

  /** The person's language when the organization offers it, else the site's. */
  private localeOf(user: UserEntity, site: MailSite): string {
    const offered = TenantContext.current().locales as readonly string[];
    return user.locale && offered.includes(user.locale) ? user.locale : site.locale;
  }

  private methodName(method: string, locale: string): string {
    return isVerificationMethod(method) ? verificationsT(locale, `method.${method}`) : method;
  }

  private async mailDecision(site: MailSite, user: UserEntity, v: VerificationEntity) {
    if (user.deletedAt) return;
    const locale = this.localeOf(user, site);
    const status = v.status as 'granted' | 'refused' | 'revoked';
    const params = {
      site: site.name,
      name: user.name,
      method: this.methodName(v.method, locale),
      reason: v.reason ?? '',
      url: publicUrl(this.config, site.host, '/account/verifications'),
    };
    await this.mails.enqueue(
      {
        tenantId: TenantContext.current().id,
        message: {
          to: user.email,
          subject: verificationsT(locale, `mail.${status}Subject`, params),
          text: verificationsT(locale, `mail.${status}Body`, params),
        },
      },
      `verification-${v.id}-${v.decidedAt!.getTime()}`,
    );
  }
}
