import { defineMessages } from '@plaza/web';

export const apiDocsT = defineMessages('api-docs', {
  en: {
    title: 'API documentation',
    intro: 'The JSON API of this site. The machine-readable description is at {url}.',
    parameters: 'Parameters',
    responses: 'Responses',
  },
  fr: {
    title: "Documentation de l'API",
    intro: 'L’API JSON de ce site. Sa description lisible par machine est à {url}.',
    parameters: 'Paramètres',
    responses: 'Réponses',
  },
  es: {
    title: 'Documentación de la API',
    intro: 'La API JSON de este sitio. Su descripción legible por máquina está en {url}.',
    parameters: 'Parámetros',
    responses: 'Respuestas',
  },
  ca: {
    title: 'Documentació de l’API',
    intro: 'L’API JSON d’aquest lloc. La seva descripció llegible per màquina és a {url}.',
    parameters: 'Paràmetres',
    responses: 'Respostes',
  },
});
