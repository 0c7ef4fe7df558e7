import { renderToString } from 'preact-render-to-string';

import { AdminSections } from './admin-layout';
import {
  CheckboxField,
  ChoiceGroup,
  ErrorSummary,
  formString,
  formTranslated,
  TextField,
  TranslatedField,
} from './forms';
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

  it('takes one sentence or several as a field error, and never echoes a password', () => {
    const sut = renderToString(
      <TextField
        name="password"
        type="password"
        label="Password"
        value="secret"
        error="Too short."
      />,
    );
    expect(sut).toContain('id="field-password-error"');
    expect(sut).toContain('aria-describedby="field-password-error"');
    expect(sut).not.toContain('secret');
    const summary = renderToString(
      <ErrorSummary title="x" errors={{ a: 'One.', b: ['Two.', 'Three.'] }} general="Locked." />,
    );
    expect(summary).toContain('<li>Locked.</li>');
    expect(summary).toContain('href="#field-b">Two. Three.</a>');
  });

  it('keeps the ids and names a page gives its fields', () => {
    const translated = renderToString(
      <TranslatedField
        name="title"
        label="Title"
        locales={['en']}
        naming="underscored"
        errors={{ title_en: 'Enter a title.' }}
      />,
    );
    expect(translated).toContain('<label for="title_en">Title (English)</label>');
    expect(translated).toContain('id="title_en" name="title_en"');
    expect(translated).toContain('aria-describedby="title_en-error"');
    const summary = renderToString(
      <ErrorSummary title="x" errors={{ title_en: 'Enter a title.' }} idOf={(f) => f} />,
    );
    expect(summary).toContain('href="#title_en"');
    const checkbox = renderToString(<CheckboxField name="ok" label="OK" checked />);
    expect(checkbox).toMatch(/id="field-ok" name="ok" type="checkbox" value="1" checked/);
  });

  it('groups choices under a legend with the error tied to the group', () => {
    const sut = renderToString(
      <ChoiceGroup
        name="locales"
        legend="Languages"
        type="checkbox"
        options={[
          { value: 'en', label: 'English', lang: 'en' },
          { value: 'fr', label: 'Français', lang: 'fr' },
        ]}
        selected={['fr']}
        optionId={(l) => `locale-${l}`}
        errors={{ locales: ['Choose one.'] }}
      />,
    );
    expect(sut).toContain('<fieldset id="field-locales" aria-describedby="field-locales-error">');
    expect(sut).toContain('type="checkbox" id="locale-fr" name="locales" value="fr" checked');
    expect(sut).not.toContain('value="en" checked');
    expect(sut).toContain('<label for="locale-fr" lang="fr">Français</label>');
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
