import sanitize from 'sanitize-html';

/**
 * Admin-written HTML (free HTML blocks, static pages) reduced to formatting:
 * no scripts, styles, event handlers, frames or forms; links and images only
 * over http(s) (and mailto: for links).
 */
export function sanitizeAdminHtml(html: string): string {
  return sanitize(html, {
    allowedTags: [...sanitize.defaults.allowedTags, 'img', 'h1', 'h2'],
    allowedAttributes: {
      a: ['href', 'name', 'target', 'rel', 'lang'],
      img: ['src', 'alt', 'width', 'height'],
      '*': ['lang', 'dir'],
      th: ['scope', 'colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer' }),
    },
  }).trim();
}
