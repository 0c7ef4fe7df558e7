import request, { Response } from 'supertest';
import type { App } from 'supertest/types';

/**
 * A visitor of one host over HTTP: keeps the cookies the site sets and sends
 * forms the way a browser does, with the CSRF token read from the page.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly server: App,
    readonly host: string,
  ) {}

  async get(path: string): Promise<Response> {
    const res = await request(this.server)
      .get(path)
      .set('Host', this.host)
      .set('Cookie', this.cookieHeader());
    this.remember(res);
    return res;
  }

  /** Posts a form body as is (add `_csrf` yourself, or use `submit`). */
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const res = await request(this.server)
      .post(path)
      .set('Host', this.host)
      .set('Cookie', this.cookieHeader())
      .type('form')
      .send(form);
    this.remember(res);
    return res;
  }

  /** Opens `pagePath`, then posts `fields` to `action` with the page's CSRF token. */
  async submit(pagePath: string, action: string, fields: Record<string, string>) {
    const page = await this.get(pagePath);
    return this.post(action, { _csrf: csrfTokenIn(page.text), ...fields });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Value for a `Cookie` header, e.g. to replay this browser's session elsewhere. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    const raw = res.headers['set-cookie'] as unknown as string[] | string | undefined;
    for (const line of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attributes.some(
        (a) =>
          /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The CSRF token of the first form in a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match) throw new Error('No CSRF token in this page');
  return match[1];
}

/** The path and query of the first absolute link in `text` whose path starts with `pathPrefix` (mail bodies). */
export function linkIn(text: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${pathPrefix.replace(/[?]/g, '\\?')}[^\\s]*)`).exec(
    text,
  );
  if (!match) throw new Error(`No link to ${pathPrefix} in: ${text}`);
  return match[1];
}
