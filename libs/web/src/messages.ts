import { Locale } from '@plaza/core';

/** Interface strings of the platform pages (status and error pages), per locale. */
export const PLATFORM_MESSAGES = {
  en: {
    skipToContent: 'Skip to content',
    notFoundTitle: 'Page not found',
    notFoundBody:
      'There is nothing at this address. Check the address or go back to the home page.',
    unknownHostTitle: 'Site not found',
    unknownHostBody: 'No participation site answers at this address.',
    suspendedTitle: 'Site temporarily unavailable',
    suspendedBody:
      'This participation site is temporarily unavailable. Its data is kept; please come back later.',
    provisioningTitle: 'Site being prepared',
    provisioningBody: 'This participation site is being set up and will open in a moment.',
    goneTitle: 'Site closed',
    goneBody: 'This participation site has been closed and is no longer available.',
    errorTitle: 'Something went wrong',
    errorBody: 'Something went wrong on our side. Please try again in a moment.',
    badRequestTitle: 'Request not understood',
    home: 'Home page',
    poweredBy: 'Powered by Plaza',
    forbiddenTitle: 'Not allowed',
    forbiddenBody: 'You are not allowed to do this.',
    conflictTitle: 'This cannot be done',
    conflictBody:
      'This cannot be done in the current state of things. Reload the page and try again.',
    badRequestBody:
      'Something in the request was not as expected. Go back, check what you entered and try again.',
    tooLargeTitle: 'Too large',
    tooLargeBody: 'What you sent is too large.',
    tooManyTitle: 'Too many attempts',
    tooManyBody: 'Too many attempts. Please wait {wait} and try again.',
    seconds: '{count} seconds',
    minutes: '{count} minutes',
    adminsOnly: 'Only administrators of this organization can do this.',
    csrf: 'This form has expired or did not come from this site. Reload the page and try again.',
    fileLinkExpired:
      'This link to a file has expired. Go back to the page and open the file again.',
    fileLinkInvalid: 'This link to a file is not valid.',
    archivedNotice:
      'This site is archived: you can read everything on it, but nothing can be added or changed.',
    archivedTitle: 'This site is archived',
    archivedBody:
      'This site is archived and read-only: nothing can be added or changed, and signing in is closed. Everything published stays available to read.',
  },
  fr: {
    skipToContent: 'Aller au contenu',
    notFoundTitle: 'Page introuvable',
    notFoundBody:
      "Il n'y a rien à cette adresse. Vérifiez l'adresse ou revenez à la page d'accueil.",
    unknownHostTitle: 'Site introuvable',
    unknownHostBody: 'Aucun site de participation ne répond à cette adresse.',
    suspendedTitle: 'Site momentanément indisponible',
    suspendedBody:
      'Ce site de participation est momentanément indisponible. Ses données sont conservées ; revenez plus tard.',
    provisioningTitle: 'Site en préparation',
    provisioningBody:
      'Ce site de participation est en cours de création et ouvrira dans un instant.',
    goneTitle: 'Site fermé',
    goneBody: "Ce site de participation a été fermé et n'est plus disponible.",
    errorTitle: 'Une erreur est survenue',
    errorBody: 'Une erreur est survenue de notre côté. Veuillez réessayer dans un instant.',
    badRequestTitle: 'Requête incomprise',
    home: "Page d'accueil",
    poweredBy: 'Propulsé par Plaza',
    forbiddenTitle: 'Action non autorisée',
    forbiddenBody: "Vous n'êtes pas autorisé à faire cela.",
    conflictTitle: 'Action impossible',
    conflictBody: "Cette action n'est pas possible en l'état. Rechargez la page et réessayez.",
    badRequestBody:
      "Un élément de la requête n'était pas celui attendu. Revenez en arrière, vérifiez ce que vous avez saisi et réessayez.",
    tooLargeTitle: 'Trop volumineux',
    tooLargeBody: 'Ce que vous avez envoyé est trop volumineux.',
    tooManyTitle: 'Trop de tentatives',
    tooManyBody: 'Trop de tentatives. Patientez {wait} puis réessayez.',
    seconds: '{count} secondes',
    minutes: '{count} minutes',
    adminsOnly: 'Seuls les administrateurs de cette organisation peuvent faire cela.',
    csrf: 'Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page et réessayez.',
    fileLinkExpired: 'Ce lien vers un fichier a expiré. Revenez à la page et rouvrez le fichier.',
    fileLinkInvalid: "Ce lien vers un fichier n'est pas valide.",
    archivedNotice:
      'Ce site est archivé : tout son contenu reste consultable, mais plus rien ne peut être ajouté ni modifié.',
    archivedTitle: 'Ce site est archivé',
    archivedBody:
      'Ce site est archivé et en lecture seule : plus rien ne peut être ajouté ni modifié, et la connexion est fermée. Tout ce qui a été publié reste consultable.',
  },
  es: {
    skipToContent: 'Saltar al contenido',
    notFoundTitle: 'Página no encontrada',
    notFoundBody:
      'No hay nada en esta dirección. Compruebe la dirección o vuelva a la página de inicio.',
    unknownHostTitle: 'Sitio no encontrado',
    unknownHostBody: 'Ningún sitio de participación responde en esta dirección.',
    suspendedTitle: 'Sitio no disponible temporalmente',
    suspendedBody:
      'Este sitio de participación no está disponible temporalmente. Sus datos se conservan; vuelva más tarde.',
    provisioningTitle: 'Sitio en preparación',
    provisioningBody: 'Este sitio de participación se está creando y abrirá en un momento.',
    goneTitle: 'Sitio cerrado',
    goneBody: 'Este sitio de participación se ha cerrado y ya no está disponible.',
    errorTitle: 'Algo ha fallado',
    errorBody: 'Algo ha fallado por nuestra parte. Vuelva a intentarlo en un momento.',
    badRequestTitle: 'Solicitud no comprendida',
    home: 'Página de inicio',
    poweredBy: 'Funciona con Plaza',
    forbiddenTitle: 'Acción no permitida',
    forbiddenBody: 'No tiene permiso para hacer esto.',
    conflictTitle: 'No se puede hacer',
    conflictBody:
      'Esto no se puede hacer en la situación actual. Recargue la página y vuelva a intentarlo.',
    badRequestBody:
      'Algo en la solicitud no era lo esperado. Vuelva atrás, revise lo que ha escrito y vuelva a intentarlo.',
    tooLargeTitle: 'Demasiado grande',
    tooLargeBody: 'Lo que ha enviado es demasiado grande.',
    tooManyTitle: 'Demasiados intentos',
    tooManyBody: 'Demasiados intentos. Espere {wait} y vuelva a intentarlo.',
    seconds: '{count} segundos',
    minutes: '{count} minutos',
    adminsOnly: 'Solo los administradores de esta organización pueden hacer esto.',
    csrf: 'Este formulario ha caducado o no procede de este sitio. Recargue la página y vuelva a intentarlo.',
    fileLinkExpired:
      'Este enlace a un archivo ha caducado. Vuelva a la página y abra el archivo de nuevo.',
    fileLinkInvalid: 'Este enlace a un archivo no es válido.',
    archivedNotice:
      'Este sitio está archivado: puede leer todo su contenido, pero ya no se puede añadir ni cambiar nada.',
    archivedTitle: 'Este sitio está archivado',
    archivedBody:
      'Este sitio está archivado y es de solo lectura: no se puede añadir ni cambiar nada, y el inicio de sesión está cerrado. Todo lo publicado sigue disponible para leer.',
  },
  ca: {
    skipToContent: 'Salta al contingut',
    notFoundTitle: 'Pàgina no trobada',
    notFoundBody:
      "No hi ha res en aquesta adreça. Comproveu l'adreça o torneu a la pàgina d'inici.",
    unknownHostTitle: 'Lloc no trobat',
    unknownHostBody: 'Cap lloc de participació respon en aquesta adreça.',
    suspendedTitle: 'Lloc no disponible temporalment',
    suspendedBody:
      'Aquest lloc de participació no està disponible temporalment. Les dades es conserven; torneu més tard.',
    provisioningTitle: 'Lloc en preparació',
    provisioningBody: "Aquest lloc de participació s'està creant i s'obrirà en un moment.",
    goneTitle: 'Lloc tancat',
    goneBody: "Aquest lloc de participació s'ha tancat i ja no està disponible.",
    errorTitle: 'Alguna cosa ha fallat',
    errorBody: 'Alguna cosa ha fallat per part nostra. Torneu-ho a provar en un moment.',
    badRequestTitle: 'Sol·licitud no entesa',
    home: "Pàgina d'inici",
    poweredBy: 'Funciona amb Plaza',
    forbiddenTitle: 'Acció no permesa',
    forbiddenBody: 'No teniu permís per fer això.',
    conflictTitle: 'No es pot fer',
    conflictBody:
      'Això no es pot fer en la situació actual. Torneu a carregar la pàgina i torneu-ho a provar.',
    badRequestBody:
      "Alguna cosa de la sol·licitud no era l'esperada. Torneu enrere, reviseu el que heu escrit i torneu-ho a provar.",
    tooLargeTitle: 'Massa gran',
    tooLargeBody: 'El que heu enviat és massa gran.',
    tooManyTitle: 'Massa intents',
    tooManyBody: 'Massa intents. Espereu {wait} i torneu-ho a provar.',
    seconds: '{count} segons',
    minutes: '{count} minuts',
    adminsOnly: "Només els administradors d'aquesta organització poden fer això.",
    csrf: "Aquest formulari ha caducat o no prové d'aquest lloc. Torneu a carregar la pàgina i torneu-ho a provar.",
    fileLinkExpired:
      'Aquest enllaç a un fitxer ha caducat. Torneu a la pàgina i obriu el fitxer de nou.',
    fileLinkInvalid: 'Aquest enllaç a un fitxer no és vàlid.',
    archivedNotice:
      "Aquest lloc està arxivat: podeu llegir-ne tot el contingut, però ja no s'hi pot afegir ni canviar res.",
    archivedTitle: 'Aquest lloc està arxivat',
    archivedBody:
      "Aquest lloc està arxivat i és només de lectura: no s'hi pot afegir ni canviar res, i l'inici de sessió està tancat. Tot el que s'ha publicat es pot continuar llegint.",
  },
} satisfies Record<Locale, Record<string, string>>;

export type PlatformMessageKey = keyof (typeof PLATFORM_MESSAGES)['en'];

/** A platform message with `{name}` placeholders filled in. */
export function platformT(
  locale: string,
  key: PlatformMessageKey,
  params: Record<string, string> = {},
): string {
  return platformMessages(locale)[key].replace(/\{(\w+)\}/g, (m, p: string) => params[p] ?? m);
}

export function platformMessages(locale: string): Record<PlatformMessageKey, string> {
  return (
    (PLATFORM_MESSAGES as Record<string, Record<PlatformMessageKey, string>>)[locale] ??
    PLATFORM_MESSAGES.en
  );
}
