import { Document, Packer } from 'docx';
import { strFromU8, strToU8, unzipSync, Zip, ZipInputFile, Zippable, zipSync } from 'fflate';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { FONT_TABLE_XML } from './docx-style';

/**
 * Packs a document so that the same record gives the same bytes: a file can then be matched to the
 * record by its own SHA-256. docx writes the clock into two places, the core properties'
 * `dcterms:created`/`dcterms:modified` and every zip entry's modification time; both are set from
 * the record's dates here. Also writes the shared font table (fonts and the Lao fallback).
 */
export interface DocxDates {
  /** The record's own date (a version's publication), written as `dcterms:created`. */
  created: Date;
  /** Its last change (an adoption), written as `dcterms:modified`; default: `created`. */
  modified?: Date;
}

export interface PackOptions extends DocxDates {
  /**
   * Rewrites `word/document.xml` before packing, as pieces written one after another: where a
   * large, regular part written as text (src/formats/docx-xml.ts) joins the part docx built. The
   * pieces are compressed as they come (zlib, on libuv's threads), never held as one string.
   */
  documentXml?: (xml: string) => Iterable<string>;
}

const LEVEL = 6;

const toU8 = (bytes: Buffer) =>
  new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);

/** A zip entry whose bytes are deflated by zlib and handed to fflate's streaming Zip. */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  size = 0;
  crc = 0;
  ondata?: ZipInputFile['ondata'];
  constructor(
    readonly filename: string,
    readonly mtime: Date,
  ) {}

  /** The whole entry at once (the small parts of a package). */
  whole(data: Uint8Array): void {
    this.size = data.length;
    this.crc = crc32(data);
    this.ondata!(null, toU8(deflateRawSync(data, { level: LEVEL })), true);
  }

  /** The entry piece by piece, compressed as it streams; resolves once the entry is written. */
  async pieces(texts: Iterable<string>): Promise<void> {
    const deflate = createDeflateRaw({ level: LEVEL });
    deflate.on('data', (chunk: Buffer) => this.ondata!(null, toU8(chunk), false));
    const ended = once(deflate, 'end');
    // Gather pieces into writes of about a megabyte: fewer, larger trips to zlib's thread.
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async () => {
      const bytes = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      this.size += bytes.length;
      this.crc = crc32(bytes, this.crc);
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    };
    for (const text of texts) {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 1 << 20) await flush();
    }
    await flush();
    deflate.end();
    await ended;
    this.ondata!(null, new Uint8Array(0), true);
  }
}

/** Zips entries in order, the document's XML from its pieces, the others whole. */
async function zipStreaming(
  files: Record<string, Uint8Array>,
  mtime: Date,
  document: { name: string; pieces: Iterable<string> },
): Promise<Buffer> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = new DeflatedEntry(name, mtime);
    zip.add(entry);
    if (name === document.name) await entry.pieces(document.pieces);
    else entry.whole(data);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(out);
}

/** `dcterms:W3CDTF` to the second, in UTC, as Word writes it. */
function w3cdtf(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A zip entry's date is a local wall-clock time (MS-DOS format); fflate reads it through the
 * process's time zone. A Date whose local fields are the record's UTC fields gives the same bytes
 * in every time zone. MS-DOS dates start in 1980.
 */
function zipEntryTime(moment: Date): Date {
  const year = Math.min(2107, Math.max(1980, moment.getUTCFullYear()));
  return new Date(
    year,
    moment.getUTCMonth(),
    moment.getUTCDate(),
    moment.getUTCHours(),
    moment.getUTCMinutes(),
    moment.getUTCSeconds(),
  );
}

function withRecordDates(coreXml: string, dates: DocxDates): string {
  const set = (xml: string, name: string, moment: Date) =>
    xml.replace(new RegExp(`(<${name}\\b[^>]*>)[^<]*(</${name}>)`), `$1${w3cdtf(moment)}$2`);
  const created = set(coreXml, 'dcterms:created', dates.created);
  return set(created, 'dcterms:modified', dates.modified ?? dates.created);
}

export async function packDocx(document: Document, dates: PackOptions): Promise<Buffer> {
  const packed = await Packer.toBuffer(document, false, [
    { path: 'word/fontTable.xml', data: FONT_TABLE_XML },
  ]);
  const files = unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  const core = files['docProps/core.xml'];
  if (core) files['docProps/core.xml'] = strToU8(withRecordDates(strFromU8(core), dates));
  const mtime = zipEntryTime(dates.created);
  const body = files['word/document.xml'];
  if (dates.documentXml && body) {
    return zipStreaming(files, mtime, {
      name: 'word/document.xml',
      pieces: dates.documentXml(strFromU8(body)),
    });
  }
  const entries: Zippable = {};
  // Same entries in the same order ([Content_Types].xml first), each with the record's date.
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { mtime, level: 6 }];
  const zipped = zipSync(entries);
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
