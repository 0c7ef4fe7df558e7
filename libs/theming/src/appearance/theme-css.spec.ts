import { buildThemeCss, textOn } from './theme-css';

describe('buildThemeCss', () => {
  const theme = {
    primaryColor: '#0b5394',
    secondaryColor: '#5e3c99',
    tertiaryColor: '#26734d',
    font: 'system',
  };

  it('emits the colours, and a readable text colour for each, as custom properties', () => {
    const sut = buildThemeCss(theme);
    expect(sut).toContain('--plaza-primary:#0b5394;--plaza-on-primary:#ffffff');
    expect(sut).toContain('--plaza-secondary:#5e3c99');
    expect(sut).toContain('--plaza-tertiary:#26734d');
    expect(textOn('#ffcc00')).toBe('#1d1d1f');
  });

  it('declares a self-hosted font and uses it', () => {
    const sut = buildThemeCss({ ...theme, font: 'inter' });
    expect(sut).toContain('src:url(/theme/fonts/inter/400.woff2) format("woff2")');
    expect(sut).toContain('body{font-family:"Inter",system-ui,sans-serif}');
    expect(buildThemeCss({ ...theme, font: 'comic' })).not.toContain('@font-face');
  });

  it('never lets a stored value leave its declaration', () => {
    const sut = buildThemeCss({
      ...theme,
      primaryColor: 'red}</style><script>',
      customCss: 'p{}</style><script>alert(1)</script>',
    });
    expect(sut).not.toContain('<');
    expect(sut).toContain('--plaza-primary:#1a5fb4');
  });

  it('appends custom CSS that passes the checks', () => {
    expect(buildThemeCss({ ...theme, customCss: '.hero h1{letter-spacing:.02em}' })).toMatch(
      /\n\.hero h1\{letter-spacing:\.02em\}$/,
    );
  });
});
