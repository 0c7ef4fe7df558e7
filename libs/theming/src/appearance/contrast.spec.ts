import { accessibleShade, contrastRatio, formatRatio, isHexColor, WCAG_AA_TEXT } from './contrast';

describe('contrast', () => {
  it('computes the WCAG ratio of known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(formatRatio(contrastRatio('#777777', '#ffffff'))).toBe('4.47');
  });

  it('suggests the nearest shade that passes, darker on white', () => {
    const sut = accessibleShade('#ffcc00', '#ffffff');
    expect(contrastRatio(sut, '#ffffff')).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
    expect(contrastRatio(sut, '#ffffff')).toBeLessThan(WCAG_AA_TEXT + 0.6);
  });

  it('suggests a lighter shade against a dark colour and keeps a passing colour', () => {
    const sut = accessibleShade('#333399', '#000000');
    expect(contrastRatio(sut, '#000000')).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
    expect(accessibleShade('#1A5FB4', '#ffffff')).toBe('#1a5fb4');
  });

  it('accepts only six-digit hex colours', () => {
    expect(isHexColor('#a1b2c3')).toBe(true);
    expect(isHexColor('#abc')).toBe(false);
    expect(isHexColor('red;}body{')).toBe(false);
  });
});
