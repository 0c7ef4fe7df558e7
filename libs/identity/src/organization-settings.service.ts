import { Injectable } from '@nestjs/common';

import { Locale, Translated } from '@plaza/core';
import { OrganizationEntity, TenantContext, TenantDb, TenantRegistry } from '@plaza/tenancy';

import { ActionLog } from './action-log.service';

export const ORGANIZATION_NAME_MAX = 200;
export const ORGANIZATION_DESCRIPTION_MAX = 2000;

export interface OrganizationProfile {
  name: Translated;
  description: Translated;
}

export type OrganizationProblem = 'nameRequired' | 'nameTooLong' | 'descriptionTooLong';

/** Field (`name.fr`, `description.en`) → what is wrong with it; empty when the profile can be saved. */
export function organizationProblems(
  profile: OrganizationProfile,
  defaultLocale: string,
): Record<string, OrganizationProblem> {
  const problems: Record<string, OrganizationProblem> = {};
  if (!profile.name[defaultLocale as Locale]?.trim())
    problems[`name.${defaultLocale}`] = 'nameRequired';
  for (const [locale, value] of Object.entries(profile.name))
    if ((value ?? '').length > ORGANIZATION_NAME_MAX) problems[`name.${locale}`] = 'nameTooLong';
  for (const [locale, value] of Object.entries(profile.description))
    if ((value ?? '').length > ORGANIZATION_DESCRIPTION_MAX)
      problems[`description.${locale}`] = 'descriptionTooLong';
  return problems;
}

/**
 * The organization's name and description. The site reads them from the
 * tenant's schema on every page; the platform keeps the name in the default
 * language too (console, status pages, mails), so a rename updates both.
 */
@Injectable()
export class OrganizationSettings {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly log: ActionLog,
  ) {}

  async profile(): Promise<OrganizationProfile> {
    const organization = await this.tenantDb.run((em) =>
      em.findOneByOrFail(OrganizationEntity, { id: 1 }),
    );
    return { name: organization.name ?? {}, description: organization.description ?? {} };
  }

  /** Saves a checked profile; one line in the action log says what changed. */
  async update(actorId: string, profile: OrganizationProfile): Promise<void> {
    const tenant = TenantContext.current();
    const changed = await this.tenantDb.run(async (em) => {
      const before = await em.findOneByOrFail(OrganizationEntity, { id: 1 });
      const fields = (['name', 'description'] as const).filter(
        (f) => !sameTranslated(before[f] ?? {}, profile[f]),
      );
      if (fields.length === 0) return fields;
      await em.update(OrganizationEntity, { id: 1 }, profile);
      await this.log.record(em, {
        actorId,
        action: 'organization.profile',
        subjectType: 'organization',
        subjectId: null,
        details: { fields: [...fields] },
      });
      return fields;
    });
    const platformName = profile.name[tenant.defaultLocale as Locale]?.trim();
    if (changed.includes('name') && platformName && platformName !== tenant.name)
      await this.registry.rename(tenant.id, platformName);
  }
}

function sameTranslated(a: Translated, b: Translated): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Locale>;
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
