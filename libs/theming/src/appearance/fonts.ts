import { dirname, join } from 'node:path';

/** Fonts an organization may choose: all SIL Open Font License, served from this site (no CDN). */
export const FONTS = {
  system: { label: 'System', family: null, package: null },
  'atkinson-hyperlegible': {
    label: 'Atkinson Hyperlegible',
    family: 'Atkinson Hyperlegible',
    package: '@fontsource/atkinson-hyperlegible',
  },
  inter: { label: 'Inter', family: 'Inter', package: '@fontsource/inter' },
  'source-sans-3': {
    label: 'Source Sans 3',
    family: 'Source Sans 3',
    package: '@fontsource/source-sans-3',
  },
} as const;

export type FontId = keyof typeof FONTS;
export const FONT_IDS = Object.keys(FONTS) as FontId[];
export const FONT_WEIGHTS = ['400', '700'] as const;

export function isFontId(value: unknown): value is FontId {
  return typeof value === 'string' && value in FONTS;
}

/** Where the woff2 file of a self-hosted font lives, or null for an unknown one. */
export function fontFilePath(font: string, weight: string): string | null {
  if (!isFontId(font) || !(FONT_WEIGHTS as readonly string[]).includes(weight)) return null;
  const pkg = FONTS[font].package;
  if (!pkg) return null;
  const root = dirname(require.resolve(`${pkg}/package.json`));
  return join(root, 'files', `${font}-latin-${weight}-normal.woff2`);
}

export function fontUrl(font: FontId, weight: string): string {
  return `/theme/fonts/${font}/${weight}.woff2`;
}
