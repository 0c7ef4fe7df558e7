import { Catalog, defineMessages } from './i18n';

interface Pattern {
  regex: RegExp;
  names: string[];
  key: string;
  translate: (locale: string, key: string, params: Record<string, string>) => string;
}

const patterns: Pattern[] = [];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Declares translations of the English sentences a feature's services throw.
 * The English text of each key is the sentence itself, `{name}` marking its
 * variable parts: error answers (JSON and pages) are then given in the
 * reader's language with the same parts. Sentences not declared stay English.
 */
export function defineErrorTranslations<K extends string>(name: string, catalog: Catalog<K>): void {
  const translate = defineMessages(name, catalog) as Pattern['translate'];
  for (const [key, english] of Object.entries<string>(catalog.en)) {
    const names: string[] = [];
    const source = english
      .split(/(\{\w+\})/)
      .map((part) => {
        const match = /^\{(\w+)\}$/.exec(part);
        if (!match) return escape(part);
        names.push(match[1]);
        return '(.+?)';
      })
      .join('');
    patterns.push({ regex: new RegExp(`^${source}$`), names, key, translate });
  }
}

/** `message` in `locale` when a feature declared it; otherwise as it is. */
export function translateErrorMessage(locale: string, message: string): string {
  if (locale === 'en') return message;
  for (const pattern of patterns) {
    const match = pattern.regex.exec(message);
    if (!match) continue;
    const params = Object.fromEntries(pattern.names.map((n, i) => [n, match[i + 1]]));
    return pattern.translate(locale, pattern.key, params);
  }
  return message;
}

export function translateErrorFields(
  locale: string,
  fields: Record<string, string[]>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => [
      field,
      messages.map((m) => translateErrorMessage(locale, m)),
    ]),
  );
}
