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

export interface ImageOptions {
  /** Crops to the centre square (avatars); every size is then a square. */
  square?: boolean;
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
  options: ImageOptions = {},
): Promise<ProcessedImage> {
  const format = OUTPUT_FORMAT[type.mime];
  if (!format) throw new Error(`${type.mime} is not an image Plaza re-encodes`);
  // A square keeps the first frame only: avatars do not move.
  const animated = !options.square && (format === 'gif' || format === 'webp');
  let side = 0;
  if (options.square) {
    const meta = await sharp(input, { limitInputPixels: maxPixels })
      .metadata()
      .catch(() => {
        throw new UnreadableImageError('damaged');
      });
    side = Math.min(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0);
    if (!side) throw new UnreadableImageError('damaged');
  }
  const decode = (): Sharp =>
    sharp(input, { animated, limitInputPixels: maxPixels, failOn: 'error' }).autoOrient();
  // One resize per pipeline (sharp keeps the last): the centre square at the wanted size.
  const square = (size: number): Sharp =>
    decode().resize({ width: size, height: size, fit: 'cover', position: 'centre' });

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

  const full = options.square ? square(side) : decode();
  const original = await encode(
    format === 'jpeg' ? full.jpeg({ quality: 90, mozjpeg: true }) : full.toFormat(format),
    type,
  );
  const variants = {} as Record<ImageVariantName, EncodedImage>;
  for (const [name, width] of Object.entries(IMAGE_VARIANTS) as [ImageVariantName, number][]) {
    variants[name] = await encode(
      (options.square
        ? square(Math.min(width, side))
        : decode().resize({ width, withoutEnlargement: true })
      ).webp({ quality: 82 }),
      FILE_TYPES.webp,
    );
  }
  return { original, variants };
}
