import { contrastRatio, isHexColor } from './contrast';
import { customCssProblems } from './custom-css';
import { FONT_WEIGHTS, FONTS, fontUrl, isFontId } from './fonts';

export interface ThemeSettings {
  primaryColor: string;
  secondaryColor: string;
  tertiaryColor: string;
  font: string;
  customCss?: string;
}

/** Text on a coloured background: whichever of near-black or white reads better. */
export function textOn(background: string): string {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#1d1d1f')
    ? '#ffffff'
    : '#1d1d1f';
}

/**
 * The organization's theme as CSS: custom properties on :root, the chosen
 * font's @font-face rules, then the admin's (already checked) custom CSS.
 * Colours are re-checked here so that no stored value can leave the declaration.
 */
export function buildThemeCss(theme: ThemeSettings): string {
  const color = (value: string, fallback: string) => (isHexColor(value) ? value : fallback);
  const primary = color(theme.primaryColor, '#1a5fb4');
  const secondary = color(theme.secondaryColor, '#5e3c99');
  const tertiary = color(theme.tertiaryColor, '#26734d');
  let css =
    `:root{--plaza-primary:${primary};--plaza-on-primary:${textOn(primary)};` +
    `--plaza-secondary:${secondary};--plaza-on-secondary:${textOn(secondary)};` +
    `--plaza-tertiary:${tertiary};--plaza-on-tertiary:${textOn(tertiary)}}`;
  if (isFontId(theme.font) && FONTS[theme.font].family) {
    const family = FONTS[theme.font].family;
    for (const weight of FONT_WEIGHTS) {
      css += `@font-face{font-family:"${family}";font-style:normal;font-weight:${weight};font-display:swap;src:url(${fontUrl(theme.font, weight)}) format("woff2")}`;
    }
    css += `body{font-family:"${family}",system-ui,sans-serif}`;
  }
  // Checked again on the way out: a row written around the admin form must not break out either.
  if (theme.customCss && customCssProblems(theme.customCss).length === 0)
    css += `\n${theme.customCss}`;
  return css;
}
