import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** Files as an agency would send them: a real (small) PDF, PNG and JPEG, and ones that only look so. */

/** A one-page PDF whose content stream holds `padding` random bytes (binary, as scans are). */
export function pdfLetter(padding = 2_000): Buffer {
  const noise = randomBytes(padding);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (piece: string | Buffer) => {
    const b = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
    parts.push(b);
    length += b.length;
  };
  add('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const object = (n: number, body: string | Buffer[]) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    if (typeof body === 'string') add(body);
    else body.forEach(add);
    add('\nendobj\n');
  };
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>');
  object(4, [
    Buffer.from(`<< /Length ${noise.length} >>\nstream\n`),
    noise,
    Buffer.from('\nendstream'),
  ]);
  const xref = length;
  add(`xref\n0 5\n0000000000 65535 f \n`);
  for (let n = 1; n <= 4; n++) add(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  add(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** A PDF of exactly `size` bytes. */
export function pdfLetterOfSize(size: number): Buffer {
  let padding = size - pdfLetter(0).length;
  for (;;) {
    // The stream's /Length grows by a digit now and then: adjust until the size is met.
    const letter = pdfLetter(padding);
    if (letter.length === size) return letter;
    padding += size - letter.length;
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of `width` × `height` noisy pixels (a scan of a letter, as far as a type check goes). */
export function pngLetter(width = 64, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++)
    rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG, some entropy-coded bytes and the end-of-image marker. */
export function jpegLetter(): Buffer {
  return Buffer.concat([
    Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00,
      0x01, 0x00, 0x01, 0x00, 0x00,
    ]),
    randomBytes(3_000).map((b) => (b === 0xff ? 0xfe : b)),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A text file, as someone would rename to `letter.pdf`. */
export function textPretendingToBePdf(): Buffer {
  return Buffer.from('Ministry of Labour: we approve the guideline.\nSigned, the Director.\n');
}
