import { defineMessages } from '@plaza/web';

/** Strings of the share box on space and proposal pages. */
export const shareT = defineMessages('share', {
  en: {
    title: 'Share',
    link: 'Link to this page',
    copy: 'Copy link',
    copied: 'Link copied.',
    copyFailed: 'The link could not be copied: select it in the field above and copy it.',
    native: 'Share with an app…',
    on: 'Share on {network}',
    email: 'Send by email',
    text: 'Text to paste on Mastodon or anywhere else',
  },
  fr: {
    title: 'Partager',
    link: 'Lien vers cette page',
    copy: 'Copier le lien',
    copied: 'Lien copié.',
    copyFailed:
      "Le lien n'a pas pu être copié : sélectionnez-le dans le champ ci-dessus et copiez-le.",
    native: 'Partager avec une application…',
    on: 'Partager sur {network}',
    email: 'Envoyer par courriel',
    text: 'Texte à coller sur Mastodon ou ailleurs',
  },
  es: {
    title: 'Compartir',
    link: 'Enlace a esta página',
    copy: 'Copiar el enlace',
    copied: 'Enlace copiado.',
    copyFailed: 'No se ha podido copiar el enlace: selecciónelo en el campo de arriba y cópielo.',
    native: 'Compartir con una aplicación…',
    on: 'Compartir en {network}',
    email: 'Enviar por correo electrónico',
    text: 'Texto para pegar en Mastodon o en cualquier otro sitio',
  },
  ca: {
    title: 'Comparteix',
    link: 'Enllaç a aquesta pàgina',
    copy: "Copia l'enllaç",
    copied: 'Enllaç copiat.',
    copyFailed: "No s'ha pogut copiar l'enllaç: seleccioneu-lo al camp de dalt i copieu-lo.",
    native: 'Comparteix amb una aplicació…',
    on: 'Comparteix a {network}',
    email: 'Envia per correu electrònic',
    text: 'Text per enganxar a Mastodon o a qualsevol altre lloc',
  },
});
