import {
  BadRequestException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';

import type { FileType } from './file-type-sniffer';

/** "5 MB", "1.5 MB", "300 KB", "12 bytes" (binary multiples, as file managers show). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 10) / 10;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

function listOf(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export class FileTooLargeException extends PayloadTooLargeException {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the ${formatBytes(maxBytes)} allowed.`);
  }
}

export class EmptyFileException extends BadRequestException {
  constructor() {
    super('The file is empty.');
  }
}

const REFUSAL_REASONS: Record<string, string> = {
  'image/svg+xml': 'SVG images can carry scripts; please send a PNG or JPEG export instead',
  'application/vnd.ms-office.macroenabled':
    'files with macros can run code; please save it without macros',
};

export class FileTypeNotAcceptedException extends UnsupportedMediaTypeException {
  constructor(
    readonly detected: FileType | undefined,
    accepted: readonly FileType[],
  ) {
    const what = detected
      ? `${detected.label}${REFUSAL_REASONS[detected.mime] ? ` (${REFUSAL_REASONS[detected.mime]})` : ''}`
      : 'its content is not a format we recognise';
    super(
      `This type of file is not accepted: ${what}. Accepted: ${listOf(accepted.map((t) => t.label))}.`,
    );
  }
}

export class UnreadableImageException extends UnprocessableEntityException {
  constructor(reason: 'damaged' | 'too-many-pixels', maxPixels: number) {
    super(
      reason === 'damaged'
        ? 'The image cannot be read; it may be damaged. Please try another file.'
        : `The image is too large: at most ${Math.floor(maxPixels / 1_000_000)} megapixels are accepted.`,
    );
  }
}
