import { renderToString } from 'preact-render-to-string';

import { ShareBox, shareLinks } from './share';

describe('share box', () => {
  const url = 'https://lille.example.org/processes/budget?x=1&y=2';
  const title = 'Trees & benches';

  it('links to share services with the page address and title encoded, no third-party script', () => {
    const sut = shareLinks(url, title, 'en');
    expect(sut.map((l) => l.label)).toEqual([
      'Send by email',
      'Share on X',
      'Share on Facebook',
      'Share on WhatsApp',
      'Share on Telegram',
    ]);
    const encoded = encodeURIComponent(url);
    expect(sut[1].href).toBe(`https://x.com/intent/post?text=Trees%20%26%20benches&url=${encoded}`);
    expect(sut[2].href).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encoded}`);
    expect(sut[4].href).toContain(`url=${encoded}`);
    expect(decodeURIComponent(sut[0].href)).toBe(`mailto:?subject=${title}&body=${title}\n${url}`);
    expect(shareLinks(url, title, 'fr')[1].label).toBe('Partager sur X');
  });

  it('works without JavaScript: a readable field and plain links; only the nonced script adds buttons', () => {
    const sut = renderToString(<ShareBox url={url} title={title} locale="en" nonce="n0nce" />);
    expect(sut).toContain('<label for="share-url">Link to this page</label>');
    expect(sut).toContain('readonly');
    expect(sut).toContain('data-share-tools="true" hidden');
    expect(sut).toContain('role="status"');
    expect(sut).toContain('<script nonce="n0nce">');
    expect(sut).not.toMatch(/<script[^>]+src=/);
    expect(sut).toContain('Text to paste on Mastodon or anywhere else');
  });
});
