import type { ComponentChildren } from 'preact';

import type { SiteContext } from '@plaza/web';

/** Field name → the sentence saying what is wrong with it. */
export type FieldErrors = Partial<Record<string, string>>;

export interface ErrorSummaryProps {
  title: string;
  errors: FieldErrors;
  /** Errors that belong to no single field (wrong credentials, too many attempts). */
  general?: string | null;
}

/**
 * The list of a form's problems at the top of the page, each linking to its
 * field, announced by screen readers (role="alert").
 */
export function ErrorSummary({ title, errors, general }: ErrorSummaryProps) {
  const entries = Object.entries(errors).filter((e): e is [string, string] => !!e[1]);
  if (!general && entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {general && <li>{general}</li>}
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}

/** A labelled input with its hint and error tied to it for assistive technologies. */
export function TextField(props: TextFieldProps) {
  const id = `field-${props.name}`;
  const describedBy =
    [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autoComplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export interface TextAreaFieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  maxLength?: number;
  rows?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const id = `field-${props.name}`;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export interface CheckboxFieldProps {
  name: string;
  label: ComponentChildren;
  checked?: boolean;
  error?: string;
  required?: boolean;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const id = `field-${props.name}`;
  return (
    <div class={props.error ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type="checkbox"
        value="1"
        checked={props.checked}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** The session's CSRF token, sent back with every form. */
export function CsrfField({ token }: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={token ?? ''} />;
}

/** Form styles, added to the layout's stylesheet. */
export const FORM_CSS = `
.error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0;font-size:1.25rem}
.field{margin-bottom:1.25rem}
.field label{display:block;font-weight:600}
.field-checkbox label{display:inline;font-weight:400;margin-left:.5rem}
.field input[type=text],.field input[type=email],.field input[type=password],.field input[type=search],.field select,.field textarea{display:block;width:100%;max-width:30rem;padding:.5rem;font:inherit;border:2px solid #555}
.field-invalid input{border-color:#b00020}
.hint{margin:.25rem 0;color:var(--plaza-muted)}
.field-error{margin:.25rem 0;color:#b00020;font-weight:600}
.notice{border-left:4px solid var(--plaza-primary);padding:.5rem 1rem}
button.primary{padding:.5rem 1.25rem;font:inherit;background:var(--plaza-primary);color:#fff;border:none;cursor:pointer}
`;

/** Account pages render in the site layout with the form styles they use. */
export function withFormCss(site: SiteContext): SiteContext {
  return { ...site, themeCss: `${site.themeCss ?? ''}${FORM_CSS}` };
}
