import { translate } from '@plaza/core';

import { themingT } from '../theming.messages';
import { ContentBlockEntity, ContentBlockKind } from './content-block.entity';
import type { BlockItem, BlockStatistic } from './content-block-providers';

/** What the homepage renders, already loaded: no block reads data while rendering. */
export interface RenderedBlock {
  block: ContentBlockEntity;
  items?: BlockItem[];
  statistics?: BlockStatistic[];
  imageUrl?: string | null;
}

export interface BlockRenderContext {
  locale: string;
  defaultLocale: string;
  organizationName: string;
  /** The organization's description: the footer sub-hero says it unless given its own text. */
  description?: string;
}

export const HOME_CSS = `
.home-block{margin:0 0 2.5rem}
.hero{display:grid;background:var(--plaza-primary);color:var(--plaza-on-primary);border-radius:6px;overflow:hidden}
.hero>*{grid-area:1/1}
.hero .hero-image{width:100%;height:100%;max-height:26rem;object-fit:cover}
.hero .hero-text{align-self:center;margin:3rem 2rem;max-width:40rem}
.hero.with-image .hero-text{background:rgba(0,0,0,.7);color:#fff;padding:1.5rem;border-radius:6px}
.hero h1{margin-top:0;font-size:2.25rem}
.hero .button,.sub-hero .button{background:#fff;color:#1d1d1f;border:2px solid #1d1d1f}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
.cards li{border:1px solid #ccc;border-radius:6px;padding:1rem}
.cards h2,.cards h3{font-size:1.15rem;margin:0 0 .25rem}
.cards .card-image{display:block;width:100%;height:auto;max-height:10rem;object-fit:cover;border-radius:4px;margin:0 0 .5rem}
.cards .meta{color:var(--plaza-muted);font-size:.9rem;margin:.25rem 0}
.statistics{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:2rem}
.statistics strong{display:block;font-size:2rem;color:var(--plaza-secondary)}
.sub-hero{padding:2rem;background:var(--plaza-tertiary);color:var(--plaza-on-tertiary);border-radius:6px}
`;

/** Only same-site paths or http(s) addresses are stored; this keeps a stray value inert. */
function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('/') || /^https?:\/\//.test(url) ? url : undefined;
}

/** "12 Mar 2027, 14:05" in the page's language (UTC: organizations have no time zone yet). */
export function formatWhen(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(at);
}

/** A list block's entries as cards; the homepage and the activity page share it. */
export function BlockItems(props: { items: BlockItem[]; locale: string; level?: 'h2' | 'h3' }) {
  const Heading = props.level ?? 'h3';
  return (
    <ul class="cards">
      {props.items.map((item, i) => (
        <li key={`${item.href}-${i}`}>
          {item.image && <img class="card-image" src={item.image.url} alt={item.image.alt} />}
          <Heading>
            <a href={item.href}>{item.title}</a>
          </Heading>
          {(item.meta || item.at) && (
            <p class="meta">
              {item.meta}
              {item.meta && item.at && ' · '}
              {item.at && (
                <time dateTime={item.at.toISOString()}>{formatWhen(item.at, props.locale)}</time>
              )}
            </p>
          )}
          {item.summary && <p>{item.summary}</p>}
        </li>
      ))}
    </ul>
  );
}

export function HomeBlock(props: {
  rendered: RenderedBlock;
  ctx: BlockRenderContext;
  first: boolean;
}) {
  const { block, items, statistics, imageUrl } = props.rendered;
  const { locale, defaultLocale } = props.ctx;
  const tr = (field: Parameters<typeof translate>[0]) => translate(field, locale, defaultLocale);
  const t = (key: Parameters<typeof themingT>[1]) => themingT(locale, key);
  const s = block.settings ?? {};
  const heading = (kind: ContentBlockKind) => tr(s.title) || t(`kind.${kind}`);
  const id = `block-${block.id}`;
  const cta = safeHref(s.ctaUrl) && tr(s.ctaLabel) && (
    <p>
      <a class="button" href={safeHref(s.ctaUrl)}>
        {tr(s.ctaLabel)}
      </a>
    </p>
  );
  switch (block.kind) {
    case 'hero': {
      // The page's one h1: the first hero carries it, later heroes are sections.
      const Title = props.first ? 'h1' : 'h2';
      return (
        <section class={`home-block hero${imageUrl ? ' with-image' : ''}`} aria-labelledby={id}>
          {imageUrl && <img class="hero-image" src={imageUrl} alt="" />}
          <div class="hero-text">
            <Title id={id}>{tr(s.title) || props.ctx.organizationName}</Title>
            {tr(s.subtitle) && <p>{tr(s.subtitle)}</p>}
            {cta}
          </div>
        </section>
      );
    }
    case 'highlighted_processes':
    case 'highlighted_assemblies':
    case 'upcoming_meetings':
    case 'last_activity':
      if (!items?.length) return null;
      return (
        <section class="home-block" aria-labelledby={id}>
          <h2 id={id}>{heading(block.kind)}</h2>
          <BlockItems items={items} locale={locale} />
          {block.kind === 'last_activity' && (
            <p>
              <a href="/last-activity">{t('activity.seeAll')}</a>
            </p>
          )}
        </section>
      );
    case 'statistics':
      if (!statistics?.length) return null;
      return (
        <section class="home-block" aria-labelledby={id}>
          <h2 id={id}>{heading('statistics')}</h2>
          <ul class="statistics">
            {statistics.map((stat) => (
              <li key={stat.label}>
                <strong>{stat.value.toLocaleString(locale)}</strong> {stat.label}
              </li>
            ))}
          </ul>
        </section>
      );
    case 'how_to_participate':
      return (
        <section class="home-block" aria-labelledby={id}>
          <h2 id={id}>{heading('how_to_participate')}</h2>
          <p>{tr(s.body) || t('home.howTo.body')}</p>
          {cta}
        </section>
      );
    case 'html': {
      const html = tr(s.body);
      if (!html) return null;
      // Sanitised with sanitize-html when saved (content-blocks.service).
      return (
        <section class="home-block free-html" aria-label={tr(s.title) || t('kind.html')}>
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </section>
      );
    }
    case 'footer_sub_hero':
      return (
        <section class="home-block sub-hero" aria-labelledby={id}>
          <h2 id={id}>{tr(s.title) || props.ctx.organizationName}</h2>
          {(tr(s.body) || props.ctx.description) && <p>{tr(s.body) || props.ctx.description}</p>}
          {cta}
        </section>
      );
  }
}
