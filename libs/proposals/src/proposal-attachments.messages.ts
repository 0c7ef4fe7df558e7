import { defineMessages } from '@plaza/web';

/** Strings of proposal attachments. */
export const attachmentsT = defineMessages('proposalAttachments', {
  en: {
    fileOptional: 'File (optional)',
    chooseAgain: 'If the form has to be corrected, choose the file again.',
    title: 'Attachments',
    empty: 'No files are attached to this proposal.',
    add: 'Attach a file',
    file: 'File',
    fileHint: 'A PDF or an image (PNG, JPEG, GIF, WebP), at most {size}.',
    name: 'Title (optional)',
    submit: 'Attach',
    remove: 'Remove {name}',
    meta: '{type}, {size}',
    'error.notAllowed': 'You cannot attach files to this proposal.',
    'error.limit': 'This proposal already has the most attachments allowed ({max}).',
    'error.missing': 'Choose a file to attach.',
    errorSummary: 'The file was not attached',
    delete: 'Delete this proposal and its attachments',
    'size.bytes': '{size} bytes',
    'size.kb': '{size} KB',
    'size.mb': '{size} MB',
  },
  fr: {
    fileOptional: 'Fichier (facultatif)',
    chooseAgain: 'Si le formulaire doit être corrigé, choisissez à nouveau le fichier.',
    title: 'Pièces jointes',
    empty: "Aucun fichier n'est joint à cette proposition.",
    add: 'Joindre un fichier',
    file: 'Fichier',
    fileHint: "Un PDF ou une image (PNG, JPEG, GIF, WebP), d'au plus {size}.",
    name: 'Titre (facultatif)',
    submit: 'Joindre',
    remove: 'Retirer {name}',
    meta: '{type}, {size}',
    'error.notAllowed': 'Vous ne pouvez pas joindre de fichier à cette proposition.',
    'error.limit': 'Cette proposition a déjà le nombre maximal de pièces jointes ({max}).',
    'error.missing': 'Choisissez un fichier à joindre.',
    errorSummary: "Le fichier n'a pas été joint",
    delete: 'Supprimer cette proposition et ses pièces jointes',
    'size.bytes': '{size} octets',
    'size.kb': '{size} Ko',
    'size.mb': '{size} Mo',
  },
  es: {
    fileOptional: 'Archivo (opcional)',
    chooseAgain: 'Si hay que corregir el formulario, vuelve a elegir el archivo.',
    title: 'Archivos adjuntos',
    empty: 'No hay archivos adjuntos a esta propuesta.',
    add: 'Adjuntar un archivo',
    file: 'Archivo',
    fileHint: 'Un PDF o una imagen (PNG, JPEG, GIF, WebP), de {size} como máximo.',
    name: 'Título (opcional)',
    submit: 'Adjuntar',
    remove: 'Quitar {name}',
    meta: '{type}, {size}',
    'error.notAllowed': 'No puede adjuntar archivos a esta propuesta.',
    'error.limit': 'Esta propuesta ya tiene el máximo de archivos adjuntos permitido ({max}).',
    'error.missing': 'Elija un archivo para adjuntar.',
    errorSummary: 'El archivo no se ha adjuntado',
    delete: 'Eliminar esta propuesta y sus archivos adjuntos',
    'size.bytes': '{size} bytes',
    'size.kb': '{size} KB',
    'size.mb': '{size} MB',
  },
  ca: {
    fileOptional: 'Fitxer (opcional)',
    chooseAgain: 'Si cal corregir el formulari, torna a triar el fitxer.',
    title: 'Fitxers adjunts',
    empty: 'No hi ha cap fitxer adjunt a aquesta proposta.',
    add: 'Adjunta un fitxer',
    file: 'Fitxer',
    fileHint: 'Un PDF o una imatge (PNG, JPEG, GIF, WebP), de {size} com a màxim.',
    name: 'Títol (opcional)',
    submit: 'Adjunta',
    remove: 'Treu {name}',
    meta: '{type}, {size}',
    'error.notAllowed': 'No podeu adjuntar fitxers a aquesta proposta.',
    'error.limit': 'Aquesta proposta ja té el màxim de fitxers adjunts permès ({max}).',
    'error.missing': 'Trieu un fitxer per adjuntar.',
    errorSummary: "El fitxer no s'ha adjuntat",
    delete: 'Suprimeix aquesta proposta i els seus fitxers adjunts',
    'size.bytes': '{size} bytes',
    'size.kb': '{size} KB',
    'size.mb': '{size} MB',
  },
});

export type AttachmentsKey = Parameters<typeof attachmentsT>[1];

/** A size in the reader's language: "1,5 Mo", "1.5 MB". */
export function localizedSize(bytes: number, locale: string): string {
  const number = (n: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1024 * 1024)
    return attachmentsT(locale, 'size.mb', { size: number(bytes / 1024 / 1024) });
  if (bytes >= 1024) return attachmentsT(locale, 'size.kb', { size: number(bytes / 1024) });
  return attachmentsT(locale, 'size.bytes', { size: number(bytes) });
}
