/** Locales Plaza ships a complete interface for. */
export const SUPPORTED_LOCALES = ['en', 'fr', 'es', 'ca'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** A content field with one value per locale. */
export type Translated = Partial<Record<Locale, string>>;

/** The value in `locale`, else the organization's default, else any non-empty one. */
export function translate(
  field: Translated | null | undefined,
  locale: string,
  fallback: string,
): string {
  if (!field) return '';
  const pick = (l: string) => (field as Record<string, string | undefined>)[l];
  return pick(locale) || pick(fallback) || Object.values(field).find((v) => !!v) || '';
}

/** Best supported locale from an Accept-Language header, restricted to `allowed`. */
export function negotiateLocale(
  header: string | undefined,
  allowed: readonly string[],
  fallback: string,
): string {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((e) => e.tag && !Number.isNaN(e.q))
    .sort((a, b) => b.q - a.q);
  return ranked.find((e) => allowed.includes(e.tag))?.tag ?? fallback;
}
