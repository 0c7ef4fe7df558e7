import type { ComponentChildren } from 'preact';

import { SUPPORTED_LOCALES } from '@plaza/core';
import { BASE_STYLES, LOCALE_NAMES } from '@plaza/web';

import { ConsoleMessageKey, consoleT } from './console.messages';
import { plansT } from './console-plans.messages';

/** What every console page knows about its request. */
export interface ConsolePageContext {
  locale: string;
  nonce: string;
  /** Current path with query (language switcher's way back, current nav item). */
  path: string;
  csrfToken: string;
  user: { name: string; role: string } | null;
}

export type ConsoleT = (key: ConsoleMessageKey, params?: Record<string, string | number>) => string;

export function translatorFor(locale: string): ConsoleT {
  return (key, params) => consoleT(locale, key, params);
}

const CONSOLE_CSS = `
.console-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:1rem 2rem;border-bottom:1px solid #ddd;background:#f4f6fa}
.console-header .brand{font-weight:700;font-size:1.2rem;color:var(--plaza-text);text-decoration:none}
.console-header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
.console-header [aria-current]{font-weight:700}
.account{display:flex;gap:1rem;align-items:center}
.account form{margin:0}
main{max-width:72rem}
.link-button{background:none;border:none;padding:0;font:inherit;color:var(--plaza-primary);text-decoration:underline;cursor:pointer}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd;vertical-align:top}
form.stack{display:grid;gap:1rem;max-width:36rem}
form.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
.field{display:grid;gap:.25rem}
label,legend{font-weight:600}
input,select,button{font:inherit;padding:.4rem .6rem}
input[type=checkbox],input[type=radio]{padding:0;margin-right:.4rem}
fieldset{border:1px solid #bbb;padding:.5rem 1rem}
fieldset label{font-weight:400}
.hint{color:var(--plaza-muted);font-size:.9rem}
.error{color:#b00020;font-weight:600}
[aria-invalid=true]{border:2px solid #b00020}
.error-summary{border:3px solid #b00020;padding:1rem;margin-bottom:1rem}
.notice{border:3px solid #1a7f37;padding:1rem;margin-bottom:1rem}
.actions{display:flex;flex-wrap:wrap;gap:1rem}
.actions form{margin:0}
button{cursor:pointer}
code.secret{display:block;padding:.5rem;background:#f4f6fa;word-break:break-all}
progress{width:20rem;max-width:100%}
`;

export interface ConsoleLayoutProps {
  page: ConsolePageContext;
  title: string;
  children: ComponentChildren;
}

/** The console's frame: skip link, navigation, language, account. */
export function ConsoleLayout({ page, title, children }: ConsoleLayoutProps) {
  const t = translatorFor(page.locale);
  const back = encodeURIComponent(page.path);
  const nav = [
    { href: '/tenants', label: t('nav.tenants') },
    { href: '/plans', label: plansT(page.locale, 'nav.plans') },
    { href: '/audit', label: t('nav.audit') },
    { href: '/tokens', label: t('nav.tokens') },
    { href: '/billing/prices', label: t('nav.billing') },
    { href: '/me', label: t('nav.account') },
  ];
  if (page.user && page.user.role !== 'viewer')
    nav.push({ href: '/queues', label: t('nav.queues') });
  if (page.user?.role === 'owner') nav.push({ href: '/users', label: t('nav.users') });
  const current = page.path.split('?')[0];
  return (
    <html lang={page.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('console')}`}</title>
        <style nonce={page.nonce} dangerouslySetInnerHTML={{ __html: BASE_STYLES + CONSOLE_CSS }} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip')}
        </a>
        <header class="console-header">
          <a class="brand" href="/">
            {t('console')}
          </a>
          {page.user && (
            <nav aria-label={t('nav.main')}>
              <ul>
                {nav.map((item) => (
                  <li key={item.href}>
                    <a
                      href={item.href}
                      aria-current={current.startsWith(item.href) ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <nav aria-label={t('lang.label')}>
            <ul>
              {SUPPORTED_LOCALES.map((l) =>
                l === page.locale ? (
                  <li key={l}>
                    <span aria-current="true" lang={l}>
                      {LOCALE_NAMES[l]}
                    </span>
                  </li>
                ) : (
                  <li key={l}>
                    <a href={`/language/${l}?back=${back}`} lang={l} hrefLang={l}>
                      {LOCALE_NAMES[l]}
                    </a>
                  </li>
                ),
              )}
            </ul>
          </nav>
          {page.user && (
            <div class="account">
              <span>{t('signedInAs', { name: page.user.name, role: page.user.role })}</span>
              <form method="post" action="/logout">
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                <button type="submit" class="link-button">
                  {t('signOut')}
                </button>
              </form>
            </div>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

export type FieldErrors = Record<string, string[]>;

/** Summary of a form's problems, announced and linked to each field. */
export function ErrorSummary({ t, errors }: { t: ConsoleT; errors: FieldErrors | string[] }) {
  const items = Array.isArray(errors)
    ? errors.map((message) => ({ field: null, message }))
    : Object.entries(errors).flatMap(([field, messages]) =>
        messages.map((message) => ({ field, message })),
      );
  if (items.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('errors.summary')}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            {item.field ? <a href={`#field-${item.field}`}>{item.message}</a> : item.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  value?: string;
  type?: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
  autocomplete?: string;
}

/** A labelled input with its hint and errors tied to it for screen readers. */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  const problems = props.errors?.[props.name] ?? [];
  const describedBy =
    [props.hint ? `${id}-hint` : '', problems.length ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {problems.length > 0 && (
        <span class="error" id={`${id}-error`}>
          {problems.join(' ')}
        </span>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autoComplete={props.autocomplete}
        aria-invalid={problems.length ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function formatDate(locale: string, date: Date | string | null): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(date));
}
