import { HttpStatus } from '@nestjs/common';

import { defineMessages, LocalizedHttpException } from '@plaza/web';

/** Refusals of the proposals admin pages (valuators, notes, custom states). */
export const proposalsErrorsT = defineMessages('proposals-errors', {
  en: {
    valuatorsOnly: 'Only valuators of this space can be assigned.',
    noteLength: 'Write a note of 1 to {max} characters.',
    chooseValuator: 'Choose a valuator.',
    stateToken: 'Use 2 to 40 lowercase letters, digits or underscores, not a built-in state.',
  },
  fr: {
    valuatorsOnly: 'Seuls les évaluateurs de cet espace peuvent être désignés.',
    noteLength: 'Écrivez une note de 1 à {max} caractères.',
    chooseValuator: 'Choisissez un évaluateur.',
    stateToken:
      'Utilisez de 2 à 40 lettres minuscules, chiffres ou tirets bas, hors états prédéfinis.',
  },
  es: {
    valuatorsOnly: 'Solo se pueden asignar evaluadores de este espacio.',
    noteLength: 'Escriba una nota de 1 a {max} caracteres.',
    chooseValuator: 'Elija un evaluador.',
    stateToken:
      'Use de 2 a 40 letras minúsculas, cifras o guiones bajos, sin repetir un estado predefinido.',
  },
  ca: {
    valuatorsOnly: 'Només es poden assignar avaluadors d’aquest espai.',
    noteLength: 'Escriviu una nota d’1 a {max} caràcters.',
    chooseValuator: 'Trieu un avaluador.',
    stateToken:
      'Feu servir de 2 a 40 lletres minúscules, xifres o guions baixos, sense repetir un estat predefinit.',
  },
});

/** A 400 whose sentence people read in their language (JSON keeps the English one). */
export function proposalsBadRequest(
  key: Parameters<typeof proposalsErrorsT>[1],
  params?: Record<string, string>,
): LocalizedHttpException {
  return new LocalizedHttpException(HttpStatus.BAD_REQUEST, (locale) =>
    proposalsErrorsT(locale, key, params),
  );
}
