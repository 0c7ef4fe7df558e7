/**
 * What a file is, told from its bytes only (never its name). Covers the types
 * Plaza accepts and the usual ones it refuses, so a refusal can say what the
 * file was. The `file-type` package would do the binary part, but it is
 * ESM-only (Jest runs CommonJS here) and does not recognise text formats.
 */
export type FileKind = 'image' | 'document' | 'text' | 'other';

export interface FileType {
  mime: string;
  /** Extension used in storage keys and download names. */
  ext: string;
  /** For people: "PNG image", "Word document". */
  label: string;
  kind: FileKind;
}

const t = (mime: string, ext: string, label: string, kind: FileKind): FileType => ({
  mime,
  ext,
  label,
  kind,
});

export const FILE_TYPES = {
  png: t('image/png', 'png', 'PNG image', 'image'),
  jpeg: t('image/jpeg', 'jpg', 'JPEG image', 'image'),
  gif: t('image/gif', 'gif', 'GIF image', 'image'),
  webp: t('image/webp', 'webp', 'WebP image', 'image'),
  svg: t('image/svg+xml', 'svg', 'SVG image', 'image'),
  pdf: t('application/pdf', 'pdf', 'PDF document', 'document'),
  docx: t(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'docx',
    'Word document',
    'document',
  ),
  xlsx: t(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'xlsx',
    'Excel spreadsheet',
    'document',
  ),
  pptx: t(
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'pptx',
    'PowerPoint presentation',
    'document',
  ),
  odt: t('application/vnd.oasis.opendocument.text', 'odt', 'OpenDocument text', 'document'),
  ods: t(
    'application/vnd.oasis.opendocument.spreadsheet',
    'ods',
    'OpenDocument spreadsheet',
    'document',
  ),
  odp: t(
    'application/vnd.oasis.opendocument.presentation',
    'odp',
    'OpenDocument presentation',
    'document',
  ),
  csv: t('text/csv', 'csv', 'CSV table', 'text'),
  txt: t('text/plain', 'txt', 'plain text', 'text'),
  // Recognised so a refusal can name them; not accepted by default.
  officeMacros: t(
    'application/vnd.ms-office.macroenabled',
    'bin',
    'Office file with macros',
    'other',
  ),
  zip: t('application/zip', 'zip', 'ZIP archive', 'other'),
  html: t('text/html', 'html', 'web page (HTML)', 'other'),
  xml: t('application/xml', 'xml', 'XML document', 'other'),
  bmp: t('image/bmp', 'bmp', 'BMP image', 'other'),
  tiff: t('image/tiff', 'tif', 'TIFF image', 'other'),
  heic: t('image/heic', 'heic', 'HEIC image', 'other'),
  executable: t('application/x-executable', 'bin', 'program', 'other'),
} as const;

export type KnownFileType = keyof typeof FILE_TYPES;

const ODF_TYPES: Record<string, FileType> = {
  [FILE_TYPES.odt.mime]: FILE_TYPES.odt,
  [FILE_TYPES.ods.mime]: FILE_TYPES.ods,
  [FILE_TYPES.odp.mime]: FILE_TYPES.odp,
};

const startsWith = (bytes: Buffer, signature: string, offset = 0): boolean =>
  bytes.subarray(offset, offset + signature.length).equals(Buffer.from(signature, 'latin1'));

/** The type of `bytes` (the whole file), or undefined when it is none Plaza knows. */
export function sniffFileType(bytes: Buffer): FileType | undefined {
  if (startsWith(bytes, '\x89PNG\r\n\x1a\n')) return FILE_TYPES.png;
  if (startsWith(bytes, '\xff\xd8\xff')) return FILE_TYPES.jpeg;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return FILE_TYPES.gif;
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return FILE_TYPES.webp;
  if (startsWith(bytes, '%PDF-')) return FILE_TYPES.pdf;
  if (startsWith(bytes, 'PK\x03\x04')) return sniffZip(bytes);
  if (startsWith(bytes, 'BM')) return FILE_TYPES.bmp;
  if (startsWith(bytes, 'II*\x00') || startsWith(bytes, 'MM\x00*')) return FILE_TYPES.tiff;
  if (
    startsWith(bytes, 'ftyp', 4) &&
    /^(heic|heix|mif1|hevc)/.test(bytes.toString('latin1', 8, 12))
  )
    return FILE_TYPES.heic;
  if (startsWith(bytes, 'MZ') || startsWith(bytes, '\x7fELF')) return FILE_TYPES.executable;
  return sniffText(bytes);
}

