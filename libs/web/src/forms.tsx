import type { ComponentChildren } from 'preact';

import { LOCALE_NAMES } from './i18n';
import type { SiteContext } from './site-layout';

/** Field name → the sentence(s) saying what is wrong with it. */
export type FieldErrors = Partial<Record<string, string | readonly string[]>>;

/** What one field shows as its error: nothing, a sentence or several. */
export type FieldMessages = string | readonly string[] | null | undefined;

/** Form styles, part of both layouts' stylesheets. */
export const FORM_CSS = `
.field{margin:0 0 1.25rem}
.field label,.field legend{display:block;font-weight:600;margin-bottom:.25rem}
.field-checkbox label,.field-choice label{display:inline;font-weight:400;margin-left:.5rem}
.field .hint{display:block;color:var(--plaza-muted);margin:.25rem 0}
.field input[type=text],.field input[type=url],.field input[type=email],.field input[type=password],.field input[type=search],.field input[type=date],.field input[type=number],.field textarea,.field select{display:block;width:100%;max-width:40rem;padding:.5rem;border:1px solid #6b6b70;border-radius:4px;font:inherit}
.field-invalid input,.field-invalid textarea,.field-invalid select{border:2px solid #b00020}
.field fieldset{border:1px solid #ccc;padding:.75rem 1rem;margin:0}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0}
.error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0;font-size:1.1rem}
.notice{border-left:6px solid #26734d;background:#eef7f1;padding:.75rem 1rem;margin-bottom:1.5rem}
.button{display:inline-block;background:var(--plaza-primary);color:var(--plaza-on-primary,#fff);border:none;border-radius:4px;padding:.5rem 1rem;font:inherit;cursor:pointer;text-decoration:none}
.button.secondary{background:#fff;color:var(--plaza-primary);border:2px solid var(--plaza-primary)}
.button.danger{background:#b00020;color:#fff}
button.primary{padding:.5rem 1.25rem;font:inherit;background:var(--plaza-primary);color:var(--plaza-on-primary,#fff);border:none;cursor:pointer}
.inline-form,form.inline{display:inline;margin:0}
`;

/** Site pages with forms: the layout's stylesheet plus the form styles. */
export function withFormCss(site: SiteContext): SiteContext {
  return { ...site, themeCss: `${site.themeCss ?? ''}${FORM_CSS}` };
}

/** The default id of a field's control: `field-<name>` with unsafe characters dashed. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function messageText(messages: FieldMessages): string {
  if (!messages) return '';
  return typeof messages === 'string' ? messages : messages.join(' ');
}

export interface ErrorSummaryProps {
  title: string;
  errors: FieldErrors;
  /** Errors that belong to no single field (wrong credentials, too many attempts). */
  general?: string | null;
  /** Field labels put before each message (`Title: Enter a title.`). */
  labels?: Partial<Record<string, string>>;
  /** The id each entry links to; `fieldId` unless the page gives its fields other ids. */
  idOf?: (name: string) => string;
}

/**
 * At the top of a form that failed: a focusable summary, announced by screen
 * readers, linking to each bad field (WCAG 3.3.1).
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  const idOf = props.idOf ?? fieldId;
  const entries = Object.entries(props.errors)
    .map(([name, messages]) => [name, messageText(messages)] as const)
    .filter(([, text]) => text !== '');
  if (!props.general && entries.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      id="error-summary"
    >
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {props.general && <li>{props.general}</li>}
        {entries.map(([name, text]) => (
          <li key={name}>
            <a href={`#${idOf(name)}`}>
              {props.labels?.[name] ? `${props.labels[name]}: ` : ''}
              {text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What every field takes: its name, label, optional hint and error. */
export interface FieldProps {
  name: string;
  label: ComponentChildren;
  /** The control's id; `fieldId(name)` unless a page keeps ids of its own. */
  id?: string;
  hint?: ComponentChildren;
  /** This field's error; when absent it is looked up in `errors` by name. */
  error?: FieldMessages;
  errors?: FieldErrors;
}

function errorOf(props: FieldProps): string {
  return messageText(props.error !== undefined ? props.error : props.errors?.[props.name]);
}

