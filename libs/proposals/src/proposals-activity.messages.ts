import { defineMessages } from '@plaza/web';

/** Strings of the activity proposals report to the homepage and /last-activity. */
export const proposalsActivityT = defineMessages('proposals-activity', {
  en: {
    proposal: 'New proposal',
    answer: 'Proposal answered: {state}',
    comment: 'New comment',
    by: 'By {name}',
    commentBy: '{name}: {excerpt}',
    official: 'Official proposal',
    deleted: 'Deleted participant',
    blocked: 'Blocked participant',
  },
  fr: {
    proposal: 'Nouvelle proposition',
    answer: 'Réponse à la proposition : {state}',
    comment: 'Nouveau commentaire',
    by: 'Par {name}',
    commentBy: '{name} : {excerpt}',
    official: 'Proposition officielle',
    deleted: 'Participant supprimé',
    blocked: 'Participant bloqué',
  },
  es: {
    proposal: 'Nueva propuesta',
    answer: 'Respuesta a la propuesta: {state}',
    comment: 'Nuevo comentario',
    by: 'Por {name}',
    commentBy: '{name}: {excerpt}',
    official: 'Propuesta oficial',
    deleted: 'Participante eliminado',
    blocked: 'Participante bloqueado',
  },
  ca: {
    proposal: 'Nova proposta',
    answer: 'Resposta a la proposta: {state}',
    comment: 'Nou comentari',
    by: 'Per {name}',
    commentBy: '{name}: {excerpt}',
    official: 'Proposta oficial',
    deleted: 'Participant eliminat',
    blocked: 'Participant bloquejat',
  },
});
