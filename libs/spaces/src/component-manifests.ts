import type { Translated } from '@plaza/core';

import type { ComponentEntity, Settings, SettingValue } from './component.entity';

export type SettingType = 'boolean' | 'integer' | 'translated';

export interface SettingDefinition {
  key: string;
  type: SettingType;
  default: boolean | number | Translated;
  /** Lowest accepted integer. */
  min?: number;
}

/** What a kind of component declares: its name and the settings admins can set. */
export interface ComponentManifest {
  name: string;
  global: readonly SettingDefinition[];
  step: readonly SettingDefinition[];
}

/** Decidim's proposals component settings (the subset Plaza implements). */
export const PROPOSALS_MANIFEST: ComponentManifest = {
  name: 'proposals',
  global: [
    { key: 'vote_limit', type: 'integer', default: 0, min: 0 },
    { key: 'minimum_votes_per_user', type: 'integer', default: 0, min: 0 },
    { key: 'threshold_per_proposal', type: 'integer', default: 0, min: 0 },
    { key: 'can_accumulate_votes_beyond_threshold', type: 'boolean', default: false },
    { key: 'proposal_limit', type: 'integer', default: 0, min: 0 },
    { key: 'proposal_length', type: 'integer', default: 500, min: 15 },
    { key: 'proposal_edit_time_limit', type: 'integer', default: 5, min: 0 },
    { key: 'geocoding_enabled', type: 'boolean', default: false },
    { key: 'attachments_allowed', type: 'boolean', default: false },
    { key: 'official_proposals_enabled', type: 'boolean', default: true },
    { key: 'comments_enabled', type: 'boolean', default: true },
    // 0: the organization's maximum (organization.comments_max_length).
    { key: 'comments_max_length', type: 'integer', default: 0, min: 0 },
    { key: 'threshold_reports', type: 'integer', default: 3, min: 1 },
    // Permissions: restrict an action to members of the space (and organization admins).
    { key: 'members_only_create', type: 'boolean', default: false },
    { key: 'members_only_support', type: 'boolean', default: false },
    { key: 'members_only_endorse', type: 'boolean', default: false },
    { key: 'members_only_comment', type: 'boolean', default: false },
  ],
  step: [
    { key: 'creation_enabled', type: 'boolean', default: false },
    { key: 'votes_enabled', type: 'boolean', default: false },
    { key: 'votes_blocked', type: 'boolean', default: false },
    { key: 'votes_hidden', type: 'boolean', default: false },
    { key: 'endorsements_enabled', type: 'boolean', default: false },
    { key: 'comments_blocked', type: 'boolean', default: false },
    { key: 'answers_with_costs', type: 'boolean', default: false },
    { key: 'publish_answers_immediately', type: 'boolean', default: true },
  ],
};

/** A page of rich text inside a space. */
export const PAGES_MANIFEST: ComponentManifest = {
  name: 'pages',
  global: [{ key: 'body', type: 'translated', default: {} }],
  step: [],
};

export const COMPONENT_MANIFESTS: Readonly<Record<string, ComponentManifest>> = {
  proposals: PROPOSALS_MANIFEST,
  pages: PAGES_MANIFEST,
};

export function manifestOf(name: string): ComponentManifest | undefined {
  return COMPONENT_MANIFESTS[name];
}

function defaults(definitions: readonly SettingDefinition[]): Settings {
  return Object.fromEntries(definitions.map((d) => [d.key, d.default]));
}

/** Settings in force: the component's global settings plus the active phase's step settings. */
export interface EffectiveSettings {
  global: Settings;
  step: Settings;
}

export function effectiveSettings(
  component: Pick<
    ComponentEntity,
    'manifest' | 'settings' | 'stepSettings' | 'defaultStepSettings'
  >,
  activePhaseId: string | null,
): EffectiveSettings {
  const manifest = manifestOf(component.manifest);
  const step =
    activePhaseId && component.stepSettings[activePhaseId]
      ? component.stepSettings[activePhaseId]
      : activePhaseId
        ? {}
        : component.defaultStepSettings;
  return {
    global: { ...defaults(manifest?.global ?? []), ...component.settings },
    step: { ...defaults(manifest?.step ?? []), ...step },
  };
}

export function intSetting(settings: Settings, key: string): number {
  const v = settings[key];
  return typeof v === 'number' ? v : 0;
}

export function boolSetting(settings: Settings, key: string): boolean {
  return settings[key] === true;
}

/**
 * Reads submitted form values for `definitions` (`<prefix><key>`): checkboxes
 * are absent when unticked, integers must be whole numbers at or above `min`.
 */
export function parseSettings(
  definitions: readonly SettingDefinition[],
  body: Record<string, unknown>,
  prefix: string,
  locales: readonly string[],
): { settings: Settings; errors: Record<string, string> } {
  const settings: Settings = {};
  const errors: Record<string, string> = {};
  for (const d of definitions) {
    const name = `${prefix}${d.key}`;
    if (d.type === 'boolean') {
      settings[d.key] = body[name] === 'on' || body[name] === 'true' || body[name] === true;
    } else if (d.type === 'integer') {
      const raw = String(body[name] ?? '').trim();
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < (d.min ?? 0)) errors[name] = `min:${d.min ?? 0}`;
      else settings[d.key] = value;
    } else {
      const translated: Translated = {};
      for (const l of locales) {
        const v = body[`${name}_${l}`];
        if (typeof v === 'string' && v.trim()) translated[l as keyof Translated] = v.trim();
      }
      settings[d.key] = translated;
    }
  }
  return { settings, errors };
}

export type { SettingValue };
