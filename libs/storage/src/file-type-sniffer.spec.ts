import { crc32 } from 'node:zlib';

import sharp from 'sharp';

import { FILE_TYPES, sniffFileType } from './file-type-sniffer';

/** A ZIP archive with stored (uncompressed) entries, as office suites write `mimetype`. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ooxml = (main: string) =>
  zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', [main]: '<x/>' });
const odf = (mime: string) =>
  zip({ mimetype: mime, 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '' });

const image = (format: 'png' | 'jpeg' | 'gif' | 'webp') =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
    .toFormat(format)
    .toBuffer();

describe('sniffFileType', () => {
  it.each(['png', 'jpeg', 'gif', 'webp'] as const)('recognises a real %s image', async (format) => {
    expect(sniffFileType(await image(format))?.mime).toBe(`image/${format}`);
  });

  it('recognises PDF from its header', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'))).toBe(
      FILE_TYPES.pdf,
    );
  });

  it('tells Word, Excel and PowerPoint files apart by their parts', () => {
    expect(sniffFileType(ooxml('word/document.xml'))).toBe(FILE_TYPES.docx);
    expect(sniffFileType(ooxml('xl/workbook.xml'))).toBe(FILE_TYPES.xlsx);
    expect(sniffFileType(ooxml('ppt/presentation.xml'))).toBe(FILE_TYPES.pptx);
  });

  it('reads the declared type of OpenDocument files', () => {
    expect(sniffFileType(odf('application/vnd.oasis.opendocument.text'))).toBe(FILE_TYPES.odt);
    expect(sniffFileType(odf('application/vnd.oasis.opendocument.spreadsheet'))).toBe(
      FILE_TYPES.ods,
    );
  });

  it('calls Office files with macros, other archives and broken archives what they are', () => {
    const withMacros = zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': '<x/>',
      'word/vbaProject.bin': 'VBA',
    });
    expect(sniffFileType(withMacros)).toBe(FILE_TYPES.officeMacros);
    expect(sniffFileType(zip({ 'notes.txt': 'hello' }))).toBe(FILE_TYPES.zip);
    expect(sniffFileType(Buffer.from('PK\x03\x04 truncated', 'latin1'))).toBe(FILE_TYPES.zip);
  });

  it('recognises SVG, with or without an XML declaration, doctype or comment', () => {
    const variants = [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '\ufeff<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg viewBox="0 0 1 1"/>',
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg/>',
    ];
    for (const svg of variants) expect(sniffFileType(Buffer.from(svg))).toBe(FILE_TYPES.svg);
  });

  it('recognises HTML, which must never pass as plain text', () => {
    for (const html of [
      '<!DOCTYPE html><html><body>x</body></html>',
      '<html><script>alert(1)</script></html>',
      '<div>hi</div><script>alert(1)</script>',
    ]) {
      expect(sniffFileType(Buffer.from(html))).toBe(FILE_TYPES.html);
    }
  });

  it('tells a table from prose', () => {
    expect(sniffFileType(Buffer.from('id,title,votes\n1,"Parc, nord",12\n2,Piste,30\n'))).toBe(
      FILE_TYPES.csv,
    );
    expect(sniffFileType(Buffer.from('id;titre\r\n1;Parc\r\n2;Piste\r\n'))).toBe(FILE_TYPES.csv);
    expect(sniffFileType(Buffer.from('Dear council,\nplease fix the lights, thanks.\n'))).toBe(
      FILE_TYPES.txt,
    );
    expect(sniffFileType(Buffer.from('Réunion publique à 18 h — entrée libre.'))).toBe(
      FILE_TYPES.txt,
    );
  });

  it('knows nothing of random bytes, Latin-1 text or empty files', () => {
    expect(sniffFileType(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]))).toBeUndefined();
    expect(sniffFileType(Buffer.from('caf\xe9', 'latin1'))).toBeUndefined();
    expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
  });

  it('names common refused types', () => {
    expect(sniffFileType(Buffer.from('MZ\x90\x00', 'latin1'))).toBe(FILE_TYPES.executable);
    expect(sniffFileType(Buffer.from('\x7fELF\x02\x01', 'latin1'))).toBe(FILE_TYPES.executable);
    expect(sniffFileType(Buffer.from('BM6\x00\x00\x00', 'latin1'))).toBe(FILE_TYPES.bmp);
    expect(sniffFileType(Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1'))).toBe(FILE_TYPES.heic);
  });
});
