import { metaDescription } from './site-layout';

describe('metaDescription', () => {
  it('keeps a short description whole, on one line', () => {
    expect(metaDescription('  Where the people\n of Lille decide.  ')).toBe(
      'Where the people of Lille decide.',
    );
  });

  it('cuts a long one at a word boundary, under 160 characters, with an ellipsis', () => {
    const sut = metaDescription(`${'participation '.repeat(20)}end`);
    expect(sut.length).toBeLessThanOrEqual(160);
    expect(sut.endsWith('participation…')).toBe(true);
  });
});
