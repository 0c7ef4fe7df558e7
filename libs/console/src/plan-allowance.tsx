import { PLAN_FEATURES, PLAN_LIMITS } from '@plaza/tenancy';

import { plansTranslator } from './console-plans.messages';
import type { TenantView } from './console-tenants.service';
import type { TenantPlanOverrideEntity } from './plan.entity';

/**
 * The organization's effective limits and features on its detail page, the
 * exceptions marked, with the way to change them for owners.
 */
export function PlanAllowance(props: {
  locale: string;
  tenant: TenantView;
  overrides: TenantPlanOverrideEntity | null;
  canEdit: boolean;
}) {
  const t = plansTranslator(props.locale);
  const { tenant, overrides } = props;
  const mark = (overridden: boolean) => (overridden ? ` ${t('overrides.exception')}` : '');
  return (
    <section aria-labelledby="plan-allowance">
      <h2 id="plan-allowance">{t('overrides.title')}</h2>
      <p>{tenant.plan ? t('overrides.intro') : t('overrides.noPlan')}</p>
      <ul>
        {PLAN_LIMITS.map((l) => (
          <li key={l}>
            {t(`limit.${l}`)}: {tenant.limits[l] ?? t('plans.unlimited')}
            {mark(overrides?.limits[l] !== undefined)}
          </li>
        ))}
        {PLAN_FEATURES.map((f) => (
          <li key={f}>
            {t(`feature.${f}`)}: {tenant.features[f] ? t('plans.included') : t('plans.notIncluded')}
            {mark(overrides?.features[f] !== undefined)}
          </li>
        ))}
      </ul>
      {props.canEdit && (
        <p>
          <a href={`/tenants/${tenant.id}/overrides`}>{t('overrides.edit')}</a>
        </p>
      )}
    </section>
  );
}
