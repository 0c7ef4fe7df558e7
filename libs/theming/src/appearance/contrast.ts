/** WCAG 2.1 contrast between colours, and the nearest shade that reaches a target ratio. */

export const WCAG_AA_TEXT = 4.5;

const HEX = /^#([0-9a-f]{6})$/i;

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

type Rgb = [number, number, number];

function toRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance as WCAG 2.1 defines it. */
export function luminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Rounded down to two decimals, so a shown "4.50" never hides a 4.499. */
export function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}

/**
 * The shade of `color` closest to it (same hue, mixed towards black or white)
 * whose contrast with `against` reaches `target`.
 */
export function accessibleShade(color: string, against: string, target = WCAG_AA_TEXT): string {
  if (contrastRatio(color, against) >= target) return color.toLowerCase();
  const base = toRgb(color);
  const towards: Rgb = luminance(against) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = toHex(base.map((c, i) => c + (towards[i] - c) * t) as Rgb);
    if (contrastRatio(mixed, against) >= target) return mixed;
  }
  return toHex(towards);
}
