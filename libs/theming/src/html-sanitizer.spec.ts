import { sanitizeAdminHtml } from './html-sanitizer';

describe('sanitizeAdminHtml', () => {
  const sut = sanitizeAdminHtml;

  it('keeps formatting, links and images', () => {
    expect(
      sut('<h2>Title</h2><p>A <strong>bold</strong> <a href="https://x.example">link</a></p>'),
    ).toBe(
      '<h2>Title</h2><p>A <strong>bold</strong> <a href="https://x.example" rel="noopener noreferrer">link</a></p>',
    );
    expect(sut('<img src="https://x.example/a.png" alt="A">')).toBe(
      '<img src="https://x.example/a.png" alt="A" />',
    );
  });

  it('removes scripts, styles, handlers and script URLs', () => {
    expect(sut('<script>alert(1)</script><style>p{}</style><p onclick="x()">Hi</p>')).toBe(
      '<p>Hi</p>',
    );
    expect(sut('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="noopener noreferrer">x</a>');
    expect(sut('<img src="data:image/png;base64,AAAA" onerror="x()">')).toBe('<img />');
    expect(sut('<iframe src="https://x.example"></iframe><form><input></form>')).toBe('');
  });
});
