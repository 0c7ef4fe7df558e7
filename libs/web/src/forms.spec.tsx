import { renderToString } from 'preact-render-to-string';

import { AdminSections } from './admin-layout';
import { ErrorSummary, formString, formTranslated, TextField } from './forms';
import { uploadedFile } from './uploaded-file';

describe('form helpers', () => {
  it('reads trimmed strings and ignores files and repeated fields', () => {
    const body = { name: '  Ada ', file: { kind: 'file' }, many: ['a', 'b'] };
    expect(formString(body, 'name')).toBe('Ada');
    expect(formString(body, 'file')).toBe('');
    expect(formString(body, 'many')).toBe('');
    expect(formString(undefined, 'name')).toBe('');
  });

  it('reads a translated field from one input per locale, dropping empty values', () => {
    const sut = formTranslated(
      { 'title.en': 'Hello', 'title.fr': ' ', 'title.es': 'Hola' },
      'title',
      ['en', 'fr'],
    );
    expect(sut).toEqual({ en: 'Hello' });
  });

  it('treats an empty file input as no file', () => {
    const empty = { logo: { kind: 'file', filename: '', data: Buffer.alloc(0), truncated: false } };
    const sent = {
      logo: { kind: 'file', filename: 'a.png', data: Buffer.from('x'), truncated: false },
    };
    expect(uploadedFile(empty, 'logo')).toBeNull();
    expect(uploadedFile(sent, 'logo')?.filename).toBe('a.png');
  });

  it('ties a field to its error and hint, and the summary links to the field', () => {
    const errors = { 'title.en': ['Enter a title.'] };
    const field = renderToString(
      <TextField name="title.en" label="Title" hint="Short" errors={errors} />,
    );
    expect(field).toContain('for="field-title-en"');
    expect(field).toContain('aria-describedby="field-title-en-hint field-title-en-error"');
    expect(field).toContain('aria-invalid="true"');
    const summary = renderToString(<ErrorSummary title="There is a problem" errors={errors} />);
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('href="#field-title-en"');
    expect(renderToString(<ErrorSummary title="x" errors={{}} />)).toBe('');
  });

  it('lists admin sections in order, once each', () => {
    const sut = new AdminSections();
    sut.add({ href: '/admin/b', order: 20, label: () => 'B' });
    sut.add({ href: '/admin/a', order: 10, label: (l) => `A-${l}` });
    sut.add({ href: '/admin/a', order: 5, label: () => 'again' });
    expect(sut.navFor('fr')).toEqual([
      { href: '/admin/a', label: 'A-fr' },
      { href: '/admin/b', label: 'B' },
    ]);
  });
});