// ZIP: read the central directory (names only, nothing is decompressed).

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_ENTRIES = 10_000;

function zipEntries(bytes: Buffer): ZipEntry[] | undefined {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= earliest; i -= 1) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) return undefined;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_HEADER) {
      return undefined;
    }
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    entries.push({
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes when stored uncompressed (as ODF requires for `mimetype`). */
function storedContent(bytes: Buffer, entry: ZipEntry): string | undefined {
  const at = entry.localHeaderOffset;
  if (entry.method !== 0 || at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) {
    return undefined;
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) return undefined;
  return bytes.toString('latin1', start, start + entry.compressedSize);
}

function sniffZip(bytes: Buffer): FileType {
  const entries = zipEntries(bytes);
  if (!entries) return FILE_TYPES.zip;
  const names = new Set(entries.map((e) => e.name));
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return FILE_TYPES.officeMacros;
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return FILE_TYPES.docx;
    if (names.has('xl/workbook.xml')) return FILE_TYPES.xlsx;
    if (names.has('ppt/presentation.xml')) return FILE_TYPES.pptx;
  }
  const mimetype = entries.find((e) => e.name === 'mimetype');
  const declared = mimetype && storedContent(bytes, mimetype)?.trim();
  if (declared && ODF_TYPES[declared] && names.has('content.xml')) return ODF_TYPES[declared];
  return FILE_TYPES.zip;
}

// Text: valid UTF-8 without control characters, then markup or table or prose.

const HEAD_CHARS = 4096;
// eslint-disable-next-line no-control-regex -- text files must not hold these
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;

function sniffText(bytes: Buffer): FileType | undefined {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  if (CONTROL.test(text)) return undefined;
  const head = text.slice(0, HEAD_CHARS).replace(/^\ufeff/, '');
  const markup = head
    .replace(/^\s*(<\?xml[\s\S]*?\?>)?/i, '')
    .replace(/^(\s*(<!--[\s\S]*?-->|<!doctype\s+svg[^>]*>))*/i, '')
    .trimStart();
  if (/^<svg[\s/>]/i.test(markup)) return FILE_TYPES.svg;
  if (/^<(!doctype\s+html|html|head|body|script|iframe)[\s>]/i.test(markup)) return FILE_TYPES.html;
  if (/^<\?xml/i.test(head.trimStart()) || /^<[a-z]/i.test(markup)) {
    // An XML document or a fragment of markup: could be HTML or SVG further in.
    if (/<(script|iframe|html|body)[\s/>]/i.test(head)) return FILE_TYPES.html;
    return /<svg[\s/>]/i.test(head) ? FILE_TYPES.svg : FILE_TYPES.xml;
  }
  return looksLikeCsv(head, text.length > HEAD_CHARS) ? FILE_TYPES.csv : FILE_TYPES.txt;
}

/** Two or more lines that all hold the same, non-zero number of one separator. */
function looksLikeCsv(head: string, truncated: boolean): boolean {
  const lines = head.split(/\r?\n/);
  // A line cut by the 4 KiB window would miscount.
  if (truncated) lines.pop();
  const complete = lines.filter((l) => l.trim() !== '').slice(0, 20);
  if (complete.length < 2) return false;
  return [',', ';', '\t'].some((separator) => {
    const counts = complete.map((l) => countOutsideQuotes(l, separator));
    // Commas each followed by a space are punctuation of prose, not separators.
    const prose = separator === ',' && complete.every((l) => !/,(?! |$)/.test(l));
    return !prose && counts[0] > 0 && counts.every((c) => c === counts[0]);
  });
}

function countOutsideQuotes(line: string, separator: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) count += 1;
  }
  return count;
}
