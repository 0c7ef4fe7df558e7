import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface DocumentProps {
  lang: string;
  title: string;
  nonce: string;
  skipLabel: string;
  /** CSS custom properties and base styles, emitted in a nonce'd style element. */
  css?: string;
  children: ComponentChildren;
}

export const BASE_STYLES = `
:root{--plaza-primary:#1a5fb4;--plaza-text:#1d1d1f;--plaza-bg:#ffffff;--plaza-muted:#4a4a4f}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--plaza-text);background:var(--plaza-bg);line-height:1.5}
a{color:var(--plaza-primary)}
a:focus-visible,button:focus-visible{outline:3px solid var(--plaza-primary);outline-offset:2px}
.skip-link{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip-link:focus{left:1rem}
header.site,footer.site{padding:1rem 2rem;border-bottom:1px solid #ddd}
footer.site{border-top:1px solid #ddd;border-bottom:none;color:var(--plaza-muted)}
main{max-width:60rem;margin:0 auto;padding:2rem}
`;

export function Document(props: DocumentProps) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style
          nonce={props.nonce}
          dangerouslySetInnerHTML={{ __html: BASE_STYLES + (props.css ?? '') }}
        />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {props.skipLabel}
        </a>
        {props.children}
      </body>
    </html>
  );
}

/** Renders a page to a complete HTML string; text is escaped by default. */
export function renderPage(element: preact.VNode): string {
  return `<!doctype html>${renderToString(element)}`;
}
