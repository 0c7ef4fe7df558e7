import { defineMessages } from '@plaza/web';

/** Strings of space hero images and of uploads on participation pages. */
export const spaceMediaT = defineMessages('spaceMedia', {
  en: {
    'hero.image': 'Hero image',
    'hero.hint':
      'A wide photo shown at the top of the page and on its card: PNG, JPEG, GIF or WebP, at most {size}.',
    'hero.alt': 'Text alternative of the hero image',
    'hero.altHint':
      'Describe what the image shows for people who cannot see it. Leave it empty if the image is only decorative.',
    'hero.current': 'Current hero image:',
    'hero.remove': 'Remove the hero image',
    'upload.tooLarge': 'The file is larger than the {size} allowed.',
    'upload.type': 'This type of file is not accepted. Accepted: {types}.',
    'upload.unreadable': 'This file could not be read. Try another one.',
    'upload.empty': 'The file is empty.',
  },
  fr: {
    'hero.image': "Image d'en-tête",
    'hero.hint':
      "Une photo large affichée en haut de la page et sur sa carte : PNG, JPEG, GIF ou WebP, d'au plus {size}.",
    'hero.alt': "Texte alternatif de l'image d'en-tête",
    'hero.altHint':
      "Décrivez ce que montre l'image pour les personnes qui ne la voient pas. Laissez vide si l'image est purement décorative.",
    'hero.current': "Image d'en-tête actuelle :",
    'hero.remove': "Retirer l'image d'en-tête",
    'upload.tooLarge': 'Le fichier dépasse les {size} autorisés.',
    'upload.type': "Ce type de fichier n'est pas accepté. Acceptés : {types}.",
    'upload.unreadable': "Ce fichier n'a pas pu être lu. Essayez-en un autre.",
    'upload.empty': 'Le fichier est vide.',
  },
  es: {
    'hero.image': 'Imagen de cabecera',
    'hero.hint':
      'Una foto ancha que se muestra en la parte superior de la página y en su tarjeta: PNG, JPEG, GIF o WebP, de {size} como máximo.',
    'hero.alt': 'Texto alternativo de la imagen de cabecera',
    'hero.altHint':
      'Describa lo que muestra la imagen para las personas que no pueden verla. Déjelo vacío si la imagen es solo decorativa.',
    'hero.current': 'Imagen de cabecera actual:',
    'hero.remove': 'Quitar la imagen de cabecera',
    'upload.tooLarge': 'El archivo supera los {size} permitidos.',
    'upload.type': 'Este tipo de archivo no se acepta. Aceptados: {types}.',
    'upload.unreadable': 'No se ha podido leer este archivo. Pruebe con otro.',
    'upload.empty': 'El archivo está vacío.',
  },
  ca: {
    'hero.image': 'Imatge de capçalera',
    'hero.hint':
      'Una foto ampla que es mostra a la part superior de la pàgina i a la seva targeta: PNG, JPEG, GIF o WebP, de {size} com a màxim.',
    'hero.alt': 'Text alternatiu de la imatge de capçalera',
    'hero.altHint':
      'Descriviu el que mostra la imatge per a les persones que no la poden veure. Deixeu-lo buit si la imatge és només decorativa.',
    'hero.current': 'Imatge de capçalera actual:',
    'hero.remove': 'Treu la imatge de capçalera',
    'upload.tooLarge': 'El fitxer supera els {size} permesos.',
    'upload.type': "Aquest tipus de fitxer no s'accepta. Acceptats: {types}.",
    'upload.unreadable': "No s'ha pogut llegir aquest fitxer. Proveu-ne un altre.",
    'upload.empty': 'El fitxer és buit.',
  },
});

export type SpaceMediaKey = Parameters<typeof spaceMediaT>[1];
