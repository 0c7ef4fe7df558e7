import { PlanLimitException } from '@plaza/tenancy';

import { defineMessages } from './i18n';

/** Refusals by the organization's plan (PlanPolicy), as people read them. */
export const planT = defineMessages('plan-limits', {
  en: {
    title: 'Not included in the plan',
    unnamed: 'current',
    'limit.spaces':
      'The {plan} plan allows at most {max} participatory spaces; this organization has {current}. Nothing was created. Ask your provider for a larger plan.',
    'limit.participants':
      'This site has reached the {max} participants its {plan} plan allows, so no new account can be added for now. The organization can ask its provider for a larger plan.',
    'limit.admins':
      'The {plan} plan allows at most {max} administrators; this organization has {current}. Nothing was changed. Ask your provider for a larger plan.',
    'limit.storageMb':
      'The {plan} plan allows at most {max} MB of files and this file would go past it, so it was not stored. Remove files or ask your provider for a larger plan.',
    feature: 'The {plan} plan does not include {feature}. Ask your provider for a plan that does.',
    'feature.customDomain': 'custom domains',
    'feature.customCss': 'custom CSS',
    'feature.newsletter': 'newsletters',
    'feature.apiAccess': 'API access',
  },
  fr: {
    title: 'Non compris dans le forfait',
    unnamed: 'actuel',
    'limit.spaces':
      "Le forfait {plan} permet au plus {max} espaces participatifs ; cette organisation en a {current}. Rien n'a été créé. Demandez un forfait plus grand à votre fournisseur.",
    'limit.participants':
      "Ce site a atteint les {max} participant·es que permet son forfait {plan} : aucun nouveau compte ne peut être ajouté pour l'instant. L'organisation peut demander un forfait plus grand à son fournisseur.",
    'limit.admins':
      "Le forfait {plan} permet au plus {max} administrateur·ices ; cette organisation en a {current}. Rien n'a été modifié. Demandez un forfait plus grand à votre fournisseur.",
    'limit.storageMb':
      "Le forfait {plan} permet au plus {max} Mo de fichiers et ce fichier les dépasserait : il n'a pas été enregistré. Supprimez des fichiers ou demandez un forfait plus grand à votre fournisseur.",
    feature:
      "Le forfait {plan} ne comprend pas {feature}. Demandez à votre fournisseur un forfait qui l'inclut.",
    'feature.customDomain': 'les domaines personnalisés',
    'feature.customCss': 'la CSS personnalisée',
    'feature.newsletter': 'les lettres d’information',
    'feature.apiAccess': "l'accès à l'API",
  },
  es: {
    title: 'No incluido en el plan',
    unnamed: 'actual',
    'limit.spaces':
      'El plan {plan} permite como máximo {max} espacios participativos; esta organización tiene {current}. No se ha creado nada. Pida un plan mayor a su proveedor.',
    'limit.participants':
      'Este sitio ha alcanzado los {max} participantes que permite su plan {plan}, así que por ahora no se pueden añadir cuentas nuevas. La organización puede pedir un plan mayor a su proveedor.',
    'limit.admins':
      'El plan {plan} permite como máximo {max} administradores; esta organización tiene {current}. No se ha cambiado nada. Pida un plan mayor a su proveedor.',
    'limit.storageMb':
      'El plan {plan} permite como máximo {max} MB de archivos y este archivo los superaría, así que no se ha guardado. Elimine archivos o pida un plan mayor a su proveedor.',
    feature: 'El plan {plan} no incluye {feature}. Pida a su proveedor un plan que lo incluya.',
    'feature.customDomain': 'dominios propios',
    'feature.customCss': 'CSS personalizado',
    'feature.newsletter': 'boletines',
    'feature.apiAccess': 'acceso a la API',
  },
  ca: {
    title: 'No inclòs en el pla',
    unnamed: 'actual',
    'limit.spaces':
      "El pla {plan} permet com a màxim {max} espais participatius; aquesta organització en té {current}. No s'ha creat res. Demaneu un pla més gran al vostre proveïdor.",
    'limit.participants':
      "Aquest lloc ha arribat als {max} participants que permet el seu pla {plan}, així que de moment no s'hi poden afegir comptes nous. L'organització pot demanar un pla més gran al seu proveïdor.",
    'limit.admins':
      "El pla {plan} permet com a màxim {max} administradors; aquesta organització en té {current}. No s'ha canviat res. Demaneu un pla més gran al vostre proveïdor.",
    'limit.storageMb':
      "El pla {plan} permet com a màxim {max} MB de fitxers i aquest fitxer els superaria, així que no s'ha desat. Elimineu fitxers o demaneu un pla més gran al vostre proveïdor.",
    feature:
      'El pla {plan} no inclou {feature}. Demaneu al vostre proveïdor un pla que ho inclogui.',
    'feature.customDomain': 'dominis propis',
    'feature.customCss': 'CSS personalitzat',
    'feature.newsletter': 'butlletins',
    'feature.apiAccess': "accés a l'API",
  },
});

/** The refusal in `locale`, naming the limit and the plan. */
export function planLimitMessage(locale: string, error: PlanLimitException): string {
  const plan = error.planName ?? planT(locale, 'unnamed');
  if (error.max === null) {
    const feature = planT(locale, `feature.${error.limit}` as Parameters<typeof planT>[1]);
    return planT(locale, 'feature', { plan, feature });
  }
  const key = `limit.${error.limit}` as Parameters<typeof planT>[1];
  return planT(locale, key, { plan, max: error.max, current: error.current ?? 0 });
}

/** Why a feature is not available, for pages that show it disabled rather than refuse a request. */
export function planFeatureMissingMessage(
  locale: string,
  feature: PlanLimitException['limit'],
  planName: string | null,
): string {
  return planLimitMessage(locale, new PlanLimitException(feature, planName, null, null));
}
