import { CUSTOM_CSS_MAX_BYTES, customCssProblems } from './custom-css';

describe('customCssProblems', () => {
  const sut = customCssProblems;

  it('accepts ordinary CSS and same-site images', () => {
    expect(sut('.hero h1 { letter-spacing: .02em; background: url("/files/a.png") }')).toEqual([]);
  });

  it.each([
    ['@import url(https://evil.example/x.css);', 'import'],
    ['@\\69mport "https://evil.example/x.css";', 'import'],
    ['p { width: ex/**/pression(alert(1)) }', 'expression'],
    ['p { background: url(javascript:alert(1)) }', 'script'],
    ['p { background: url( "jav\\61script:alert(1)") }', 'script'],
    ['p{}</style><script>alert(1)</script>', 'markup'],
    ['p { -moz-binding: url(/x.xml#y) }', 'binding'],
    ['p { background: url(https://tracker.example/p.gif) }', 'remoteUrl'],
    ['p { background: url(//tracker.example/p.gif) }', 'remoteUrl'],
  ])('refuses %s', (css, problem) => {
    expect(sut(css)).toContain(problem);
  });

  it('refuses CSS over the size limit', () => {
    expect(sut(`p{color:red}${' '.repeat(CUSTOM_CSS_MAX_BYTES)}`)).toContain('tooLarge');
  });
});
