import type { Translated } from '@plaza/core';

import {
  ASSEMBLY_TYPES,
  AssemblyType,
  PROCESS_METADATA_KEYS,
  ProcessMetadataKey,
  SPACE_VISIBILITIES,
  SpaceKind,
  SpaceVisibility,
} from './space.entity';
import type { SpacesKey } from './spaces.messages';

export type FormBody = Record<string, unknown>;
export type FormErrors = Record<string, SpacesKey>;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,78})[a-z0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHORT_TEXT = 200;
const LONG_TEXT = 20000;

export interface SpaceInput {
  slug: string;
  title: Translated;
  subtitle: Translated;
  shortDescription: Translated;
  description: Translated;
  hashtag: string | null;
  startDate: string | null;
  endDate: string | null;
  metadata: Partial<Record<ProcessMetadataKey, Translated>>;
  published: boolean;
  promoted: boolean;
  groupId: string | null;
  assemblyType: AssemblyType | null;
  purpose: Translated;
  composition: Translated;
  parentId: string | null;
  visibility: SpaceVisibility;
  scopeId: string | null;
  heroImageAlt: Translated;
  /** Set by the page after an upload (or null to remove); undefined keeps the current image. */
  heroImageId?: string | null;
}

function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** Reads `<name>_<locale>` fields into a translated value, checking their length. */
export function readTranslated(
  body: FormBody,
  name: string,
  locales: readonly string[],
  max: number,
  errors: FormErrors,
): Translated {
  const out: Translated = {};
  for (const l of locales) {
    const v = text(body, `${name}_${l}`);
    if (v.length > max) errors[`${name}_${l}`] = 'error.tooLong';
    if (v) out[l as keyof Translated] = v;
  }
  return out;
}

export function readDate(body: FormBody, name: string, errors: FormErrors): string | null {
  const v = text(body, name);
  if (!v) return null;
  if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
    errors[name] = 'error.date';
    return null;
  }
  return v;
}

const checked = (body: FormBody, name: string) => body[name] === 'on' || body[name] === 'true';
const uuidOrNull = (v: string) => (/^[0-9a-f-]{36}$/i.test(v) ? v : null);

/** Validates the space form of either kind; errors map field names to message keys. */
export function readSpaceForm(
  body: FormBody,
  kind: SpaceKind,
  locales: readonly string[],
): { input: SpaceInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const slug = text(body, 'slug');
  if (!SLUG.test(slug)) errors.slug = 'error.slug';
  const title = readTranslated(body, 'title', locales, SHORT_TEXT, errors);
  if (Object.keys(title).length === 0) errors[`title_${locales[0]}`] = 'error.titleRequired';
  const startDate = readDate(body, 'startDate', errors);
  const endDate = readDate(body, 'endDate', errors);
  if (startDate && endDate && endDate < startDate) errors.endDate = 'error.endBeforeStart';
  const hashtag = text(body, 'hashtag').replace(/^#/, '');
  if (hashtag.length > 80) errors.hashtag = 'error.tooLong';
  const metadata: Partial<Record<ProcessMetadataKey, Translated>> = {};
  if (kind === 'process') {
    for (const key of PROCESS_METADATA_KEYS) {
      const v = readTranslated(body, `meta_${key}`, locales, LONG_TEXT, errors);
      if (Object.keys(v).length) metadata[key] = v;
    }
  }
  const visibilityRaw = text(body, 'visibility') || 'public';
  const visibility = (SPACE_VISIBILITIES as readonly string[]).includes(visibilityRaw)
    ? (visibilityRaw as SpaceVisibility)
    : 'public';
  if (visibility !== visibilityRaw) errors.visibility = 'error.choice';
  const typeRaw = text(body, 'assemblyType');
  const assemblyType =
    kind === 'assembly' && (ASSEMBLY_TYPES as readonly string[]).includes(typeRaw)
      ? (typeRaw as AssemblyType)
      : null;
  if (kind === 'assembly' && typeRaw && !assemblyType) errors.assemblyType = 'error.choice';
  const input: SpaceInput = {
    slug,
    title,
    subtitle: readTranslated(body, 'subtitle', locales, SHORT_TEXT, errors),
    shortDescription: readTranslated(body, 'shortDescription', locales, LONG_TEXT, errors),
    description: readTranslated(body, 'description', locales, LONG_TEXT, errors),
    hashtag: hashtag || null,
    startDate,
    endDate,
    metadata,
    published: checked(body, 'published'),
    promoted: checked(body, 'promoted'),
    groupId: kind === 'process' ? uuidOrNull(text(body, 'groupId')) : null,
    assemblyType,
    purpose: kind === 'assembly' ? readTranslated(body, 'purpose', locales, LONG_TEXT, errors) : {},
    composition:
      kind === 'assembly' ? readTranslated(body, 'composition', locales, LONG_TEXT, errors) : {},
    parentId: kind === 'assembly' ? uuidOrNull(text(body, 'parentId')) : null,
    visibility: kind === 'assembly' ? visibility : 'public',
    scopeId: uuidOrNull(text(body, 'scopeId')),
    heroImageAlt: readTranslated(body, 'heroImageAlt', locales, 250, errors),
  };
  return { input, errors };
}

export interface PhaseInput {
  title: Translated;
  description: Translated;
  startDate: string | null;
  endDate: string | null;
}

/** The phase form's fields are prefixed `phase_` so they never clash with the space form's ids. */
export function readPhaseForm(
  body: FormBody,
  locales: readonly string[],
): { input: PhaseInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const title = readTranslated(body, 'phase_title', locales, SHORT_TEXT, errors);
  if (Object.keys(title).length === 0) errors[`phase_title_${locales[0]}`] = 'error.titleRequired';
  const startDate = readDate(body, 'phase_startDate', errors);
  const endDate = readDate(body, 'phase_endDate', errors);
  if (startDate && endDate && endDate < startDate) errors.phase_endDate = 'error.endBeforeStart';
  return {
    input: {
      title,
      description: readTranslated(body, 'phase_description', locales, LONG_TEXT, errors),
      startDate,
      endDate,
    },
    errors,
  };
}
