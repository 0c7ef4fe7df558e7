import type { ComponentChildren } from 'preact';

import { FieldError } from './form-fields';

/** A labelled file input with its hint and error linked (WCAG 1.3.1, 3.3.1). */
export function FileInput(props: {
  name: string;
  label: string;
  hint?: string;
  accept?: string;
  error?: string;
  current?: ComponentChildren;
}) {
  const describedBy =
    [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.current}
      <input
        type="file"
        id={props.name}
        name={props.name}
        accept={props.accept}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <FieldError id={props.name} message={props.error} />
    </div>
  );
}

/** Styles of hero images, cards with images, attachments and share links. */
export const MEDIA_CSS = `
.space-hero{display:block;width:100%;height:auto;max-height:24rem;object-fit:cover;border-radius:6px;margin:0 0 1rem}
.card-image{display:block;width:100%;height:auto;max-height:10rem;object-fit:cover;border-radius:4px;margin:0 0 .5rem}
.current-image{display:block;max-width:12rem;height:auto;margin:.25rem 0}
.attachments{list-style:none;padding:0}
.attachments li{margin:.25rem 0}
.share ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
`;
