/** Admin-written CSS for plans that allow it: size-limited and refused when it could load or run anything. */

export const CUSTOM_CSS_MAX_BYTES = 20_000;

export type CustomCssProblem =
  'tooLarge' | 'import' | 'expression' | 'script' | 'markup' | 'binding' | 'remoteUrl';

/** Resolves CSS escapes (`\6a` → `j`) so that an escaped keyword is still recognised. */
function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gi, (_m, hex: string | undefined, ch: string) =>
    hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)) : ch,
  );
}

/**
 * The problems found in `css`, empty when it may be served. Checks run on the
 * text without comments and with escapes resolved, so `ex/**\/pression(` or
 * `\40 import` do not slip through.
 */
export function customCssProblems(css: string): CustomCssProblem[] {
  const problems = new Set<CustomCssProblem>();
  if (Buffer.byteLength(css, 'utf8') > CUSTOM_CSS_MAX_BYTES) problems.add('tooLarge');
  // `<` has no use in CSS outside strings; refusing it rules out any </style> breakout.
  if (css.includes('<')) problems.add('markup');
  const text = unescapeCss(css.replace(/\/\*[\s\S]*?(\*\/|$)/g, ''))
    .toLowerCase()
    .replace(/\s+/g, '');
  if (text.includes('<')) problems.add('markup');
  if (text.includes('@import')) problems.add('import');
  if (text.includes('expression(')) problems.add('expression');
  if (/javascript:|vbscript:/.test(text)) problems.add('script');
  if (/-moz-binding|behavior:/.test(text)) problems.add('binding');
  for (const match of text.matchAll(/url\(([^)]*)\)?/g)) {
    const target = match[1].replace(/^['"]|['"]$/g, '');
    // Only this site's own files: no tracking pixels or remote fonts from admin CSS.
    if (!target.startsWith('/') || target.startsWith('//')) problems.add('remoteUrl');
  }
  return [...problems];
}
