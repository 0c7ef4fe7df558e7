import type { ComponentChildren } from 'preact';

import { LOCALE_NAMES } from './i18n';

/** Field name → sentences to show next to the field. */
export type FieldErrors = Record<string, string[]>;

export const FORM_CSS = `
.form-field{margin:0 0 1.25rem}
.form-field label,.form-field legend{display:block;font-weight:600;margin-bottom:.25rem}
.form-field .hint{display:block;color:var(--plaza-muted);font-size:.9rem;margin-bottom:.25rem}
.form-field input[type=text],.form-field input[type=url],.form-field textarea,.form-field select{width:100%;max-width:40rem;padding:.5rem;border:1px solid #6b6b70;border-radius:4px;font:inherit}
.form-field fieldset{border:1px solid #ccc;padding:.75rem 1rem;margin:0}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0}
.error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0;font-size:1.1rem}
.notice{border-left:6px solid #26734d;background:#eef7f1;padding:.75rem 1rem;margin-bottom:1.5rem}
.button{display:inline-block;background:var(--plaza-primary);color:var(--plaza-on-primary,#fff);border:none;border-radius:4px;padding:.5rem 1rem;font:inherit;cursor:pointer;text-decoration:none}
.button.secondary{background:#fff;color:var(--plaza-primary);border:2px solid var(--plaza-primary)}
.button.danger{background:#b00020;color:#fff}
.inline-form{display:inline;margin:0}
`;

export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** At the top of a form that failed: a focusable summary linking to each bad field. */
export function ErrorSummary(props: { title: string; errors: FieldErrors }) {
  const entries = Object.entries(props.errors).filter(([, m]) => m.length > 0);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2>{props.title}</h2>
      <ul>
        {entries.map(([name, messages]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{messages.join(' ')}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError(props: { name: string; errors?: FieldErrors }) {
  const messages = props.errors?.[props.name];
  if (!messages?.length) return null;
  return (
    <p class="field-error" id={`${fieldId(props.name)}-error`}>
      {messages.join(' ')}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [
    props.hint ? `${fieldId(props.name)}-hint` : null,
    props.errors?.[props.name]?.length ? `${fieldId(props.name)}-error` : null,
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame(props: FieldProps & { children: ComponentChildren }) {
  return (
    <div class="form-field">
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={`${fieldId(props.name)}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError name={props.name} errors={props.errors} />
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | null;
    type?: 'text' | 'url' | 'color' | 'number';
    required?: boolean;
    maxLength?: number;
    autocomplete?: string;
  },
) {
  return (
    <Frame {...props}>
      <input
        type={props.type ?? 'text'}
        id={fieldId(props.name)}
        name={props.name}
        value={props.value ?? ''}
        required={props.required}
        maxLength={props.maxLength}
        autocomplete={props.autocomplete}
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name]?.length ? 'true' : undefined}
      />
    </Frame>
  );
}

export function TextArea(props: FieldProps & { value?: string | null; rows?: number }) {
  return (
    <Frame {...props}>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 6}
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name]?.length ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </Frame>
  );
}

export function SelectField(
  props: FieldProps & { value?: string | null; options: { value: string; label: string }[] },
) {
  return (
    <Frame {...props}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name]?.length ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function FileField(props: FieldProps & { accept?: string; current?: ComponentChildren }) {
  return (
    <Frame {...props}>
      {props.current}
      <input
        type="file"
        id={fieldId(props.name)}
        name={props.name}
        accept={props.accept}
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name]?.length ? 'true' : undefined}
      />
    </Frame>
  );
}

/** One input per available locale of the organization, named `<name>.<locale>`. */
export function TranslatedField(props: {
  name: string;
  label: string;
  locales: readonly string[];
  value?: Partial<Record<string, string>> | null;
  errors?: FieldErrors;
  multiline?: boolean;
  hint?: string;
}) {
  return (
    <div class="form-field">
      <fieldset>
        <legend>{props.label}</legend>
        {props.hint && <span class="hint">{props.hint}</span>}
        {props.locales.map((locale) => {
          const name = `${props.name}.${locale}`;
          const label = LOCALE_NAMES[locale as keyof typeof LOCALE_NAMES] ?? locale;
          return props.multiline ? (
            <TextArea
              key={locale}
              name={name}
              label={label}
              value={props.value?.[locale]}
              errors={props.errors}
            />
          ) : (
            <TextField
              key={locale}
              name={name}
              label={label}
              value={props.value?.[locale]}
              errors={props.errors}
            />
          );
        })}
      </fieldset>
    </div>
  );
}

export function CsrfField(props: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

/** A form's string field, trimmed; anything else (a file, a repeated field) reads as empty. */
export function formString(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A translated field from `<name>.<locale>` inputs, keeping only non-empty values. */
export function formTranslated(
  body: unknown,
  name: string,
  locales: readonly string[],
): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const locale of locales) {
    const value = formString(body, `${name}.${locale}`);
    if (value) out[locale] = value;
  }
  return out;
}
