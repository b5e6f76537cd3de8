import { webcrypto } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { detail } from '../common/app-error';
import { ReviewErrorCode, ReviewException } from './review.exception';
import { UPLOAD_MAX_BYTES, Upload } from '../common/upload';

/**
 * The agency's signed letter attached to an answer: what is accepted, decided by the file's own
 * bytes (its name and declared type say nothing the sender cannot choose).
 */

/** The form field that carries the letter. */
export const LETTER_FIELD = 'letter';
/** PDF, or a scan as JPEG or PNG. */
export const LETTER_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type LetterMediaType = (typeof LETTER_MEDIA_TYPES)[number];
export const LETTER_MAX_BYTES = UPLOAD_MAX_BYTES;

const EXTENSION: Record<LetterMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/**
 * How each kind of file ends when it is whole. A reader looks for these marks near the end (a
 * PDF reader within its last 1,024 bytes), and some writers add padding after them, so they are
 * looked for in the last 1,024 bytes, not at the very last byte.
 */
const END_MARK: Record<LetterMediaType, Buffer> = {
  'application/pdf': Buffer.from('%%EOF'),
  // PNG's IEND chunk: its length (0), its type and its CRC.
  'image/png': Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  // JPEG's end-of-image marker.
  'image/jpeg': Buffer.from([0xff, 0xd9]),
};
const END_WINDOW = 1024;

export interface CheckedLetter {
  content: Buffer;
  mediaType: LetterMediaType;
  /** The name on the sender's computer, cleaned for display (never used as the download's name). */
  fileName: string;
  size: number;
  /** SHA-256 of the content, 32 bytes. */
  sha256: Buffer;
}

/** The file extension of a letter of this type (the download is named by it, not by the sender). */
export function letterExtension(mediaType: LetterMediaType): string {
  return EXTENSION[mediaType];
}

export function isLetterMediaType(value: string): value is LetterMediaType {
  return (LETTER_MEDIA_TYPES as readonly string[]).includes(value);
}

/**
 * Accepts a PDF, JPEG or PNG, whole and not empty, as its bytes say; refuses anything else in the
 * caller's language: another type 415, an empty or cut-off file 400.
 */
export async function checkLetter(upload: Upload): Promise<CheckedLetter> {
  if (upload.content.length === 0) {
    throw refusal(ReviewErrorCode.LETTER_EMPTY);
  }
  if (upload.content.length > LETTER_MAX_BYTES) {
    // The upload's own bound answers 413 first; this keeps the rule whole where it is used.
    throw refusal(ReviewErrorCode.LETTER_TOO_LARGE);
  }
  const detected = (await fileTypeFromBuffer(upload.content))?.mime ?? '';
  if (!isLetterMediaType(detected)) {
    throw refusal(ReviewErrorCode.LETTER_TYPE);
  }
  const tail = upload.content.subarray(Math.max(0, upload.content.length - END_WINDOW));
  if (!tail.includes(END_MARK[detected])) {
    throw refusal(ReviewErrorCode.LETTER_INCOMPLETE);
  }
  // Hashed on libuv's threads: ten megabytes would otherwise hold the event loop.
  const sha256 = Buffer.from(await webcrypto.subtle.digest('SHA-256', upload.content));
  return {
    content: upload.content,
    mediaType: detected,
    fileName: displayName(upload.fileName, detected),
    size: upload.content.length,
    sha256,
  };
}

/**
 * The sender's file name as it may be shown: without a path, without control characters, at most
 * 255 characters; a letter sent as the raw body has none, and gets one from its type.
 */
function displayName(sent: string | null, mediaType: LetterMediaType): string {
  const base = (sent ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  const name = base || `letter.${EXTENSION[mediaType]}`;
  return Array.from(name).slice(0, 255).join('');
}

function refusal(code: ReviewErrorCode): ReviewException {
  return new ReviewException(code, {}, [detail(code, {}, { field: LETTER_FIELD, code })]);
}
