import {
  BlockItem,
  compareActivity,
  formatActivityCursor,
  parseActivityCursor,
} from './content-block-providers';

const item = (iso: string, key: string): BlockItem => ({
  title: key,
  href: '/',
  at: new Date(iso),
  key,
});

describe('activity cursors', () => {
  it('round-trips the last entry shown', () => {
    const sut = parseActivityCursor;
    const last = item('2027-03-01T09:00:00.123Z', 'comment:0b5e8c9a-1111-4222-8333-444455556666');
    expect(sut(formatActivityCursor(last))).toEqual({ at: last.at, key: last.key });
    expect(sut('2027-03-01T09:00:00.000Z')).toEqual({
      at: new Date('2027-03-01T09:00:00.000Z'),
      key: '',
    });
  });

  it('refuses malformed cursors', () => {
    const sut = parseActivityCursor;
    for (const bad of ['yesterday', '2027', '', '2027-03-01T09:00:00Z~no key', ['x']])
      expect({ bad, cursor: sut(bad) }).toEqual({ bad, cursor: null });
  });

  it('orders newest first, then by key descending', () => {
    const items = [
      item('2027-03-01T09:00:00.000Z', 'answer:b'),
      item('2027-03-01T09:00:00.000Z', 'comment:a'),
      item('2027-03-01T10:00:00.000Z', 'answer:a'),
    ];
    expect(items.sort(compareActivity).map((i) => i.key)).toEqual([
      'answer:a',
      'comment:a',
      'answer:b',
    ]);
  });
});
