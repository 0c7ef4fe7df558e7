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
    archivedNotice:
      "Aquest lloc està arxivat: podeu llegir-ne tot el contingut, però ja no s'hi pot afegir ni canviar res.",
    archivedTitle: 'Aquest lloc està arxivat',
    archivedBody:
      "Aquest lloc està arxivat i és només de lectura: no s'hi pot afegir ni canviar res, i l'inici de sessió està tancat. Tot el que s'ha publicat es pot continuar llegint.",
  },
} satisfies Record<Locale, Record<string, string>>;

export type PlatformMessageKey = keyof (typeof PLATFORM_MESSAGES)['en'];

export function platformMessages(locale: string): Record<PlatformMessageKey, string> {
  return (
    (PLATFORM_MESSAGES as Record<string, Record<PlatformMessageKey, string>>)[locale] ??
    PLATFORM_MESSAGES.en
  );
}
