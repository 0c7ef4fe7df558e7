import { defineMessages } from '@plaza/web';

/** Strings of the component permissions admin page. */
export const permissionsT = defineMessages('component-permissions', {
  en: {
    title: 'Permissions — {name}',
    link: 'Permissions (verifications required per action)',
    intro:
      'For each action, choose a verification participants must hold. Restricting an action to members of the space is set in the component settings.',
    'action.create': 'Create a proposal',
    'action.support': 'Support',
    'action.endorse': 'Endorse',
    'action.comment': 'Comment',
    none: 'No verification required',
    noMethods:
      'The organization offers no verification method yet: choose one in Verifications first.',
    save: 'Save the permissions',
    saved: 'Permissions saved.',
    invalid: 'Choose one of the methods the organization offers.',
    errorSummary: 'There is a problem',
    back: 'Back to the component settings',
  },
  fr: {
    title: 'Autorisations — {name}',
    link: 'Autorisations (vérifications exigées par action)',
    intro:
      "Pour chaque action, choisissez une vérification que les participants doivent détenir. Réserver une action aux membres de l'espace se règle dans les paramètres du composant.",
    'action.create': 'Créer une proposition',
    'action.support': 'Soutenir',
    'action.endorse': 'Appuyer',
    'action.comment': 'Commenter',
    none: 'Aucune vérification exigée',
    noMethods:
      "L'organisation ne propose encore aucune méthode de vérification : choisissez-en une dans Vérifications d'abord.",
    save: 'Enregistrer les autorisations',
    saved: 'Autorisations enregistrées.',
    invalid: "Choisissez l'une des méthodes proposées par l'organisation.",
    errorSummary: 'Il y a un problème',
    back: 'Retour aux paramètres du composant',
  },
  es: {
    title: 'Permisos — {name}',
    link: 'Permisos (verificaciones requeridas por acción)',
    intro:
      'Para cada acción, elige una verificación que los participantes deben tener. Reservar una acción a los miembros del espacio se configura en los ajustes del componente.',
    'action.create': 'Crear una propuesta',
    'action.support': 'Apoyar',
    'action.endorse': 'Adherirse',
    'action.comment': 'Comentar',
    none: 'Sin verificación requerida',
    noMethods:
      'La organización aún no ofrece ningún método de verificación: elige uno primero en Verificaciones.',
    save: 'Guardar los permisos',
    saved: 'Permisos guardados.',
    invalid: 'Elige uno de los métodos que ofrece la organización.',
    errorSummary: 'Hay un problema',
    back: 'Volver a los ajustes del componente',
  },
  ca: {
    title: 'Permisos — {name}',
    link: 'Permisos (verificacions requerides per acció)',
    intro:
      "Per a cada acció, tria una verificació que els participants han de tenir. Reservar una acció als membres de l'espai es configura als paràmetres del component.",
    'action.create': 'Crear una proposta',
    'action.support': 'Donar suport',
    'action.endorse': 'Adherir-se',
    'action.comment': 'Comentar',
    none: 'Cap verificació requerida',
    noMethods:
      "L'organització encara no ofereix cap mètode de verificació: tria'n un primer a Verificacions.",
    save: 'Desar els permisos',
    saved: 'Permisos desats.',
    invalid: "Tria un dels mètodes que ofereix l'organització.",
    errorSummary: 'Hi ha un problema',
    back: 'Tornar als paràmetres del component',
  },
});

export type PermissionsKey = Parameters<typeof permissionsT>[1];
