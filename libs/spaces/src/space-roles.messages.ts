import { defineMessages } from '@plaza/web';

/** Strings for people holding space roles (space admins, moderators, valuators). */
export const spaceRolesT = defineMessages('space-roles', {
  en: {
    'nav.admin': 'My spaces administration',
    yourWork: 'What you can do',
    manage: 'Manage the space',
    evaluate: 'Evaluate proposals: {name}',
    moderate: 'Moderation queue',
  },
  fr: {
    'nav.admin': 'Administration de mes espaces',
    yourWork: 'Ce que vous pouvez faire',
    manage: "Gérer l'espace",
    evaluate: 'Évaluer les propositions : {name}',
    moderate: 'File de modération',
  },
  es: {
    'nav.admin': 'Administración de mis espacios',
    yourWork: 'Lo que puedes hacer',
    manage: 'Gestionar el espacio',
    evaluate: 'Evaluar propuestas: {name}',
    moderate: 'Cola de moderación',
  },
  ca: {
    'nav.admin': 'Administració dels meus espais',
    yourWork: 'El que pots fer',
    manage: "Gestionar l'espai",
    evaluate: 'Avaluar propostes: {name}',
    moderate: 'Cua de moderació',
  },
});
