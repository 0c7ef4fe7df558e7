import { defineErrorTranslations } from './error-translations';

/** The platform's own error sentences (request parsing, validation, CSRF, rate limits). */
defineErrorTranslations('web-errors', {
  en: {
    invalidJson: 'The request body is not valid JSON.',
    fields: 'Some fields are not valid.',
    whitelist: 'property {property} should not exist',
    csrf: 'This form has expired or did not come from this site. Reload the page and try again.',
    waitSecond: 'Too many attempts. Please wait {n} second and try again.',
    waitSeconds: 'Too many attempts. Please wait {n} seconds and try again.',
    waitMinutes: 'Too many attempts. Please wait {n} minutes and try again.',
    nothingHere: 'There is nothing at this address.',
    server: 'Something went wrong on our side. Please try again.',
  },
  fr: {
    invalidJson: "Le corps de la requête n'est pas du JSON valide.",
    fields: 'Certains champs ne sont pas valides.',
    whitelist: "le champ {property} n'est pas attendu",
    csrf: 'Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page et réessayez.',
    waitSecond: 'Trop de tentatives. Attendez {n} seconde et réessayez.',
    waitSeconds: 'Trop de tentatives. Attendez {n} secondes et réessayez.',
    waitMinutes: 'Trop de tentatives. Attendez {n} minutes et réessayez.',
    nothingHere: "Il n'y a rien à cette adresse.",
    server: 'Une erreur est survenue de notre côté. Veuillez réessayer.',
  },
  es: {
    invalidJson: 'El cuerpo de la solicitud no es JSON válido.',
    fields: 'Algunos campos no son válidos.',
    whitelist: 'el campo {property} no está previsto',
    csrf: 'Este formulario ha caducado o no procede de este sitio. Recargue la página e inténtelo de nuevo.',
    waitSecond: 'Demasiados intentos. Espere {n} segundo e inténtelo de nuevo.',
    waitSeconds: 'Demasiados intentos. Espere {n} segundos e inténtelo de nuevo.',
    waitMinutes: 'Demasiados intentos. Espere {n} minutos e inténtelo de nuevo.',
    nothingHere: 'No hay nada en esta dirección.',
    server: 'Algo ha fallado por nuestra parte. Inténtelo de nuevo.',
  },
  ca: {
    invalidJson: 'El cos de la sol·licitud no és JSON vàlid.',
    fields: 'Alguns camps no són vàlids.',
    whitelist: 'el camp {property} no està previst',
    csrf: 'Aquest formulari ha caducat o no prové d’aquest lloc. Torneu a carregar la pàgina i torneu-ho a provar.',
    waitSecond: 'Massa intents. Espereu {n} segon i torneu-ho a provar.',
    waitSeconds: 'Massa intents. Espereu {n} segons i torneu-ho a provar.',
    waitMinutes: 'Massa intents. Espereu {n} minuts i torneu-ho a provar.',
    nothingHere: 'No hi ha res en aquesta adreça.',
    server: 'Alguna cosa ha fallat per part nostra. Torneu-ho a provar.',
  },
});
