import type { ProposalEntity } from './proposal.entity';
import { toCsv, toExportRow } from './proposal-export';

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

  it('writes a header even with no proposals', () => {
    expect(toCsv([]).startsWith('id,title,body')).toBe(true);
  });
});
