import { HttpException, HttpStatus } from '@nestjs/common';

/** An error that can say what went wrong in a person's language. */
export interface LocalizedMessage {
  messageIn(locale: string): string;
}

export function isLocalized(error: unknown): error is LocalizedMessage {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Partial<LocalizedMessage>).messageIn === 'function'
  );
}

/**
 * An HTTP error whose sentence comes from a message catalog: HTML pages show it
 * in the page's language, JSON answers keep the English one (the API's contract).
 */
export class LocalizedHttpException extends HttpException implements LocalizedMessage {
  constructor(
    status: HttpStatus,
    private readonly sentence: (locale: string) => string,
  ) {
    super(sentence('en'), status);
  }

  messageIn(locale: string): string {
    return this.sentence(locale);
  }
}
