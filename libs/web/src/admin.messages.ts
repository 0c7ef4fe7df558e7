import { defineMessages } from './i18n';

/** Strings of the shared admin frame. */
export const adminT = defineMessages('admin', {
  en: {
    'nav.label': 'Administration sections',
    'form.errorsTitle': 'There is a problem',
    'form.saved': 'Your changes have been saved.',
  },
  fr: {
    'nav.label': "Rubriques d'administration",
    'form.errorsTitle': 'Il y a un problème',
    'form.saved': 'Vos modifications ont été enregistrées.',
  },
  es: {
    'nav.label': 'Secciones de administración',
    'form.errorsTitle': 'Hay un problema',
    'form.saved': 'Se han guardado los cambios.',
  },
  ca: {
    'nav.label': "Seccions d'administració",
    'form.errorsTitle': 'Hi ha un problema',
    'form.saved': "S'han desat els canvis.",
  },
});
