import { HttpStatus } from '@nestjs/common';

import type { FastifyReply } from 'fastify';

import type { FieldErrors } from './forms';

/** The field errors a form collects while it is read and saved. */
export type MutableFieldErrors = Record<string, string | readonly string[]>;

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((m) => (typeof m === 'string' ? m !== '' : !!m?.length));
}

/**
 * A form post's steps. `E` is how the page keeps its errors: sentences by
 * default, or message keys translated when the form is shown again.
 */
export interface FormSubmission<V, E extends FieldErrors = MutableFieldErrors> {
  /** Reads the posted body into values, recording what is wrong in `errors`. */
  read: (errors: E) => V | Promise<V>;
  /**
   * Runs only when reading found nothing wrong. Returns where to send the
   * person next, or undefined (recording why, e.g. a slug already taken) to
   * show the form again.
   */
  save: (values: V, errors: E) => Promise<string | undefined>;
  /** Shows the form again with the values sent and the errors found. */
  render: (values: V, errors: E, status: number) => Promise<unknown>;
  /** The status of a refused form; 422 unless the page has always answered another. */
  invalidStatus?: number;
}

/**
 * The sequence every HTML form post follows: read and validate, save, then
 * either redirect (303) or re-render the form with its values and errors, so
 * nothing typed is lost.
 */
export async function submitForm<V, E extends FieldErrors = MutableFieldErrors>(
  reply: FastifyReply,
  form: FormSubmission<V, E>,
): Promise<void> {
  const errors = {} as E;
  const values = await form.read(errors);
  if (!hasFieldErrors(errors)) {
    const location = await form.save(values, errors);
    if (location !== undefined && !hasFieldErrors(errors)) {
      void reply.redirect(location, HttpStatus.SEE_OTHER);
      return;
    }
  }
  await form.render(values, errors, form.invalidStatus ?? HttpStatus.UNPROCESSABLE_ENTITY);
}
