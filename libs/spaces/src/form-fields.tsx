import type { ComponentChildren } from 'preact';

import type { Translated } from '@plaza/core';
import { LOCALE_NAMES } from '@plaza/web';

/** Summary of a form's errors at the top, linking to each field (WCAG 3.3.1). */
export function ErrorSummary(props: {
  title: string;
  errors: Record<string, string>;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>
              {props.labels[field] ? `${props.labels[field]}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError(props: { id: string; message?: string }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={`${props.id}-error`}>
      {props.message}
    </p>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  type?: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  lang?: string;
}) {
  const describedBy =
    [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const common = {
    id: props.name,
    name: props.name,
    lang: props.lang,
    required: props.required,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} rows={5}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value ?? ''} />
      )}
      <FieldError id={props.name} message={props.error} />
    </div>
  );
}

/** One input per site locale, named `<name>_<locale>`, grouped in a fieldset. */
export function TranslatedField(props: {
  name: string;
  legend: string;
  locales: readonly string[];
  value?: Translated;
  errors: Record<string, string>;
  multiline?: boolean;
}) {
  return (
    <fieldset class="translated">
      <legend>{props.legend}</legend>
      {props.locales.map((l) => (
        <TextField
          key={l}
          name={`${props.name}_${l}`}
          label={`${props.legend} (${LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l})`}
          value={props.value?.[l as keyof Translated] ?? ''}
          error={props.errors[`${props.name}_${l}`]}
          multiline={props.multiline}
          lang={l}
        />
      ))}
    </fieldset>
  );
}

export function Checkbox(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field checkbox">
      <input type="checkbox" id={props.name} name={props.name} checked={props.checked} />
      <label for={props.name}>{props.label}</label>
    </div>
  );
}

export function Select(props: {
  name: string;
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  error?: string;
}) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select
        id={props.name}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.name}-error` : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={props.name} message={props.error} />
    </div>
  );
}

export function PostButton(props: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{props.children}</button>
    </form>
  );
}

/** Styles shared by participation pages, appended to the layout's. */
export const PARTICIPATION_CSS = `
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600}
.field.checkbox label{display:inline;font-weight:400;margin-left:.25rem}
.field input[type=text],.field input[type=email],.field input[type=date],.field input[type=number],.field textarea,.field select{width:100%;max-width:40rem;padding:.4rem;border:1px solid #6b6b70;border-radius:4px;font:inherit}
.hint{margin:.1rem 0;color:var(--plaza-muted)}
.field-error{color:#b00020;margin:.25rem 0 0;font-weight:600}
.error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1.5rem}
fieldset{border:1px solid #ccc;margin:0 0 1rem;padding:.5rem 1rem}
form.inline{display:inline}
.card-list{list-style:none;padding:0;display:grid;gap:1rem}
.card-list>li{border:1px solid #ccc;border-radius:6px;padding:1rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;background:#eef;color:#1d1d1f;font-size:.9rem}
.timeline{list-style:none;padding:0}
.timeline li{border-left:4px solid #ccc;padding:.25rem 0 .25rem 1rem;margin:.5rem 0}
.timeline li[aria-current]{border-left-color:var(--plaza-primary)}
table{border-collapse:collapse}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
`;
