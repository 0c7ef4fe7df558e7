import { ValueType, Workbook } from 'exceljs';

import type { ProposalEntity } from './proposal.entity';
import { EXPORT_COLUMNS, toCsv, toExportRow, toXlsx } from './proposal-export';

function proposal(over: Partial<ProposalEntity> = {}): ProposalEntity {
  return {
    id: 'p1',
    title: 'Trees, "big" ones',
    body: 'Line one\nline two',
    official: false,
    author: { name: 'Ada' },
    state: 'accepted',
    statePublishedAt: new Date('2027-01-02T00:00:00Z'),
    answer: { en: 'Yes', fr: 'Oui' },
    supportsCount: 3,
    endorsementsCount: 1,
    commentsCount: 2,
    address: null,
    latitude: null,
    longitude: null,
    cost: null,
    publishedAt: new Date('2027-01-01T00:00:00Z'),
    createdAt: new Date('2027-01-01T00:00:00Z'),
    withdrawnAt: null,
    ...over,
  } as ProposalEntity;
}

describe('proposal export', () => {
  it('quotes CSV cells with commas, quotes and new lines', () => {
    const sut = toCsv([toExportRow(proposal(), 'fr')]);
    const [header, row] = sut.split('\r\n');
    expect(header.split(',')[0]).toBe('id');
    expect(row).toContain('"Trees, ""big"" ones"');
    expect(sut).toContain('"Line one\nline two"');
    expect(row).toContain(',Oui,');
  });

  it('neutralizes formulas (CSV injection)', () => {
    const sut = toCsv([toExportRow(proposal({ title: '=HYPERLINK("http://evil")' }), 'en')]);
    expect(sut).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("names the proposal's category and scope in the reader's language", () => {
    const sut = toExportRow(
      proposal({
        category: { name: { en: 'Mobility', fr: 'Mobilité' } },
        scope: { name: { en: 'North district', fr: 'Quartier nord' } },
      } as Partial<ProposalEntity>),
      'fr',
    );
    expect([sut.category, sut.scope]).toEqual(['Mobilité', 'Quartier nord']);
    expect(toExportRow(proposal(), 'en')).toMatchObject({ category: '', scope: '' });
  });

  it("writes a deleted author as a deleted participant, in the reader's language, and official ones blank", () => {
    const gone = { name: '', nickname: 'deleted_1', deletedAt: new Date() };
    const sut = (locale: string) =>
      toExportRow(proposal({ author: gone } as Partial<ProposalEntity>), locale).author;
    expect([sut('en'), sut('fr')]).toEqual(['Deleted participant', 'Participant supprimé']);
    expect(toExportRow(proposal(), 'en').author).toBe('Ada');
    expect(toExportRow(proposal({ official: true }), 'en').author).toBe('');
  });

  it('writes a header even with no proposals', () => {
    expect(toCsv([]).startsWith('id,title,body')).toBe(true);
  });

  it('writes an Excel workbook with the CSV columns, typed cells and inert formulas', async () => {
    const rows = [
      toExportRow(proposal(), 'en'),
      toExportRow(
        proposal({ id: 'p2', title: '=HYPERLINK("http://evil")', supportsCount: 7 }),
        'en',
      ),
    ];
    const sut = await toXlsx(rows);
    const workbook = new Workbook();
    await workbook.xlsx.load(sut as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Proposals')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS]);
    expect(sheet.getRow(2).getCell(2).value).toBe('Trees, "big" ones');
    expect(sheet.getRow(2).getCell(3).value).toBe('Line one\nline two');
    expect(sheet.getRow(2).getCell(7).value).toBe('Yes');
    expect(sheet.getRow(3).getCell(2).value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getRow(3).getCell(2).type).toBe(ValueType.String);
    expect(sheet.getRow(3).getCell(9).value).toBe(7);
    expect(sheet.getRow(3).getCell(5).value).toBe(false);
  });
});
