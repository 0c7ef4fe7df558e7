import { defineMessages } from '@plaza/web';

/** Strings of the organization settings admin page (/admin/organization). */
export const organizationAdminT = defineMessages('organization-admin', {
  en: {
    section: 'Organization',
    title: 'Organization',
    intro: 'How the organization presents itself on its site.',
    name: 'Name',
    nameHint: 'Shown in the header of every page and in mails.',
    description: 'Description',
    descriptionHint:
      'Shown at the bottom of the homepage and to search engines. Plain text, up to 2,000 characters per language.',
    save: 'Save',
    elsewhere: 'Set elsewhere',
    'link.appearance': 'Official website, logo and social handles (Appearance)',
    'link.languages': 'Available languages and default language (Languages)',
    'error.nameRequired': 'Enter the name in {language}.',
    'error.nameTooLong': 'Shorten the name to 200 characters at most.',
    'error.descriptionTooLong': 'Shorten the description to 2,000 characters at most.',
  },
  fr: {
    section: 'Organisation',
    title: 'Organisation',
    intro: "Comment l'organisation se présente sur son site.",
    name: 'Nom',
    nameHint: "Affiché dans l'en-tête de chaque page et dans les courriels.",
    description: 'Description',
    descriptionHint:
      "Affichée en bas de la page d'accueil et aux moteurs de recherche. Texte simple, 2 000 caractères au plus par langue.",
    save: 'Enregistrer',
    elsewhere: 'Réglé ailleurs',
    'link.appearance': 'Site officiel, logo et comptes sur les réseaux sociaux (Apparence)',
    'link.languages': 'Langues disponibles et langue par défaut (Langues)',
    'error.nameRequired': 'Saisissez le nom en {language}.',
    'error.nameTooLong': 'Raccourcissez le nom à 200 caractères au plus.',
    'error.descriptionTooLong': 'Raccourcissez la description à 2 000 caractères au plus.',
  },
  es: {
    section: 'Organización',
    title: 'Organización',
    intro: 'Cómo se presenta la organización en su sitio.',
    name: 'Nombre',
    nameHint: 'Se muestra en la cabecera de cada página y en los correos.',
    description: 'Descripción',
    descriptionHint:
      'Se muestra al pie de la página de inicio y a los buscadores. Texto simple, 2.000 caracteres como máximo por idioma.',
    save: 'Guardar',
    elsewhere: 'Se configura en otro lugar',
    'link.appearance': 'Sitio web oficial, logotipo y cuentas en redes sociales (Apariencia)',
    'link.languages': 'Idiomas disponibles e idioma por defecto (Idiomas)',
    'error.nameRequired': 'Escriba el nombre en {language}.',
    'error.nameTooLong': 'Acorte el nombre a 200 caracteres como máximo.',
    'error.descriptionTooLong': 'Acorte la descripción a 2.000 caracteres como máximo.',
  },
  ca: {
    section: 'Organització',
    title: 'Organització',
    intro: "Com es presenta l'organització al seu lloc.",
    name: 'Nom',
    nameHint: 'Es mostra a la capçalera de cada pàgina i als correus.',
    description: 'Descripció',
    descriptionHint:
      "Es mostra al peu de la pàgina d'inici i als cercadors. Text simple, 2.000 caràcters com a màxim per idioma.",
    save: 'Desa',
    elsewhere: 'Es configura en un altre lloc',
    'link.appearance': 'Lloc web oficial, logotip i comptes a les xarxes socials (Aparença)',
    'link.languages': 'Idiomes disponibles i idioma per defecte (Idiomes)',
    'error.nameRequired': 'Escriviu el nom en {language}.',
    'error.nameTooLong': 'Escurceu el nom a 200 caràcters com a màxim.',
    'error.descriptionTooLong': 'Escurceu la descripció a 2.000 caràcters com a màxim.',
  },
});

export type OrganizationAdminKey = Parameters<typeof organizationAdminT>[1];
