import { Document, renderPage } from './document';
import { platformMessages } from './messages';

export interface StatusPageProps {
  lang: string;
  nonce: string;
  title: string;
  body: string;
  /** The organization's name where the page may show it. */
  siteName?: string;
}

/** A self-contained page for 404/410/503 and errors; it reads no tenant data. */
export function renderStatusPage(props: StatusPageProps): string {
  const t = platformMessages(props.lang);
  return renderPage(
    <Document
      lang={props.lang}
      title={props.siteName ? `${props.title} · ${props.siteName}` : props.title}
      nonce={props.nonce}
      skipLabel={t.skipToContent}
    >
      <header class="site">{props.siteName ? <p>{props.siteName}</p> : <p>Plaza</p>}</header>
      <main id="main" tabIndex={-1}>
        <h1>{props.title}</h1>
        <p>{props.body}</p>
      </main>
      <footer class="site">
        <p>{t.poweredBy}</p>
      </footer>
    </Document>,
  );
}
