import sharp from 'sharp';

import { FILE_TYPES } from './file-type-sniffer';
import { processImage, UnreadableImageError } from './image-processor';

/** A photo as a phone writes it: stored sideways with orientation 6, GPS position and camera. */
async function phonePhoto(width = 2000, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PlazaPhone', Model: 'P1', Copyright: 'Jane Citizen' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 37/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '3/1 3/1 4321/100',
      },
    })
    .toBuffer();
}

describe('processImage', () => {
  it('strips EXIF (GPS included) and turns the photo upright', async () => {
    const input = await phonePhoto();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('PlazaPhone');
    expect(before.orientation).toBe(6);

    const sut = await processImage(input, FILE_TYPES.jpeg);

    const after = await sharp(sut.original.data).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(sut.original.data.toString('latin1')).not.toContain('PlazaPhone');
    // Stored 2000×1000 and rotated by its orientation tag: 1000 wide, 2000 high.
    expect([after.width, after.height]).toEqual([1000, 2000]);
    expect([sut.original.width, sut.original.height]).toEqual([1000, 2000]);
  });

  it('makes a 320 px thumbnail and a 1600 px large copy as WebP, without metadata', async () => {
    const sut = await processImage(await phonePhoto(4000, 2000), FILE_TYPES.jpeg);
    for (const [variant, width] of [
      ['thumbnail', 320],
      ['large', 1600],
    ] as const) {
      const meta = await sharp(sut.variants[variant].data).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBe(width);
      expect(meta.height).toBe(width * 2);
      expect(meta.exif).toBeUndefined();
      expect(sut.variants[variant].type).toBe(FILE_TYPES.webp);
    }
  });

  it('never enlarges a small image', async () => {
    const small = await sharp({
      create: { width: 100, height: 50, channels: 4, background: '#0000' },
    })
      .png()
      .toBuffer();
    const sut = await processImage(small, FILE_TYPES.png);
    expect((await sharp(sut.original.data).metadata()).format).toBe('png');
    expect([sut.variants.thumbnail.width, sut.variants.large.width]).toEqual([100, 100]);
  });

  it('drops whatever was appended after the image data', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const polyglot = Buffer.concat([png, Buffer.from('<script>alert(1)</script>')]);
    const sut = await processImage(polyglot, FILE_TYPES.png);
    expect(sut.original.data.toString('latin1')).not.toContain('<script>');
  });

  it('refuses damaged images and decompression bombs', async () => {
    const damaged = Buffer.from('\x89PNG\r\n\x1a\n this is not a png', 'latin1');
    await expect(processImage(damaged, FILE_TYPES.png)).rejects.toEqual(
      new UnreadableImageError('damaged'),
    );
    await expect(processImage(await phonePhoto(), FILE_TYPES.jpeg, 1_000_000)).rejects.toEqual(
      new UnreadableImageError('too-many-pixels'),
    );
  });

  it('crops to the centre square when asked (avatars), upright, every size a square', async () => {
    const sut = await processImage(await phonePhoto(2000, 1000), FILE_TYPES.jpeg, undefined, {
      square: true,
    });

    expect([sut.original.width, sut.original.height]).toEqual([1000, 1000]);
    expect(await sharp(sut.original.data).metadata()).toMatchObject({ width: 1000, height: 1000 });
    expect([sut.variants.thumbnail.width, sut.variants.thumbnail.height]).toEqual([320, 320]);
    expect([sut.variants.large.width, sut.variants.large.height]).toEqual([1000, 1000]);
  });
});
