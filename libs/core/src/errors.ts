import { isDeepStrictEqual } from 'node:util';

import {
  ArgumentMetadata,
  BadRequestException,
  HttpException,
  HttpStatus,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

/** The one error shape every JSON endpoint answers. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
  requestId?: string;
}

export class FieldsException extends BadRequestException {
  constructor(
    message: string,
    readonly fields: Record<string, string[]>,
  ) {
    super(message);
  }
}

function flatten(
  errors: ValidationError[],
  prefix = '',
  into: Record<string, string[]> = {},
): Record<string, string[]> {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints);
    if (error.children?.length) flatten(error.children, path, into);
  }
  return into;
}

/**
 * A hand-written parser of a DTO that a hot route receives: the instance when the input is
 * plainly valid, `undefined` to leave the input (and the wording of any error) to
 * class-validator. It must accept only what class-validator accepts and return what it would.
 */
export type QuickParse<T> = (input: unknown) => T | undefined;

const quickParsers = new Map<abstract new () => unknown, QuickParse<unknown>>();

/** Registers `parse` as the fast path of `type` in the global validation pipe. */
export function registerQuickParse<T>(type: new () => T, parse: QuickParse<T>): void {
  quickParsers.set(type, parse);
}

/** Tests check every quick result against class-validator's, so a parser that drifts fails loudly. */
const VERIFY_QUICK = process.env.NODE_ENV === 'test';

class PlazaValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const quick = metadata.metatype
      ? quickParsers.get(metadata.metatype as abstract new () => unknown)
      : undefined;
    const parsed = quick?.(value);
    if (parsed === undefined) return super.transform(value, metadata);
    if (VERIFY_QUICK) {
      const checked: unknown = await super.transform(value, metadata);
      if (!isDeepStrictEqual(parsed, checked))
        throw new Error(`quick parse of ${metadata.metatype?.name} differs from class-validator`);
    }
    return parsed;
  }
}

/** Whitelisting validation with field errors in the shared error shape. */
export function createValidationPipe(): ValidationPipe {
  return new PlazaValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new FieldsException('Some fields are not valid.', flatten(errors)),
  });
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const error = HttpStatus[status] ? titleCase(HttpStatus[status]) : 'Error';
    let message = exception.message;
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    const body: ErrorBody = { statusCode: status, error, message };
    const fields = fieldsOf(exception) ?? fieldsOf(response);
    if (fields) body.fields = fields;
    return body;
  }
  if (isBodyParseError(exception)) {
    return {
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON.',
    };
  }
  const status = httpStatusOf(exception);
  if (status && status >= 400 && status < 500) {
    return {
      statusCode: status,
      error: titleCase(HttpStatus[status] ?? 'Bad Request'),
      message: (exception as Error).message,
    };
  }
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'Something went wrong on our side. Please try again.',
  };
}

/** Field errors carried by an exception or its response body (`{ message, fields }`). */
function fieldsOf(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || !('fields' in value)) return undefined;
  const fields = (value as { fields: unknown }).fields;
  return typeof fields === 'object' && fields !== null
    ? (fields as Record<string, string[]>)
    : undefined;
}

function httpStatusOf(exception: unknown): number | undefined {
  if (typeof exception === 'object' && exception !== null && 'statusCode' in exception) {
    const code = (exception as { statusCode: unknown }).statusCode;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

function isBodyParseError(exception: unknown): boolean {
  return (
    typeof exception === 'object' &&
    exception !== null &&
    'code' in exception &&
    (exception as { code: unknown }).code === 'FST_ERR_CTP_INVALID_JSON_BODY'
  );
}

function titleCase(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
