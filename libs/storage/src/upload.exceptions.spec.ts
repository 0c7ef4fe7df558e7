import { FILE_TYPES } from './file-type-sniffer';
import {
  FileTooLargeException,
  FileTypeNotAcceptedException,
  formatBytes,
} from './upload.exceptions';

describe('upload errors', () => {
  it('write sizes as people read them', () => {
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(1)).toBe('1 byte');
  });

  it('say what was too large and what is accepted', () => {
    expect(new FileTooLargeException(5 * 1024 * 1024).message).toBe(
      'The file is larger than the 5 MB allowed.',
    );
    expect(
      new FileTypeNotAcceptedException(FILE_TYPES.svg, [FILE_TYPES.png, FILE_TYPES.jpeg]).message,
    ).toBe(
      'This type of file is not accepted: SVG image (SVG images can carry scripts; please send a PNG or JPEG export instead). Accepted: PNG image or JPEG image.',
    );
    expect(
      new FileTypeNotAcceptedException(undefined, [FILE_TYPES.pdf, FILE_TYPES.docx, FILE_TYPES.odt])
        .message,
    ).toBe(
      'This type of file is not accepted: its content is not a format we recognise. Accepted: PDF document, Word document or OpenDocument text.',
    );
  });
});
