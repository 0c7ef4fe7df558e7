import { defineMessages } from '@plaza/web';

/** Strings of the organization's participation settings page. */
export const participationSettingsT = defineMessages('participation-settings', {
  en: {
    section: 'Participation settings',
    title: 'Participation settings',
    commentsMaxLength: 'Maximum length of a comment',
    commentsMaxLengthHint:
      'In characters, from 1 to 10000. A component may set its own maximum in its settings.',
    save: 'Save',
    saved: 'Saved.',
    errorSummary: 'There is a problem',
    invalid: 'Enter a whole number from 1 to 10000.',
  },
  fr: {
    section: 'Paramètres de participation',
    title: 'Paramètres de participation',
    commentsMaxLength: "Longueur maximale d'un commentaire",
    commentsMaxLengthHint:
      'En caractères, de 1 à 10000. Un composant peut fixer son propre maximum dans ses paramètres.',
    save: 'Enregistrer',
    saved: 'Enregistré.',
    errorSummary: 'Il y a un problème',
    invalid: 'Saisissez un nombre entier de 1 à 10000.',
  },
  es: {
    section: 'Ajustes de participación',
    title: 'Ajustes de participación',
    commentsMaxLength: 'Longitud máxima de un comentario',
    commentsMaxLengthHint:
      'En caracteres, de 1 a 10000. Un componente puede fijar su propio máximo en sus ajustes.',
    save: 'Guardar',
    saved: 'Guardado.',
    errorSummary: 'Hay un problema',
    invalid: 'Escribe un número entero de 1 a 10000.',
  },
  ca: {
    section: 'Paràmetres de participació',
    title: 'Paràmetres de participació',
    commentsMaxLength: 'Longitud màxima d’un comentari',
    commentsMaxLengthHint:
      'En caràcters, d’1 a 10000. Un component pot fixar el seu propi màxim als seus paràmetres.',
    save: 'Desar',
    saved: 'Desat.',
    errorSummary: 'Hi ha un problema',
    invalid: 'Escriu un nombre enter d’1 a 10000.',
  },
});

export type ParticipationSettingsKey = Parameters<typeof participationSettingsT>[1];
