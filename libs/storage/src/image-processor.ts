import sharp, { FormatEnum, Sharp } from 'sharp';

import { FILE_TYPES, FileType } from './file-type-sniffer';

export type ImageVariantName = 'thumbnail' | 'large';

/** Widths of the copies made of every image; never enlarged. */
export const IMAGE_VARIANTS: Readonly<Record<ImageVariantName, number>> = {
  thumbnail: 320,
  large: 1600,
};

/** Refuses decompression bombs: 50 megapixels is well above any phone photo. */
export const DEFAULT_MAX_IMAGE_PIXELS = 50_000_000;

export interface EncodedImage {
  data: Buffer;
  type: FileType;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The image re-encoded in its own format: upright, without any metadata. */
  original: EncodedImage;
  variants: Record<ImageVariantName, EncodedImage>;
}

export class UnreadableImageError extends Error {
  constructor(readonly reason: 'damaged' | 'too-many-pixels') {
    super(reason === 'damaged' ? 'The image cannot be decoded.' : 'The image has too many pixels.');
  }
}

const OUTPUT_FORMAT: Partial<Record<string, keyof FormatEnum>> = {
  [FILE_TYPES.png.mime]: 'png',
  [FILE_TYPES.jpeg.mime]: 'jpeg',
  [FILE_TYPES.gif.mime]: 'gif',
  [FILE_TYPES.webp.mime]: 'webp',
};

/** Image types `processImage` re-encodes (SVG is not one: it is refused, not sanitised). */
export function isProcessableImage(type: FileType): boolean {
  return OUTPUT_FORMAT[type.mime] !== undefined;
}

/**
 * Decodes the image and encodes it again, which drops everything but pixels:
 * EXIF (GPS position, camera serial), XMP, IPTC, ICC profile (converted to
 * sRGB) and anything appended after the image data. The EXIF orientation is
 * applied first so the result is upright without it.
 */
export async function processImage(
  input: Buffer,
  type: FileType,
  maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
): Promise<ProcessedImage> {
  const format = OUTPUT_FORMAT[type.mime];
  if (!format) throw new Error(`${type.mime} is not an image Plaza re-encodes`);
  const animated = format === 'gif' || format === 'webp';
  const decode = (): Sharp =>
    sharp(input, { animated, limitInputPixels: maxPixels, failOn: 'error' }).autoOrient();

  const encode = async (pipeline: Sharp, out: FileType): Promise<EncodedImage> => {
    try {
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      // For animations `info.height` is the whole strip of frames; a page is what people see.
      return { data, type: out, width: info.width, height: info.pageHeight ?? info.height };
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      throw new UnreadableImageError(/pixel limit/i.test(message) ? 'too-many-pixels' : 'damaged');
    }
  };

  const original = await encode(
    format === 'jpeg' ? decode().jpeg({ quality: 90, mozjpeg: true }) : decode().toFormat(format),
    type,
  );
  const variants = {} as Record<ImageVariantName, EncodedImage>;
  for (const [name, width] of Object.entries(IMAGE_VARIANTS) as [ImageVariantName, number][]) {
    variants[name] = await encode(
      decode().resize({ width, withoutEnlargement: true }).webp({ quality: 82 }),
      FILE_TYPES.webp,
    );
  }
  return { original, variants };
}