/** The attributes tying a control to its label, hint and error. */
function controlAttributes(props: FieldProps) {
  const id = props.id ?? fieldId(props.name);
  const invalid = errorOf(props) !== '';
  const describedBy =
    [props.hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  return {
    id,
    name: props.name,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
}

export function FieldError(props: { name: string; id?: string } & Omit<FieldProps, 'label'>) {
  const text = errorOf({ ...props, label: '' });
  if (!text) return null;
  return (
    <p class="field-error" id={`${props.id ?? fieldId(props.name)}-error`}>
      {text}
    </p>
  );
}

function Hint(props: { id: string; hint?: ComponentChildren }) {
  if (!props.hint) return null;
  return (
    <p class="hint" id={`${props.id}-hint`}>
      {props.hint}
    </p>
  );
}

/** Label, hint and error above the control, in the order they are read. */
function Frame(props: FieldProps & { children: ComponentChildren }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={errorOf(props) ? 'field field-invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <Hint id={id} hint={props.hint} />
      <FieldError {...props} />
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | null;
    type?: 'text' | 'url' | 'color' | 'number' | 'email' | 'password' | 'date' | 'search';
    required?: boolean;
    maxLength?: number;
    autocomplete?: string;
    lang?: string;
    inputMode?: 'numeric' | 'text' | 'email' | 'url';
    pattern?: string;
  },
) {
  const { id, name, ...aria } = controlAttributes(props);
  return (
    <Frame {...props}>
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        lang={props.lang}
        inputMode={props.inputMode}
        pattern={props.pattern}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        {...aria}
      />
    </Frame>
  );
}

export function TextArea(
  props: FieldProps & {
    value?: string | null;
    rows?: number;
    maxLength?: number;
    required?: boolean;
    lang?: string;
  },
) {
  const { id, name, ...aria } = controlAttributes(props);
  return (
    <Frame {...props}>
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 6}
        lang={props.lang}
        required={props.required}
        maxLength={props.maxLength}
        {...aria}
      >
        {props.value ?? ''}
      </textarea>
    </Frame>
  );
}

export function SelectField(
  props: FieldProps & {
    value?: string | null;
    options: readonly { value: string; label: string }[];
  },
) {
  const { id, name, ...aria } = controlAttributes(props);
  return (
    <Frame {...props}>
      <select id={id} name={name} {...aria}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function FileField(
  props: FieldProps & { accept?: string; required?: boolean; current?: ComponentChildren },
) {
  const { id, name, ...aria } = controlAttributes(props);
  return (
    <Frame {...props}>
      {props.current}
      <input
        id={id}
        name={name}
        type="file"
        accept={props.accept}
        required={props.required}
        {...aria}
      />
    </Frame>
  );
}

/** One checkbox with its label after it; sends `value` (default "1") when ticked. */
export function CheckboxField(
  props: FieldProps & { checked?: boolean; value?: string; required?: boolean },
) {
  const { id, name, ...aria } = controlAttributes(props);
  const error = errorOf(props);
  return (
    <div class={error ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      <Hint id={id} hint={props.hint} />
      <FieldError {...props} />
      <input
        id={id}
        name={name}
        type="checkbox"
        value={props.value ?? '1'}
        checked={props.checked}
        required={props.required}
        {...aria}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

export interface Choice {
  value: string;
  label: ComponentChildren;
  /** The language of the label, when it is not the page's (a language's own name). */
  lang?: string;
}

/**
 * Checkboxes (several values) or radio buttons (one value) under one legend,
 * all named `name`; the group carries the hint and error.
 */
export function ChoiceGroup(
  props: Omit<FieldProps, 'label'> & {
    legend: ComponentChildren;
    type: 'checkbox' | 'radio';
    options: readonly Choice[];
    selected: readonly string[];
    /** Each option's id; `<group id>-<value>` unless a page keeps ids of its own. */
    optionId?: (value: string) => string;
  },
) {
  const group = controlAttributes({ ...props, label: '' });
  const optionId = props.optionId ?? ((value: string) => `${group.id}-${value}`);
  const error = errorOf({ ...props, label: '' });
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <fieldset id={group.id} aria-describedby={group['aria-describedby']}>
        <legend>{props.legend}</legend>
        <Hint id={group.id} hint={props.hint} />
        <FieldError {...props} id={group.id} />
        {props.options.map((o) => (
          <div class="field-choice" key={o.value}>
            <input
              type={props.type}
              id={optionId(o.value)}
              name={props.name}
              value={o.value}
              checked={props.selected.includes(o.value)}
            />
            <label for={optionId(o.value)} lang={o.lang}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/**
 * One input per available locale of the organization, in a fieldset whose
 * legend names the field. `dotted` inputs are `<name>.<locale>` labelled with
 * the language; `underscored` ones are `<name>_<locale>` with that as their id
 * and labelled `<label> (<language>)`.
 */
export function TranslatedField(props: {
  name: string;
  label: string;
  locales: readonly string[];
  value?: Partial<Record<string, string>> | null;
  errors?: FieldErrors;
  multiline?: boolean;
  rows?: number;
  hint?: ComponentChildren;
  naming?: 'dotted' | 'underscored';
}) {
  const underscored = props.naming === 'underscored';
  const hintId = `${fieldId(props.name)}-hint`;
  return (
    <div class="field">
      <fieldset class="translated" aria-describedby={props.hint ? hintId : undefined}>
        <legend>{props.label}</legend>
        {props.hint && (
          <p class="hint" id={hintId}>
            {props.hint}
          </p>
        )}
        {props.locales.map((locale) => {
          const language = LOCALE_NAMES[locale as keyof typeof LOCALE_NAMES] ?? locale;
          const field = {
            name: underscored ? `${props.name}_${locale}` : `${props.name}.${locale}`,
            label: underscored ? `${props.label} (${language})` : language,
            value: props.value?.[locale],
            errors: props.errors,
            lang: locale,
          };
          const id = underscored ? field.name : undefined;
          return props.multiline ? (
            <TextArea key={locale} {...field} id={id} rows={props.rows} />
          ) : (
            <TextField key={locale} {...field} id={id} />
          );
        })}
      </fieldset>
    </div>
  );
}

/** The session's CSRF token, sent back with every form. */
export function CsrfField(props: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

/** A one-button form posting to `action` (with the CSRF token and optional hidden fields). */
export function PostButton(props: {
  action: string;
  csrf: string | null;
  children: ComponentChildren;
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{props.children}</button>
    </form>
  );
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
