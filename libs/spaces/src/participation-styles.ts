import { FORM_CSS } from '@plaza/web';

/** Styles shared by participation pages, appended to the layout's. */
export const PARTICIPATION_CSS = `${FORM_CSS}
fieldset{border:1px solid #ccc;margin:0 0 1rem;padding:.5rem 1rem}
.card-list{list-style:none;padding:0;display:grid;gap:1rem}
.card-list>li{border:1px solid #ccc;border-radius:6px;padding:1rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;background:#eef;color:#1d1d1f;font-size:.9rem}
.timeline{list-style:none;padding:0}
.timeline li{border-left:4px solid #ccc;padding:.25rem 0 .25rem 1rem;margin:.5rem 0}
.timeline li[aria-current]{border-left-color:var(--plaza-primary)}
table{border-collapse:collapse}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
`;

/** Styles of hero images, cards with images, attachments and share links. */
export const MEDIA_CSS = `
.space-hero{display:block;width:100%;height:auto;max-height:24rem;object-fit:cover;border-radius:6px;margin:0 0 1rem}
.card-image{display:block;width:100%;height:auto;max-height:10rem;object-fit:cover;border-radius:4px;margin:0 0 .5rem}
.current-image{display:block;max-width:12rem;height:auto;margin:.25rem 0}
.attachments{list-style:none;padding:0}
.attachments li{margin:.25rem 0}
.share ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
`;
