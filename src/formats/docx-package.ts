import { Document, Packer } from 'docx';
import { strFromU8, strToU8, unzipSync, Zippable, zipSync } from 'fflate';
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

export async function packDocx(document: Document, dates: DocxDates): Promise<Buffer> {
  const packed = await Packer.toBuffer(document, false, [
    { path: 'word/fontTable.xml', data: FONT_TABLE_XML },
  ]);
  const files = unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  const core = files['docProps/core.xml'];
  if (core) files['docProps/core.xml'] = strToU8(withRecordDates(strFromU8(core), dates));
  const mtime = zipEntryTime(dates.created);
  const entries: Zippable = {};
  // Same entries in the same order ([Content_Types].xml first), each with the record's date.
  for (const [name, data] of Object.entries(files)) entries[name] = [data, { mtime, level: 6 }];
  const zipped = zipSync(entries);
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
