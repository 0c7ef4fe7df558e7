import { pageText } from './http-exception.filter';

describe('pageText: what an error page says, in the page language', () => {
  it('shows an English-only sentence to English readers and a sentence for its status to others', () => {
    expect(pageText(new Error('x'), 409, 'The widget is busy.', 'en', false)).toEqual([
      'This cannot be done',
      'The widget is busy.',
    ]);
    const [title, text] = pageText(new Error('x'), 409, 'The widget is busy.', 'fr', false);
    expect(title).toBe('Action impossible');
    expect(text).not.toContain('widget');
  });

  it('keeps a sentence the error translations already put in the reader language', () => {
    expect(
      pageText(new Error('x'), 400, 'Certains champs ne sont pas valides.', 'fr', true)[1],
    ).toBe('Certains champs ne sont pas valides.');
  });

  it('never shows details of a server error', () => {
    expect(
      pageText(new Error('secret detail'), 500, 'secret detail', 'en', false)[1],
    ).not.toContain('secret');
  });

  it('uses the exception own catalog sentence when it has one', () => {
    const localized = Object.assign(new Error('x'), { messageIn: () => 'Phrase du catalogue.' });
    expect(pageText(localized, 404, 'Not found', 'fr', false)[1]).toBe('Phrase du catalogue.');
  });
});
