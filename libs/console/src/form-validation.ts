import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

import type { FieldErrors } from './console-layout';

function flatten(errors: ValidationError[], into: FieldErrors = {}): FieldErrors {
  for (const error of errors) {
    if (error.constraints) into[error.property] = Object.values(error.constraints);
    if (error.children?.length) flatten(error.children, into);
  }
  return into;
}

/**
 * Checks an HTML form against the same DTO the JSON API uses, so both say the
 * same thing; answers field errors for the page instead of throwing.
 */
export async function validateForm<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): Promise<{ value: T; errors: FieldErrors | null }> {
  const value = plainToInstance(type, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return { value, errors: errors.length ? flatten(errors) : null };
}

/** A form value that may be repeated (checkboxes) as a list. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A single form or query value, or undefined when empty. */
export function textOf(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}
