import { Locale, SUPPORTED_LOCALES } from '@plaza/core';

export type Catalog<K extends string> = Record<Locale, Record<K, string>>;
export type Params = Record<string, string | number>;
export type Translator<K extends string> = (locale: string, key: K, params?: Params) => string;

const registry: { name: string; catalog: Catalog<string> }[] = [];

/** Every catalog defined in the process, for the completeness test. */
export function registeredCatalogs(): readonly { name: string; catalog: Catalog<string> }[] {
  return registry;
}

/**
 * Declares a feature's interface strings in every supported locale. The type
 * makes a missing key a compile error; the catalog test also refuses empty
 * strings and placeholders that differ between locales.
 */
export function defineMessages<K extends string>(name: string, catalog: Catalog<K>): Translator<K> {
  registry.push({ name, catalog: catalog as Catalog<string> });
  return (locale, key, params) => {
    const table = (catalog as Record<string, Record<K, string>>)[locale] ?? catalog.en;
    const template = table[key] ?? catalog.en[key] ?? key;
    return params
      ? template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m))
      : template;
  };
}

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ca: 'Català',
};

export { SUPPORTED_LOCALES };
