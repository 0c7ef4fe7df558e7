/** Up to two initials of a name ("Ada Lovelace" → "AL"); "?" for a name without letters. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => Array.from(word.replace(/[^\p{L}\p{N}]/gu, ''))[0])
    .filter(Boolean);
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters;
  return picked.join('').toLocaleUpperCase() || '?';
}

export interface AvatarProps {
  name: string;
  url?: string | null;
  size?: 'small' | 'large';
  /**
   * False (the default) when the name is written next to the avatar: it is then
   * decorative and screen readers do not read the name twice. True when the
   * avatar stands alone: the image or the initials carry the name.
   */
  labelled?: boolean;
}

/** A person's picture, or their initials when they have none. */
export function Avatar({ name, url, size = 'small', labelled = false }: AvatarProps) {
  const classes = `avatar avatar-${size}`;
  const px = size === 'large' ? 96 : 32;
  if (url)
    return <img class={classes} src={url} alt={labelled ? name : ''} width={px} height={px} />;
  return labelled ? (
    <span class={`${classes} avatar-initials`} role="img" aria-label={name}>
      {initialsOf(name)}
    </span>
  ) : (
    <span class={`${classes} avatar-initials`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}

/** Avatar styles; part of the site layout's stylesheet. */
export const AVATAR_CSS = `
.avatar{display:inline-flex;align-items:center;justify-content:center;border-radius:50%;object-fit:cover;vertical-align:middle;flex:none}
.avatar-small{width:2rem;height:2rem;font-size:.8rem}
.avatar-large{width:6rem;height:6rem;font-size:2rem}
.avatar-initials{background:#595959;color:#fff;font-weight:700;line-height:1}
.with-avatar{display:inline-flex;align-items:center;gap:.5rem}
`;
