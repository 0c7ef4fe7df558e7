import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import { PersonalTokenEntity } from './personal-token.entity';
import { UserEntity } from './user.entity';
import { VerificationEntity } from './verification.entity';

export type PersonalDataRow = Record<string, string | number | boolean | null>;

/** One part of a person's data export: rows from one feature (proposals, comments…). */
export type PersonalDataSection = (em: EntityManager, userId: string) => Promise<PersonalDataRow[]>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The account itself; secrets (password hash, tokens) are never exported. */
const accountSection: PersonalDataSection = async (em, userId) => {
  const user = await em.findOneByOrFail(UserEntity, { id: userId });
  return [
    {
      id: user.id,
      email: user.email,
      nickname: user.nickname,
      name: user.name,
      locale: user.locale,
      roles: user.roles.join(' '),
      confirmed_at: iso(user.confirmedAt),
      terms_accepted_version: user.termsAcceptedVersion,
      terms_accepted_at: iso(user.termsAcceptedAt),
      newsletter_consent_at: iso(user.newsletterConsentAt),
      created_at: iso(user.createdAt),
      updated_at: iso(user.updatedAt),
    },
  ];
};

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
 * What "download my data" gathers. Features register the data they keep about
 * a person, so the export grows with them and identity imports none of them.
 */
@Injectable()
export class PersonalDataSections {
  private readonly sections = new Map<string, PersonalDataSection>([
    ['account', accountSection],
    ['verifications', verificationsSection],
    ['api_tokens', tokensSection],
  ]);

  register(name: string, section: PersonalDataSection): void {
    this.sections.set(name, section);
  }

  async collect(em: EntityManager, userId: string): Promise<Record<string, PersonalDataRow[]>> {
    const result: Record<string, PersonalDataRow[]> = {};
    for (const [name, section] of this.sections) result[name] = await section(em, userId);
    return result;
  }
}

function csvCell(value: PersonalDataRow[string]): string {
  const text = value === null ? '' : String(value);
  // Quotes always; a leading =, +, - or @ is neutralized so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** RFC 4180 CSV with a header row of every column seen. */
export function toCsv(rows: PersonalDataRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
