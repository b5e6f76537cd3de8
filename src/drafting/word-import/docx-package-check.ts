import { strFromU8, unzipSync } from 'fflate';
import { CodedReason } from '../../court/catalogue';
import { DraftingErrorCode } from '../drafting.exception';
import { draftingReasons } from '../drafting-reasons';

/**
 * What a file must be before a converter reads it: a zip package with a Word document inside,
 * whose declared sizes unpack to a reasonable amount. Read from the zip's own directory (fflate),
 * before anything is inflated, so a zip bomb is refused without being unpacked; the few parts
 * read here (the document and its comments) are inflated only once their sizes passed.
 */

/** All parts of a package together, unpacked. A 10 MB Word file of text unpacks to far less. */
export const UNPACKED_LIMIT_BYTES = 200 * 1024 * 1024;
/** A Word document has a few dozen parts; thousands are a crafted file. */
export const PARTS_LIMIT = 2000;
/** Compression beyond this ratio on a large part is a bomb, not XML (XML compresses about 10:1). */
const RATIO_LIMIT = 200;
const RATIO_CHECKED_FROM_BYTES = 10 * 1024 * 1024;

export type PackageRefusal = { status: 400 | 413 | 415; reason: CodedReason<DraftingErrorCode> };

export interface PackageFacts {
  /** `w:ins` / `w:del` elements in the main document. */
  trackedChanges: boolean;
  /** Word comments in the file. */
  comments: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
/** OLE2 compound file: an old .doc, or a password-protected .docx (Word encrypts into one). */
const COMPOUND_FILE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAIN_DOCUMENT = 'word/document.xml';
const COMMENTS = 'word/comments.xml';

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function refusal(
  status: PackageRefusal['status'],
  reason: CodedReason<DraftingErrorCode>,
): PackageRefusal {
  return { status, reason };
}

/** A compound file holding the streams Word writes when it encrypts a document. */
function isEncryptedPackage(bytes: Buffer): boolean {
  const name = (s: string) => Buffer.from(s, 'utf16le');
  return bytes.includes(name('EncryptionInfo')) || bytes.includes(name('EncryptedPackage'));
}

export function checkDocxPackage(bytes: Buffer): PackageRefusal | PackageFacts {
  if (startsWith(bytes, COMPOUND_FILE_MAGIC)) {
    return isEncryptedPackage(bytes)
      ? refusal(400, draftingReasons.encrypted())
      : refusal(415, draftingReasons.legacyDoc());
  }
  if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    return refusal(415, draftingReasons.notDocx());
  }
  let parts = 0;
  let unpacked = 0;
  let bomb: PackageRefusal | null = null;
  let hasDocument = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      filter: (file) => {
        parts += 1;
        unpacked += file.originalSize;
        if (file.name === MAIN_DOCUMENT) hasDocument = true;
        if (parts > PARTS_LIMIT) bomb ??= refusal(400, draftingReasons.tooManyParts(PARTS_LIMIT));
        const ratio = file.originalSize / Math.max(file.size, 1);
        if (
          unpacked > UNPACKED_LIMIT_BYTES ||
          (file.originalSize > RATIO_CHECKED_FROM_BYTES && ratio > RATIO_LIMIT)
        ) {
          bomb ??= refusal(413, draftingReasons.tooLargeUnpacked(UNPACKED_LIMIT_BYTES / 2 ** 20));
        }
        // Nothing is inflated once the package is refused, nor any part but the two read here.
        return bomb === null && (file.name === MAIN_DOCUMENT || file.name === COMMENTS);
      },
    });
  } catch {
    return bomb ?? refusal(400, draftingReasons.corrupt());
  }
  if (bomb) return bomb;
  if (!hasDocument) return refusal(415, draftingReasons.notDocx());
  const documentXml = files[MAIN_DOCUMENT];
  if (!documentXml || documentXml.length === 0) return refusal(400, draftingReasons.corrupt());
  const xml = strFromU8(documentXml);
  const commentsXml = files[COMMENTS] ? strFromU8(files[COMMENTS]) : '';
  return {
    trackedChanges: /<w:(?:ins|del|moveFrom|moveTo)\b/.test(xml),
    comments: (commentsXml.match(/<w:comment\b/g) ?? []).length,
  };
}

export function isRefusal(result: PackageRefusal | PackageFacts): result is PackageRefusal {
  return 'reason' in result;
}
