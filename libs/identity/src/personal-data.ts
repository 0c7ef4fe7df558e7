import { Injectable } from '@nestjs/common';

import type { EntityManager } from 'typeorm';

import { UserEntity } from './user.entity';

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

/**
 * What "download my data" gathers. Features register the data they keep about
 * a person, so the export grows with them and identity imports none of them.
 */
@Injectable()
export class PersonalDataSections {
  private readonly sections = new Map<string, PersonalDataSection>([['account', accountSection]]);

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
