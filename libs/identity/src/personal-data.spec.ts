import { toCsv } from './personal-data';

describe('toCsv', () => {
  it('quotes every cell, doubles quotes and keeps empty values empty', () => {
    const sut = toCsv([
      { name: 'Ada "the first"', note: null },
      { name: 'Grace', note: 'line\nbreak' },
    ]);
    expect(sut).toBe('"name","note"\r\n"Ada ""the first""",""\r\n"Grace","line\nbreak"\r\n');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(toCsv([{ v: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
