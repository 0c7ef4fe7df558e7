import { translate } from '@plaza/core';
import { authorDisplayName } from '@plaza/identity';

import type { ProposalEntity } from './proposal.entity';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One exported row; the same fields in CSV, JSON and Excel. */
export interface ExportRow {
  id: string;
  title: string;
  body: string;
  author: string;
  official: boolean;
  state: string;
  answer: string;
  answer_published: boolean;
  supports: number;
  endorsements: number;
  comments: number;
  address: string;
  latitude: number | null;
  longitude: number | null;
  cost: number | null;
  published_at: string;
  withdrawn_at: string;
  category: string;
  scope: string;
}

export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  'id',
  'title',
  'body',
  'author',
  'official',
  'state',
  'answer',
  'answer_published',
  'supports',
  'endorsements',
  'comments',
  'address',
  'latitude',
  'longitude',
  'cost',
  'published_at',
  'withdrawn_at',
  'category',
  'scope',
];

export function toExportRow(p: ProposalEntity, locale: string): ExportRow {
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    author: p.official ? '' : authorDisplayName(p.author, locale),
    official: p.official,
    state: p.withdrawnAt ? 'withdrawn' : (p.state ?? 'not_answered'),
    answer: translate(p.answer, locale, locale),
    answer_published: !!p.statePublishedAt,
    supports: p.supportsCount,
    endorsements: p.endorsementsCount,
    comments: p.commentsCount,
    address: p.address ?? '',
    latitude: p.latitude,
    longitude: p.longitude,
    cost: p.cost,
    published_at: (p.publishedAt ?? p.createdAt).toISOString(),
    withdrawn_at: p.withdrawnAt?.toISOString() ?? '',
    category: translate(p.category?.name, locale, locale),
    scope: translate(p.scope?.name, locale, locale),
  };
}

/**
 * RFC 4180 CSV. Cells starting with = + - @ are prefixed with a quote so a
 * spreadsheet never runs a participant's text as a formula (CSV injection).
 */
export function toCsv(rows: ExportRow[]): string {
  const header = EXPORT_COLUMNS;
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') +
    '\r\n'
  );
}

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An Excel workbook with one sheet, the CSV's columns and one row per proposal.
 * Cells keep their types (numbers, booleans) and text is written as text, never
 * as a formula, so a participant's "=..." stays inert.
 */
export async function toXlsx(rows: ExportRow[]): Promise<Buffer> {
  // Loaded on demand: only the worker writes workbooks.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'Plaza';
  const sheet = workbook.addWorksheet('Proposals', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'body' ? 60 : key === 'title' ? 40 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(EXPORT_COLUMNS.map((c) => row[c] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
