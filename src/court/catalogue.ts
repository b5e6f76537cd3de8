import type { Reason } from './reason';
import type { Locale } from './roles';
import { ErrorKind } from './error-kind';

/**
 * The one catalogue of what the service says when it refuses something: every error code and
 * every sentence of an error answer (its message and its details), in Lao and English, keyed by
 * code. Rules and services hold only codes and parameters; the one exception filter picks the
 * language of the request (src/common/request-locale.ts). An entry made with `error()` is an
 * error code and names its kind (the filter maps the kind to the HTTP status); an entry made with
 * `says()` is a sentence of a detail (a validation message, a gate's reason).
 *
 * To add a code: add it here (both languages; the Lao in Lao script), then to the enum of its
 * module's `*.exception.ts`; `catalogue.spec.ts` checks every entry.
 */

/** A sentence in both languages of the court. */
export interface Texts {
  en: string;
  lo: string;
}

type Say<P> = string | ((params: P) => string);

interface Entry<P> {
  readonly kind?: ErrorKind;
  readonly en: Say<P>;
  readonly lo: Say<P>;
  /** Never set: carries the parameters' type. */
  readonly params?: P;
}

interface AnyEntry {
  readonly kind?: ErrorKind;
  readonly en: unknown;
  readonly lo: unknown;
}

interface ErrorEntry<P> extends Entry<P> {
  readonly kind: ErrorKind;
}

type NoParams = Record<string, never>;

function error<P = NoParams>(kind: ErrorKind, en: Say<P>, lo: Say<P>): ErrorEntry<P> {
  return { kind, en, lo };
}

function says<P = NoParams>(en: Say<P>, lo: Say<P>): Entry<P> {
  return { en, lo };
}

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE } = ErrorKind;
const { PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS, UNAVAILABLE } = ErrorKind;

type Property = { property: string };
type Bound = Property & { bound: number | string };
type Values = Property & { values: string };

export const CATALOGUE = {
  // ── The HTTP edge: bodies, addresses, the database, dependencies ─────────────────────────────
  BODY_TOO_LARGE: error(PAYLOAD_TOO_LARGE, 'Request body is too large', 'ຂໍ້ມູນທີ່ສົ່ງມາໃຫຍ່ເກີນໄປ'),
  BODY_NOT_JSON: error(BAD_REQUEST, 'Request body is not valid JSON', 'ຂໍ້ມູນທີ່ສົ່ງມາບໍ່ແມ່ນ JSON ທີ່ຖືກຕ້ອງ'),
  BODY_EMPTY_JSON: error(
    BAD_REQUEST,
    'Request body is empty but says it is JSON',
    'ຂໍ້ມູນທີ່ສົ່ງມາຫວ່າງເປົ່າ ແຕ່ບອກວ່າເປັນ JSON',
  ),
  BODY_LENGTH_MISMATCH: error(
    BAD_REQUEST,
    'Request body size did not match its Content-Length',
    'ຂະໜາດຂອງຂໍ້ມູນທີ່ສົ່ງມາບໍ່ກົງກັບ Content-Length',
  ),
  BODY_NOT_READABLE: error(BAD_REQUEST, 'The request could not be read', 'ບໍ່ສາມາດອ່ານຄຳຮ້ອງນີ້ໄດ້'),
  MEDIA_TYPE_NOT_JSON: error(
    UNSUPPORTED_MEDIA_TYPE,
    'Unsupported media type: send JSON (Content-Type: application/json)',
    'ບໍ່ຮັບຂໍ້ມູນປະເພດນີ້: ກະລຸນາສົ່ງເປັນ JSON (Content-Type: application/json)',
  ),
  MEDIA_TYPE_REFUSED: error<{ type: string }>(
    UNSUPPORTED_MEDIA_TYPE,
    (p) =>
      `${p.type || 'a body without a Content-Type'} is not accepted: send JSON (Content-Type: application/json)`,
    (p) =>
      `ບໍ່ຮັບ${p.type ? ` ${p.type}` : 'ຂໍ້ມູນທີ່ບໍ່ມີ Content-Type'}: ກະລຸນາສົ່ງເປັນ JSON (Content-Type: application/json)`,
  ),
  MEDIA_TYPE_NOT_A_FILE_HERE: error<{ type: string; accepted: string; field: string }>(
    UNSUPPORTED_MEDIA_TYPE,
    (p) =>
      `${p.type || 'a body without a Content-Type'} is not accepted here. Send the file as the body (${p.accepted}) or as multipart/form-data with the file in the field "${p.field}"`,
    (p) =>
      `ບ່ອນນີ້ບໍ່ຮັບ${p.type ? ` ${p.type}` : 'ຂໍ້ມູນທີ່ບໍ່ມີ Content-Type'}. ກະລຸນາສົ່ງໄຟລ໌ເປັນຂໍ້ມູນຂອງຄຳຮ້ອງ (${p.accepted}) ຫຼື ເປັນ multipart/form-data ໂດຍໃສ່ໄຟລ໌ໃນຊ່ອງ "${p.field}"`,
  ),
  FILE_TOO_LARGE: error<{ limit: number }>(
    PAYLOAD_TOO_LARGE,
    (p) => `The file is larger than ${p.limit} bytes`,
    (p) => `ໄຟລ໌ໃຫຍ່ກວ່າ ${p.limit} ໄບຕ໌`,
  ),
  FILE_WRONG_TYPE: error<{ type: string; accepted: string }>(
    UNSUPPORTED_MEDIA_TYPE,
    (p) => `The file is ${p.type || 'of no type'}; expected ${p.accepted}`,
    (p) => `ໄຟລ໌ນີ້${p.type ? `ແມ່ນ ${p.type}` : 'ບໍ່ມີປະເພດ'}; ຕ້ອງເປັນ ${p.accepted}`,
  ),
  FILE_MISSING: error<{ accepted: string; field: string }>(
    BAD_REQUEST,
    (p) =>
      `No file was sent. Send the file as the body (${p.accepted}) or as multipart/form-data with the file in the field "${p.field}"`,
    (p) =>
      `ບໍ່ມີໄຟລ໌ສົ່ງມາ. ກະລຸນາສົ່ງໄຟລ໌ເປັນຂໍ້ມູນຂອງຄຳຮ້ອງ (${p.accepted}) ຫຼື ເປັນ multipart/form-data ໂດຍໃສ່ໄຟລ໌ໃນຊ່ອງ "${p.field}"`,
  ),
  FORM_FIELD_NOT_JSON: error<{ name: string }>(
    BAD_REQUEST,
    (p) => `The form field "${p.name}" must hold JSON`,
    (p) => `ຊ່ອງ "${p.name}" ຂອງຟອມຕ້ອງເປັນ JSON`,
  ),
  FORM_FIELD_NOT_JSON_DETAIL: says<{ name: string }>(
    (p) => `${p.name} must be JSON text, e.g. {"name": "…"}`,
    (p) => `${p.name} ຕ້ອງເປັນຂໍ້ຄວາມ JSON, ເຊັ່ນ {"name": "…"}`,
  ),
  FILE_REQUIRED: says('a file is required', 'ຕ້ອງມີໄຟລ໌'),
  JSON_TOO_DEEP: error<{ depth: number }>(
    BAD_REQUEST,
    (p) => `Request body is nested more than ${p.depth} levels deep`,
    (p) => `ຂໍ້ມູນທີ່ສົ່ງມາຊ້ອນກັນເລິກກວ່າ ${p.depth} ຊັ້ນ`,
  ),
  JSON_TOO_DEEP_DETAIL: says<{ depth: number }>(
    (p) => `at most ${p.depth} levels of nesting`,
    (p) => `ຊ້ອນກັນໄດ້ບໍ່ເກີນ ${p.depth} ຊັ້ນ`,
  ),
  JSON_TOO_MANY_MEMBERS: error<{ members: number }>(
    PAYLOAD_TOO_LARGE,
    (p) => `Request body has more than ${p.members} members (keys and array items)`,
    (p) => `ຂໍ້ມູນທີ່ສົ່ງມາມີຫຼາຍກວ່າ ${p.members} ລາຍການ (ຊື່ຊ່ອງ ແລະ ລາຍການໃນລາຍຊື່)`,
  ),
  JSON_TOO_MANY_MEMBERS_DETAIL: says<{ members: number }>(
    (p) => `at most ${p.members} members`,
    (p) => `ບໍ່ເກີນ ${p.members} ລາຍການ`,
  ),
  NUL_IN_BODY: error(BAD_REQUEST, 'Request body holds a NUL character', 'ຂໍ້ມູນທີ່ສົ່ງມາມີຕົວອັກສອນ NUL'),
  NUL_IN_BODY_DETAIL: says(
    'text may not contain the NUL character (\\u0000)',
    'ຂໍ້ຄວາມບໍ່ສາມາດມີຕົວອັກສອນ NUL (\\u0000) ໄດ້',
  ),
  NUL_IN_ADDRESS: error(
    BAD_REQUEST,
    'The address holds a NUL character (%00)',
    'ທີ່ຢູ່ຂອງຄຳຮ້ອງມີຕົວອັກສອນ NUL (%00)',
  ),
  NUL_IN_ADDRESS_DETAIL: says('a query or path may not contain %00', 'ທີ່ຢູ່ ແລະ ຄຳຄົ້ນຫາບໍ່ສາມາດມີ %00 ໄດ້'),
  RECORD_EXISTS: error(CONFLICT, 'This record already exists', 'ຂໍ້ມູນນີ້ມີຢູ່ແລ້ວ'),
  RECORD_MISSING: error(UNPROCESSABLE, 'A referenced record does not exist', 'ບໍ່ພົບຂໍ້ມູນທີ່ອ້າງເຖິງ'),
  VALUE_MALFORMED: error(BAD_REQUEST, 'A value has the wrong format', 'ມີຄ່າໜຶ່ງທີ່ຮູບແບບບໍ່ຖືກຕ້ອງ'),
  VALUE_BREAKS_RULE: error(
    UNPROCESSABLE,
    'A value breaks a rule of the record',
    'ມີຄ່າໜຶ່ງທີ່ຂັດກັບກົດຂອງຂໍ້ມູນ',
  ),
  RACE_LOST: error(
    CONFLICT,
    'Another change won the race: reload and retry',
    'ມີການປ່ຽນແປງອື່ນເກີດຂຶ້ນກ່ອນ: ກະລຸນາໂຫຼດຄືນ ແລະ ລອງໃໝ່',
  ),
  DATABASE_UNAVAILABLE: error(UNAVAILABLE, 'The database is unavailable', 'ຖານຂໍ້ມູນບໍ່ພ້ອມໃຊ້ງານ'),
  DEPENDENCY_UNAVAILABLE: error(
    UNAVAILABLE,
    'A dependency is unavailable: try again shortly',
    'ລະບົບທີ່ຕ້ອງໃຊ້ບໍ່ພ້ອມໃຊ້ງານ: ກະລຸນາລອງໃໝ່ໃນບໍ່ຊ້າ',
  ),
  TOO_MANY_REQUESTS: error(
    TOO_MANY_REQUESTS,
    'Too many requests: wait a minute and try again',
    'ມີຄຳຮ້ອງຫຼາຍເກີນໄປ: ກະລຸນາລໍຖ້າໜຶ່ງນາທີ ແລ້ວລອງໃໝ່',
  ),
  INTERNAL_ERROR: says('Internal server error', 'ເກີດຂໍ້ຜິດພາດພາຍໃນລະບົບ'),
  ROUTE_NOT_FOUND: error<{ method: string; path: string }>(
    NOT_FOUND,
    (p) => `Cannot ${p.method} ${p.path}`,
    (p) => `ບໍ່ມີເສັ້ນທາງ ${p.method} ${p.path}`,
  ),
  /** An answer of the framework we did not word ourselves: its English kept, a Lao sentence by status. */
  HTTP_400: says('The request is not valid', 'ຄຳຮ້ອງນີ້ບໍ່ຖືກຕ້ອງ'),
  HTTP_401: says('Sign in first', 'ກະລຸນາເຂົ້າສູ່ລະບົບກ່ອນ'),
  HTTP_403: says('This is not allowed', 'ບໍ່ອະນຸຍາດໃຫ້ເຮັດສິ່ງນີ້'),
  HTTP_404: says('Not found', 'ບໍ່ພົບ'),
  HTTP_409: says('The record has changed meanwhile', 'ຂໍ້ມູນໄດ້ຖືກປ່ຽນແປງໃນລະຫວ່າງນີ້'),
  HTTP_413: says('Too large', 'ໃຫຍ່ເກີນໄປ'),
  HTTP_415: says('Unsupported media type', 'ບໍ່ຮັບຂໍ້ມູນປະເພດນີ້'),
  HTTP_422: says('The request breaks a rule', 'ຄຳຮ້ອງນີ້ຂັດກັບກົດລະບຽບ'),
  HTTP_429: says('Too many requests', 'ມີຄຳຮ້ອງຫຼາຍເກີນໄປ'),
  HTTP_503: says('A dependency is unavailable', 'ລະບົບທີ່ຕ້ອງໃຊ້ບໍ່ພ້ອມໃຊ້ງານ'),
  HTTP_ERROR: says('The request failed', 'ຄຳຮ້ອງບໍ່ສຳເລັດ'),
  NOT_READY: error<{ names: string }>(
    UNAVAILABLE,
    (p) => `Not ready: ${p.names} down`,
    (p) => `ບໍ່ພ້ອມ: ${p.names} ບໍ່ເຮັດວຽກ`,
  ),
  CHECK_DOWN: says<{ name: string }>(
    (p) => `${p.name} is down`,
    (p) => `${p.name} ບໍ່ເຮັດວຽກ`,
  ),

  // ── Validation of bodies, queries and paths ──────────────────────────────────────────────────
  INVALID_REQUEST: error(BAD_REQUEST, 'Invalid request', 'ຄຳຮ້ອງບໍ່ຖືກຕ້ອງ'),
  INVALID_REQUEST_TRUNCATED: error<{ total: number; listed: number }>(
    BAD_REQUEST,
    (p) => `Invalid request: ${p.total} problems, the first ${p.listed} listed`,
    (p) => `ຄຳຮ້ອງບໍ່ຖືກຕ້ອງ: ມີ ${p.total} ບັນຫາ, ສະແດງ ${p.listed} ບັນຫາທຳອິດ`,
  ),
  MORE_DETAILS: says<{ count: number }>(
    (p) => `${p.count} more not listed`,
    (p) => `ຍັງມີອີກ ${p.count} ບັນຫາທີ່ບໍ່ໄດ້ສະແດງ`,
  ),
  INVALID_CURSOR: error(BAD_REQUEST, 'Invalid cursor', 'ຕົວຊີ້ໜ້າ (cursor) ບໍ່ຖືກຕ້ອງ'),
  INVALID_CURSOR_DETAIL: says('cursor is not one this API gave', 'cursor ນີ້ບໍ່ແມ່ນອັນທີ່ລະບົບນີ້ໃຫ້'),
  INVALID_VERSION_NUMBER: error(BAD_REQUEST, 'Invalid version number', 'ເລກສະບັບບໍ່ຖືກຕ້ອງ'),
  VERSION_NUMBER_DETAIL: says(
    'version number must be a positive integer',
    'ເລກສະບັບຕ້ອງເປັນຈຳນວນເຕັມບວກ',
  ),
  VALIDATION_IS_STRING: says<Property>(
    (p) => `${p.property} must be a string`,
    (p) => `${p.property} ຕ້ອງເປັນຂໍ້ຄວາມ`,
  ),
  VALIDATION_MAX_LENGTH: says<Bound>(
    (p) => `${p.property} must be shorter than or equal to ${p.bound} characters`,
    (p) => `${p.property} ຕ້ອງຍາວບໍ່ເກີນ ${p.bound} ຕົວອັກສອນ`,
  ),
  VALIDATION_MIN_LENGTH: says<Bound>(
    (p) => `${p.property} must be longer than or equal to ${p.bound} characters`,
    (p) => `${p.property} ຕ້ອງຍາວຢ່າງໜ້ອຍ ${p.bound} ຕົວອັກສອນ`,
  ),
  VALIDATION_IS_INT: says<Property>(
    (p) => `${p.property} must be an integer number`,
    (p) => `${p.property} ຕ້ອງເປັນຈຳນວນເຕັມ`,
  ),
  VALIDATION_MIN: says<Bound>(
    (p) => `${p.property} must not be less than ${p.bound}`,
    (p) => `${p.property} ຕ້ອງບໍ່ນ້ອຍກວ່າ ${p.bound}`,
  ),
  VALIDATION_MAX: says<Bound>(
    (p) => `${p.property} must not be greater than ${p.bound}`,
    (p) => `${p.property} ຕ້ອງບໍ່ໃຫຍ່ກວ່າ ${p.bound}`,
  ),
  VALIDATION_NOT_EMPTY: says<Property>(
    (p) => `${p.property} should not be empty`,
    (p) => `${p.property} ຕ້ອງບໍ່ຫວ່າງເປົ່າ`,
  ),
  VALIDATION_IS_IN: says<Values>(
    (p) => `${p.property} must be one of the following values: ${p.values}`,
    (p) => `${p.property} ຕ້ອງເປັນໜຶ່ງໃນຄ່າເຫຼົ່ານີ້: ${p.values}`,
  ),
  VALIDATION_IS_OBJECT: says<Property>(
    (p) => `${p.property} must be an object`,
    (p) => `${p.property} ຕ້ອງເປັນວັດຖຸ (object)`,
  ),
  VALIDATION_IS_BOOLEAN: says<Property>(
    (p) => `${p.property} must be a boolean value`,
    (p) => `${p.property} ຕ້ອງເປັນ true ຫຼື false`,
  ),
  VALIDATION_IS_EMAIL: says<Property>(
    (p) => `${p.property} must be an email`,
    (p) => `${p.property} ຕ້ອງເປັນທີ່ຢູ່ອີເມວ`,
  ),
  VALIDATION_IS_ARRAY: says<Property>(
    (p) => `${p.property} must be an array`,
    (p) => `${p.property} ຕ້ອງເປັນລາຍຊື່ (array)`,
  ),
  VALIDATION_IS_UUID: says<Property>(
    (p) => `${p.property} must be a UUID`,
    (p) => `${p.property} ຕ້ອງເປັນ UUID`,
  ),
  VALIDATION_ARRAY_MAX_SIZE: says<Bound>(
    (p) => `${p.property} must contain no more than ${p.bound} elements`,
    (p) => `${p.property} ຕ້ອງມີບໍ່ເກີນ ${p.bound} ລາຍການ`,
  ),
  VALIDATION_ARRAY_MIN_SIZE: says<Bound>(
    (p) => `${p.property} must contain at least ${p.bound} elements`,
    (p) => `${p.property} ຕ້ອງມີຢ່າງໜ້ອຍ ${p.bound} ລາຍການ`,
  ),
  VALIDATION_IS_DEFINED: says<Property>(
    (p) => `${p.property} should not be null or undefined`,
    (p) => `ຕ້ອງມີ ${p.property}`,
  ),
  VALIDATION_UNKNOWN_PROPERTY: says<Property>(
    (p) => `property ${p.property} should not exist`,
    (p) => `ບໍ່ຮັບຊ່ອງ ${p.property}`,
  ),
  VALIDATION_NESTED: says<Property>(
    (p) => `nested property ${p.property} must be either object or array`,
    (p) => `${p.property} ຕ້ອງເປັນວັດຖຸ (object) ຫຼື ລາຍຊື່ (array)`,
  ),
  VALIDATION_MATCHES: says<Property>(
    (p) => `${p.property} has the wrong form`,
    (p) => `${p.property} ມີຮູບແບບບໍ່ຖືກຕ້ອງ`,
  ),
  VALIDATION_DAY_OR_INSTANT: says<Property>(
    (p) => `${p.property} must be a calendar day (YYYY-MM-DD) or an ISO 8601 timestamp with offset`,
    (p) => `${p.property} ຕ້ອງເປັນວັນທີ (YYYY-MM-DD) ຫຼື ເວລາແບບ ISO 8601 ທີ່ມີເຂດເວລາ`,
  ),
  VALIDATION_CALENDAR_DAY: says<Property>(
    (p) => `${p.property} must be a calendar day YYYY-MM-DD`,
    (p) => `${p.property} ຕ້ອງເປັນວັນທີ YYYY-MM-DD`,
  ),
  /** A constraint without its own entry: never English on a Lao screen. */
  VALIDATION_OTHER: says<Property>(
    (p) => `${p.property} is not valid`,
    (p) => `${p.property} ບໍ່ຖືກຕ້ອງ`,
  ),
  /** Prefixes a constraint checked on each item of a list (class-validator's `each`). */
  VALIDATION_EACH: says<{ sentence: string }>(
    (p) => `each value in ${p.sentence}`,
    (p) => `ແຕ່ລະຄ່າໃນ ${p.sentence}`,
  ),
  AGENCY_CODE_FORM: says(
    'code must be 2-16 upper-case letters, digits or _',
    'ລະຫັດຕ້ອງມີ 2-16 ຕົວ: ຕົວອັກສອນລາຕິນໂຕໃຫຍ່, ຕົວເລກ ຫຼື _',
  ),
  GUIDELINE_CODE_FORM: says(
    'code must be 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit',
    'ລະຫັດຕ້ອງມີ 1-40 ຕົວ: ຕົວອັກສອນລາຕິນ, ຕົວເລກ, ".", "_" ຫຼື "-", ເລີ່ມດ້ວຍຕົວອັກສອນ ຫຼື ຕົວເລກ',
  ),
  SECTION_KEY_FORM: says(
    'key must be 1-64 letters, digits, ".", "_" or "-"',
    'ລະຫັດພາກຕ້ອງມີ 1-64 ຕົວ: ຕົວອັກສອນລາຕິນ, ຕົວເລກ, ".", "_" ຫຼື "-"',
  ),
  AGENCY_CODES_FORM: says(
    'each agency code must be 2-16 letters, digits or _',
    'ລະຫັດຂອງແຕ່ລະອົງການຕ້ອງມີ 2-16 ຕົວ: ຕົວອັກສອນລາຕິນ, ຕົວເລກ ຫຼື _',
  ),
  SECTION_KEY_REF_FORM: says('sectionKey must be a section key', 'sectionKey ຕ້ອງເປັນລະຫັດຂອງພາກ'),
  RESPONSE_REQUIRED: says(
    'response is required unless the status is NOTED',
    'ຕ້ອງຂຽນຄຳຕອບ ເວັ້ນເສຍແຕ່ສະຖານະແມ່ນ "ຮັບຊາບ" (NOTED)',
  ),
  TOTP_FIELD_FORM: says(
    'totp must be the 6 digits the app shows',
    'totp ຕ້ອງເປັນລະຫັດ 6 ຕົວເລກທີ່ແອັບສະແດງ',
  ),
  CODE_FIELD_FORM: says('code must be the 6 digits the app shows', 'ລະຫັດຕ້ອງເປັນ 6 ຕົວເລກທີ່ແອັບສະແດງ'),
  RESET_TOKEN_FORM: says(
    'token must be the one of the e-mailed link',
    'token ຕ້ອງແມ່ນອັນທີ່ຢູ່ໃນລິ້ງທີ່ສົ່ງທາງອີເມວ',
  ),
  IDEMPOTENCY_KEY_INVALID: error(
    BAD_REQUEST,
    'Idempotency-Key must be 1 to 255 visible ASCII characters',
    'Idempotency-Key ຕ້ອງມີ 1 ຫາ 255 ຕົວອັກສອນ ASCII ທີ່ເບິ່ງເຫັນໄດ້',
  ),
  IDEMPOTENCY_KEY_DETAIL: says(
    'one key of 1 to 255 visible ASCII characters',
    'ກະແຈດຽວ ທີ່ມີ 1 ຫາ 255 ຕົວອັກສອນ ASCII ທີ່ເບິ່ງເຫັນໄດ້',
  ),
  IDEMPOTENCY_KEY_REUSED: error(
    UNPROCESSABLE,
    'This Idempotency-Key was already used for a different request: use a new key for a new request',
    'Idempotency-Key ນີ້ຖືກໃຊ້ກັບຄຳຮ້ອງອື່ນແລ້ວ: ກະລຸນາໃຊ້ກະແຈໃໝ່ສຳລັບຄຳຮ້ອງໃໝ່',
  ),

  // ── Signing in, roles, sessions ─────────────────────────────────────────────────────────────
  NO_TOKEN: error(
    UNAUTHORIZED,
    'Sign in first: no bearer token was sent',
    'ກະລຸນາເຂົ້າສູ່ລະບົບກ່ອນ: ບໍ່ມີ token ສົ່ງມາ',
  ),
  METRICS_TOKEN_REQUIRED: error(
    UNAUTHORIZED,
    'The metrics answer only their token: send Authorization: Bearer <METRICS_TOKEN>',
    'ຕົວຊີ້ວັດຕອບສະເພາະ token ຂອງມັນ: ກະລຸນາສົ່ງ Authorization: Bearer <METRICS_TOKEN>',
  ),
  NO_DASHBOARD_TOKEN: error(
    UNAUTHORIZED,
    'Sign in first: no token was sent',
    'ກະລຸນາເຂົ້າສູ່ລະບົບກ່ອນ: ບໍ່ມີ token ສົ່ງມາ',
  ),
  TOKEN_INVALID: error(UNAUTHORIZED, 'Invalid token', 'token ບໍ່ຖືກຕ້ອງ: ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ'),
  TOKEN_EXPIRED: error(
    UNAUTHORIZED,
    'Token expired: sign in again',
    'ໝົດເວລາເຂົ້າໃຊ້ແລ້ວ: ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ',
  ),
  BAD_CREDENTIALS: error(UNAUTHORIZED, 'E-mail or password is wrong', 'ອີເມວ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ'),
  CSRF_TOKEN_WRONG: error(
    FORBIDDEN,
    'Missing or wrong X-CSRF-Token header for this session',
    'ບໍ່ມີ ຫຼື ຜິດ X-CSRF-Token ສຳລັບການເຂົ້າໃຊ້ນີ້: ກະລຸນາໂຫຼດໜ້າຄືນ',
  ),
  ROLE_REQUIRED: error<{ roles: string; role: string }>(
    FORBIDDEN,
    (p) => `This needs the role ${p.roles}; you are ${p.role}`,
    (p) => `ສິ່ງນີ້ຕ້ອງການບົດບາດ ${p.roles}; ທ່ານແມ່ນ ${p.role}`,
  ),
  DASHBOARD_ADMIN_ONLY: error<{ role: string }>(
    FORBIDDEN,
    (p) => `The queue dashboard needs the role ADMIN; you are ${p.role}`,
    (p) => `ໜ້າຄິວວຽກຕ້ອງການບົດບາດ ADMIN; ທ່ານແມ່ນ ${p.role}`,
  ),
  CROSS_SITE_REQUEST: error(
    FORBIDDEN,
    'Sign-in from another site is refused',
    'ບໍ່ຮັບການເຂົ້າສູ່ລະບົບຈາກເວັບໄຊອື່ນ',
  ),
  CROSS_SITE_DASHBOARD: error(
    FORBIDDEN,
    'Queue dashboard actions from another site are refused',
    'ບໍ່ຮັບການກະທຳໃນໜ້າຄິວວຽກຈາກເວັບໄຊອື່ນ',
  ),
  SESSION_NOT_FOUND: error(NOT_FOUND, 'Session not found', 'ບໍ່ພົບການເຂົ້າໃຊ້ນີ້'),
  PASSWORD_TOO_SHORT: error(
    BAD_REQUEST,
    'The password needs at least 10 characters',
    'ລະຫັດຜ່ານຕ້ອງມີຢ່າງໜ້ອຍ 10 ຕົວອັກສອນ',
  ),
  PASSWORD_REPETITIVE: error(
    BAD_REQUEST,
    'The password is mostly one character repeated, or uses too few different characters',
    'ລະຫັດຜ່ານເປັນຕົວອັກສອນດຽວກັນຊ້ຳໆ ຫຼື ໃຊ້ຕົວອັກສອນທີ່ແຕກຕ່າງກັນໜ້ອຍເກີນໄປ',
  ),
  PASSWORD_PERSONAL: error(
    BAD_REQUEST,
    'The password may not be the e-mail address or the name of its owner',
    'ລະຫັດຜ່ານບໍ່ສາມາດເປັນອີເມວ ຫຼື ຊື່ຂອງເຈົ້າຂອງບັນຊີໄດ້',
  ),
  PASSWORD_COMMON: error(
    BAD_REQUEST,
    'The password is one of the most common passwords: choose another',
    'ລະຫັດຜ່ານນີ້ເປັນໜຶ່ງໃນລະຫັດຜ່ານທີ່ໃຊ້ກັນຫຼາຍທີ່ສຸດ: ກະລຸນາເລືອກລະຫັດອື່ນ',
  ),
  PASSWORD_CHANGE_REQUIRED: error(
    FORBIDDEN,
    'Your password is temporary: change it before you go on',
    'ລະຫັດຜ່ານຂອງທ່ານເປັນລະຫັດຊົ່ວຄາວ: ກະລຸນາປ່ຽນລະຫັດຜ່ານກ່ອນ',
  ),
  CURRENT_PASSWORD_WRONG: error(BAD_REQUEST, 'The current password is wrong', 'ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ'),
  PASSWORD_UNCHANGED: error(
    BAD_REQUEST,
    'The new password is the same as the current one: choose another',
    'ລະຫັດຜ່ານໃໝ່ຄືກັນກັບລະຫັດຜ່ານປັດຈຸບັນ: ກະລຸນາເລືອກລະຫັດອື່ນ',
  ),
  PASSWORD_CHANGED_MEANWHILE: error(
    CONFLICT,
    'The password was changed meanwhile: sign in again',
    'ລະຫັດຜ່ານຖືກປ່ຽນໃນລະຫວ່າງນີ້ແລ້ວ: ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ',
  ),
  RESET_LINK_INVALID: error(
    BAD_REQUEST,
    'This link has been used, has expired or is not valid: ask for a new one',
    'ລິ້ງນີ້ຖືກໃຊ້ແລ້ວ, ໝົດອາຍຸແລ້ວ ຫຼື ບໍ່ຖືກຕ້ອງ: ກະລຸນາຂໍລິ້ງໃໝ່',
  ),
  RESET_THROTTLED: error(
    TOO_MANY_REQUESTS,
    'Too many password reset requests: try again later',
    'ມີການຂໍຕັ້ງລະຫັດຜ່ານໃໝ່ຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ພາຍຫຼັງ',
  ),

  TOTP_REQUIRED: error(
    UNAUTHORIZED,
    'Enter the 6-digit code of your authenticator app (or a recovery code)',
    'ກະລຸນາໃສ່ລະຫັດ 6 ຕົວເລກຈາກແອັບຢືນຢັນຕົວຕົນຂອງທ່ານ (ຫຼື ລະຫັດກູ້ຄືນ)',
  ),
  TOTP_WRONG: error(
    UNAUTHORIZED,
    'The code is wrong, has expired or was already used',
    'ລະຫັດບໍ່ຖືກຕ້ອງ, ໝົດອາຍຸແລ້ວ ຫຼື ຖືກໃຊ້ແລ້ວ',
  ),
  TOTP_WRONG_AT_ENROLMENT: error(
    BAD_REQUEST,
    'The code is wrong, has expired or was already used',
    'ລະຫັດບໍ່ຖືກຕ້ອງ, ໝົດອາຍຸແລ້ວ ຫຼື ຖືກໃຊ້ແລ້ວ',
  ),
  TOTP_THROTTLED: error(
    TOO_MANY_REQUESTS,
    'Too many wrong codes: try again later',
    'ໃສ່ລະຫັດຜິດຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ພາຍຫຼັງ',
  ),
  TOTP_ENROLMENT_REQUIRED: error(
    FORBIDDEN,
    'Your role needs two-step sign-in: set it up before you go on',
    'ບົດບາດຂອງທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ: ກະລຸນາຕັ້ງຄ່າກ່ອນ',
  ),
  TOTP_ALREADY_ENABLED: error(
    CONFLICT,
    'Two-step sign-in is already on for this account',
    'ບັນຊີນີ້ໄດ້ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນແລ້ວ',
  ),
  TOTP_NOT_STARTED: error(
    CONFLICT,
    'Start the set-up first: no code is expected yet',
    'ກະລຸນາເລີ່ມການຕັ້ງຄ່າກ່ອນ: ຍັງບໍ່ມີລະຫັດທີ່ຖືກລໍຖ້າ',
  ),
  TOTP_NOT_ENABLED: error(
    CONFLICT,
    'Two-step sign-in is not on for this account',
    'ບັນຊີນີ້ຍັງບໍ່ໄດ້ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
  ),
  TOTP_REQUIRED_FOR_ROLE: error(
    FORBIDDEN,
    'Your role needs two-step sign-in: it cannot be turned off',
    'ບົດບາດຂອງທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ: ບໍ່ສາມາດປິດໄດ້',
  ),
  TOTP_CONFIRMATION_WRONG: error(
    BAD_REQUEST,
    'The password or the code is wrong',
    'ລະຫັດຜ່ານ ຫຼື ລະຫັດຢືນຢັນບໍ່ຖືກຕ້ອງ',
  ),

  SIGN_IN_THROTTLED: error<{ wait: number }>(
    TOO_MANY_REQUESTS,
    (p) =>
      `Too many sign-in attempts from here: try again in ${p.wait} ${p.wait === 1 ? 'minute' : 'minutes'}`,
    (p) => `ມີການພະຍາຍາມເຂົ້າສູ່ລະບົບຈາກບ່ອນນີ້ຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ໃນ ${p.wait} ນາທີ`,
  ),
  SIGN_IN_LOCKED: error<{ wait: number }>(
    TOO_MANY_REQUESTS,
    (p) =>
      `Too many failed sign-ins with this e-mail address: it is locked for ${p.wait} ` +
      `${p.wait === 1 ? 'minute' : 'minutes'}. "Forgot your password?" lifts the lock at once`,
    (p) =>
      `ມີການເຂົ້າສູ່ລະບົບດ້ວຍອີເມວນີ້ບໍ່ສຳເລັດຫຼາຍເກີນໄປ: ຖືກລັອກໄວ້ ${p.wait} ນາທີ. ` + '"ລືມລະຫັດຜ່ານ?" ຈະປົດລັອກທັນທີ',
  ),
  SIGN_IN_BUSY: error<{ wait: number }>(
    UNAVAILABLE,
    (p) => `Too many sign-ins right now: try again in ${p.wait} seconds`,
    (p) => `ມີການເຂົ້າສູ່ລະບົບຫຼາຍເກີນໄປໃນຕອນນີ້: ກະລຸນາລອງໃໝ່ໃນ ${p.wait} ວິນາທີ`,
  ),
  KDF_BUSY: error(
    UNAVAILABLE,
    'Too many passwords are being checked: try again in a few seconds',
    'ກຳລັງກວດລະຫັດຜ່ານຫຼາຍເກີນໄປໃນຕອນນີ້: ກະລຸນາລອງໃໝ່ໃນອີກບໍ່ເທົ່າໃດວິນາທີ',
  ),
  KDF_BUSY_DETAIL: says(
    'Every password check is busy and the queue is full',
    'ທຸກບ່ອນກວດລະຫັດຜ່ານກຳລັງເຮັດວຽກ ແລະ ຄິວເຕັມແລ້ວ',
  ),

  // ── Users and agencies ──────────────────────────────────────────────────────────────────────
  USER_NOT_FOUND: error(NOT_FOUND, 'User not found', 'ບໍ່ພົບຜູ້ໃຊ້'),
  EMAIL_TAKEN: error(CONFLICT, 'A user with this e-mail already exists', 'ມີຜູ້ໃຊ້ທີ່ໃຊ້ອີເມວນີ້ແລ້ວ'),
  EMAIL_TAKEN_DETAIL: says('already used', 'ຖືກໃຊ້ແລ້ວ'),
  SELF_DEMOTION: error(
    UNPROCESSABLE,
    'You cannot deactivate yourself or give up your own ADMIN role',
    'ທ່ານບໍ່ສາມາດປິດບັນຊີຂອງຕົນເອງ ຫຼື ຍົກເລີກບົດບາດ ADMIN ຂອງຕົນເອງໄດ້',
  ),
  LAST_ACTIVE_ADMIN: error(
    CONFLICT,
    'At least one active administrator must remain: make another user an administrator first',
    'ຕ້ອງມີຜູ້ບໍລິຫານລະບົບທີ່ໃຊ້ງານຢູ່ຢ່າງໜ້ອຍໜຶ່ງຄົນ: ໃຫ້ຜູ້ໃຊ້ອື່ນເປັນຜູ້ບໍລິຫານລະບົບກ່ອນ',
  ),
  AGENCY_ONLY_FOR_REVIEWERS: error(
    BAD_REQUEST,
    'Only agency reviewers belong to an agency',
    'ມີແຕ່ຜູ້ພິຈາລະນາຂອງອົງການເທົ່ານັ້ນທີ່ສັງກັດອົງການ',
  ),
  AGENCY_ONLY_FOR_REVIEWERS_DETAIL: says(
    'only for role AGENCY_REVIEWER',
    'ສະເພາະບົດບາດ AGENCY_REVIEWER',
  ),
  AGENCY_REQUIRED: error(
    BAD_REQUEST,
    'An agency reviewer needs an agency',
    'ຜູ້ພິຈາລະນາຂອງອົງການຕ້ອງສັງກັດອົງການໃດໜຶ່ງ',
  ),
  AGENCY_REQUIRED_DETAIL: says(
    'required for role AGENCY_REVIEWER',
    'ຕ້ອງມີສຳລັບບົດບາດ AGENCY_REVIEWER',
  ),
  COMMITTEES_ONLY_FOR_JUDGES: error(
    BAD_REQUEST,
    'Only judges can be committee members',
    'ມີແຕ່ຜູ້ພິພາກສາເທົ່ານັ້ນທີ່ເປັນສະມາຊິກຄະນະກຳມະການໄດ້',
  ),
  COMMITTEES_ONLY_FOR_JUDGES_DETAIL: says(
    'only judges sit on the TWG or the Council',
    'ມີແຕ່ຜູ້ພິພາກສາເທົ່ານັ້ນທີ່ເປັນສະມາຊິກຄະນະວິຊາການ (TWG) ຫຼື ສະພາຜູ້ພິພາກສາ',
  ),
  UNKNOWN_AGENCY: error<{ code: string }>(
    UNPROCESSABLE,
    (p) => `Unknown agency ${p.code}`,
    (p) => `ບໍ່ຮູ້ຈັກອົງການ ${p.code}`,
  ),
  UNKNOWN_AGENCIES: error<{ codes: string }>(
    UNPROCESSABLE,
    (p) => `Unknown agency code: ${p.codes}`,
    (p) => `ບໍ່ຮູ້ຈັກລະຫັດອົງການ: ${p.codes}`,
  ),
  AGENCY_NOT_FOUND: error(NOT_FOUND, 'Agency not found', 'ບໍ່ພົບອົງການ'),
  AGENCY_CODE_TAKEN: error<{ code: string }>(
    CONFLICT,
    (p) => `An agency with code ${p.code} already exists`,
    (p) => `ມີອົງການທີ່ໃຊ້ລະຫັດ ${p.code} ແລ້ວ`,
  ),

  // ── Guidelines, versions, documents ─────────────────────────────────────────────────────────
  GUIDELINE_NOT_FOUND: error(NOT_FOUND, 'Guideline not found', 'ບໍ່ພົບຂໍ້ແນະນຳ'),
  DUPLICATE_CODE: error<{ code: string }>(
    CONFLICT,
    (p) => `A guideline with code ${p.code} already exists`,
    (p) => `ມີຂໍ້ແນະນຳທີ່ໃຊ້ລະຫັດ ${p.code} ແລ້ວ`,
  ),
  DUPLICATE_CODE_DETAIL: says<{ code: string }>(
    (p) => `code ${p.code} is already used`,
    (p) => `ລະຫັດ ${p.code} ຖືກໃຊ້ແລ້ວ`,
  ),
  GUIDELINE_FROZEN: error<{ stage: Texts }>(
    UNPROCESSABLE,
    (p) =>
      `The guideline is ${p.stage.en}: its versions are final and no new version can be published`,
    (p) => `ຂໍ້ແນະນຳນີ້${p.stage.lo}: ສະບັບຕ່າງໆຖືເປັນສະບັບສຸດທ້າຍ ແລະ ບໍ່ສາມາດເຜີຍແຜ່ສະບັບໃໝ່ໄດ້`,
  ),
  PUBLISH_NOT_ALLOWED_IN_STAGE: error<{ stage: Texts; drafting: Texts; twg: Texts }>(
    UNPROCESSABLE,
    (p) =>
      `New versions are published only in ${p.drafting.en} or ${p.twg.en}; the guideline is in ${p.stage.en}`,
    (p) =>
      `ສາມາດເຜີຍແຜ່ສະບັບໃໝ່ໄດ້ສະເພາະໃນຂັ້ນຕອນ${p.drafting.lo} ຫຼື ${p.twg.lo} ເທົ່ານັ້ນ; ປັດຈຸບັນຢູ່ໃນຂັ້ນຕອນ${p.stage.lo}`,
  ),
  VERSION_NOT_FOUND: error(NOT_FOUND, 'Version not found', 'ບໍ່ພົບສະບັບ'),
  VERSION_NUMBER_NOT_FOUND: error<{ number: number }>(
    NOT_FOUND,
    (p) => `Version ${p.number} not found`,
    (p) => `ບໍ່ພົບສະບັບທີ ${p.number}`,
  ),
  NO_VERSION_YET: error(
    NOT_FOUND,
    'Version (none published yet) not found',
    'ບໍ່ພົບສະບັບ (ຍັງບໍ່ທັນໄດ້ເຜີຍແຜ່ສະບັບໃດ)',
  ),
  NOTHING_TO_COMPARE: error(BAD_REQUEST, 'Nothing to compare with', 'ບໍ່ມີສະບັບໃຫ້ປຽບທຽບ'),
  NOTHING_TO_COMPARE_DETAIL: says(
    'version 1 has no previous version: give ?against=',
    'ສະບັບທີ 1 ບໍ່ມີສະບັບກ່ອນໜ້າ: ກະລຸນາລະບຸ ?against=',
  ),
  INVALID_SECTIONS: error(BAD_REQUEST, 'Invalid sections', 'ພາກຕ່າງໆບໍ່ຖືກຕ້ອງ'),
  DUPLICATE_SECTION_KEY: says<{ key: string; count: number; positions: string }>(
    (p) => `section key "${p.key}" is used ${p.count} times (sections ${p.positions})`,
    (p) => `ລະຫັດພາກ "${p.key}" ຖືກໃຊ້ ${p.count} ເທື່ອ (ພາກທີ ${p.positions})`,
  ),
  INDICATOR_CODE_REQUIRED: says<{ key: string }>(
    (p) => `section "${p.key}" is an indicator and needs a code`,
    (p) => `ພາກ "${p.key}" ເປັນຕົວຊີ້ວັດ ແລະ ຕ້ອງມີລະຫັດ`,
  ),
  INDICATOR_FIELD_ON_TEXT: says<{ key: string; field: string }>(
    (p) => `section "${p.key}" is a text section: ${p.field} is for indicators only`,
    (p) => `ພາກ "${p.key}" ເປັນພາກຂໍ້ຄວາມ: ${p.field} ແມ່ນສະເພາະຕົວຊີ້ວັດ`,
  ),

  // ── Comments ────────────────────────────────────────────────────────────────────────────────
  COMMENT_NOT_FOUND: error(NOT_FOUND, 'Comment not found', 'ບໍ່ພົບຄຳເຫັນ'),
  EVENT_NEEDS_SPEAKER: error(
    BAD_REQUEST,
    'eventId needs onBehalfOf',
    'eventId ຕ້ອງມາພ້ອມກັບ onBehalfOf',
  ),
  EVENT_NEEDS_SPEAKER_DETAIL: says(
    'eventId is only for comments recorded on behalf of a participant',
    'eventId ແມ່ນສະເພາະຄຳເຫັນທີ່ບັນທຶກແທນຜູ້ເຂົ້າຮ່ວມ',
  ),
  VERSION_NOT_CURRENT: error<{ asked: number; current: number }>(
    UNPROCESSABLE,
    (p) =>
      `New comments go on the current version (${p.current}); version ${p.asked} is an earlier draft`,
    (p) => `ຄຳເຫັນໃໝ່ຕ້ອງໃຫ້ໃສ່ສະບັບປັດຈຸບັນ (ສະບັບທີ ${p.current}); ສະບັບທີ ${p.asked} ແມ່ນສະບັບຮ່າງກ່ອນໜ້າ`,
  ),
  UNKNOWN_SECTION: error<{ version: number; key: string }>(
    UNPROCESSABLE,
    (p) => `Version ${p.version} has no section "${p.key}"`,
    (p) => `ສະບັບທີ ${p.version} ບໍ່ມີພາກ "${p.key}"`,
  ),
  QUOTE_NOT_FOUND: error<{ key: string }>(
    UNPROCESSABLE,
    (p) => `The quoted passage does not occur in section "${p.key}"`,
    (p) => `ຂໍ້ຄວາມທີ່ອ້າງອີງບໍ່ມີຢູ່ໃນພາກ "${p.key}"`,
  ),
  UNKNOWN_EVENT: error(
    UNPROCESSABLE,
    'No consultation event has this id',
    'ບໍ່ພົບກອງປະຊຸມປຶກສາຫາລືທີ່ມີລະຫັດນີ້',
  ),
  EVENT_OF_ANOTHER_GUIDELINE: error(
    UNPROCESSABLE,
    'This consultation event was held on another guideline',
    'ກອງປະຊຸມປຶກສາຫາລືນີ້ແມ່ນຈັດຂຶ້ນສຳລັບຂໍ້ແນະນຳອື່ນ',
  ),
  PARENT_NOT_FOUND: error(
    UNPROCESSABLE,
    'The comment you reply to does not exist',
    'ບໍ່ພົບຄຳເຫັນທີ່ທ່ານຕອບກັບ',
  ),
  PARENT_DELETED: error(
    UNPROCESSABLE,
    'The comment you reply to was deleted',
    'ຄຳເຫັນທີ່ທ່ານຕອບກັບໄດ້ຖືກລຶບແລ້ວ',
  ),
  PARENT_ON_OTHER_VERSION: error<{ parentVersion: number; asked: number }>(
    UNPROCESSABLE,
    (p) => `The comment you reply to is on version ${p.parentVersion}, not version ${p.asked}`,
    (p) => `ຄຳເຫັນທີ່ທ່ານຕອບກັບຢູ່ໃນສະບັບທີ ${p.parentVersion}, ບໍ່ແມ່ນສະບັບທີ ${p.asked}`,
  ),
  SECTION_MISMATCH: error<{ key: string }>(
    UNPROCESSABLE,
    (p) => `A reply belongs to the section of its thread ("${p.key}")`,
    (p) => `ຄຳຕອບຕ້ອງຢູ່ໃນພາກດຽວກັນກັບຄຳເຫັນຕົ້ນ ("${p.key}")`,
  ),
  NOT_THE_AUTHOR: error(
    FORBIDDEN,
    'Only the author may change or delete this comment',
    'ມີແຕ່ຜູ້ຂຽນເທົ່ານັ້ນທີ່ສາມາດແກ້ໄຂ ຫຼື ລຶບຄຳເຫັນນີ້ໄດ້',
  ),
  HAS_DISPOSITION: error(
    UNPROCESSABLE,
    'The secretariat has already answered this comment: it can no longer be changed or deleted',
    'ກອງເລຂາໄດ້ຕອບຄຳເຫັນນີ້ແລ້ວ: ບໍ່ສາມາດແກ້ໄຂ ຫຼື ລຶບໄດ້ອີກ',
  ),
  COMMENT_DELETED: error(UNPROCESSABLE, 'This comment was deleted', 'ຄຳເຫັນນີ້ໄດ້ຖືກລຶບແລ້ວ'),
  NOT_TOP_LEVEL: error(
    UNPROCESSABLE,
    'Dispositions are given to top-level comments, not to replies',
    'ການຕັດສິນແມ່ນໃຫ້ແກ່ຄຳເຫັນຫຼັກ, ບໍ່ແມ່ນຄຳຕອບ',
  ),
  SUGGESTION_ON_REPLY: error(
    UNPROCESSABLE,
    'Suggested wording goes on a top-level comment, not on a reply',
    'ຖ້ອຍຄຳທີ່ສະເໜີຕ້ອງໃສ່ໃນຄຳເຫັນຫຼັກ, ບໍ່ແມ່ນໃນຄຳຕອບ',
  ),
  SUGGESTION_EMPTY: error(
    BAD_REQUEST,
    'Without a quoted passage the suggestion replaces the whole section: it cannot be empty',
    'ຖ້າບໍ່ມີຂໍ້ຄວາມທີ່ອ້າງອີງ ຖ້ອຍຄຳທີ່ສະເໜີຈະແທນທັງພາກ: ຈຶ່ງບໍ່ສາມາດຫວ່າງເປົ່າໄດ້',
  ),
  DISPOSITION_CHANGED: error<{ expected: Texts; current: Texts }>(
    CONFLICT,
    (p) =>
      `The decision is now "${p.current.en}", not "${p.expected.en}" as you saw it: read it again before changing it`,
    (p) => `ການຕັດສິນຕອນນີ້ແມ່ນ "${p.current.lo}", ບໍ່ແມ່ນ "${p.expected.lo}" ຕາມທີ່ທ່ານເຫັນ: ກະລຸນາອ່ານຄືນກ່ອນປ່ຽນ`,
  ),
  DISPOSITIONS_FROZEN: error<{ stage: Texts }>(
    UNPROCESSABLE,
    (p) => `The guideline is ${p.stage.en}: dispositions can no longer change`,
    (p) => `ຂໍ້ແນະນຳນີ້${p.stage.lo}: ບໍ່ສາມາດປ່ຽນແປງການຕັດສິນໄດ້ອີກ`,
  ),
  COMMENTS_CLOSED: error<{ stage: Texts }>(
    UNPROCESSABLE,
    (p) => `Comments are closed while the guideline is in ${p.stage.en}`,
    (p) => `ປິດການໃຫ້ຄຳເຫັນໃນຂັ້ນຕອນ${p.stage.lo}`,
  ),
  NOT_A_COMMENTER: error<{ stage: Texts; who: Texts }>(
    FORBIDDEN,
    (p) => `In ${p.stage.en} only ${p.who.en} may comment`,
    (p) => `ໃນຂັ້ນຕອນ${p.stage.lo} ມີແຕ່${p.who.lo}ທີ່ສາມາດໃຫ້ຄຳເຫັນໄດ້`,
  ),
  NOTHING_TO_CHANGE: error(BAD_REQUEST, 'Nothing to change', 'ບໍ່ມີຫຍັງໃຫ້ປ່ຽນ'),
  NOTHING_TO_CHANGE_DETAIL: says('give a new body or quote', 'ກະລຸນາໃສ່ເນື້ອໃນ ຫຼື ຂໍ້ຄວາມອ້າງອີງໃໝ່'),

  // ── Interagency review ──────────────────────────────────────────────────────────────────────
  REVIEW_NOT_FOUND: error(NOT_FOUND, 'Review request not found', 'ບໍ່ພົບຄຳຂໍໃຫ້ພິຈາລະນາ'),
  REVIEW_LINK_NOT_FOUND: error(NOT_FOUND, 'Review link not found', 'ບໍ່ພົບລິ້ງສຳລັບຕອບ'),
  REVIEWER_WITHOUT_AGENCY: error(
    FORBIDDEN,
    'This reviewer belongs to no agency',
    'ຜູ້ພິຈາລະນານີ້ບໍ່ໄດ້ສັງກັດອົງການໃດ',
  ),
  ONLY_THE_AGENCY_ANSWERS: error(
    FORBIDDEN,
    'Only the agency asked may answer',
    'ມີແຕ່ອົງການທີ່ຖືກຂໍເທົ່ານັ້ນທີ່ຕອບໄດ້',
  ),
  COMMENTS_REQUIRED: error(
    BAD_REQUEST,
    'Comments are required with this decision',
    'ຄຳຕັດສິນນີ້ຕ້ອງມີຄຳເຫັນປະກອບ',
  ),
  COMMENTS_REQUIRED_DETAIL: says<{ decision: string }>(
    (p) => `comments must not be blank with ${p.decision}`,
    (p) => `ຄຳເຫັນຕ້ອງບໍ່ຫວ່າງເປົ່າເມື່ອຕອບ ${p.decision}`,
  ),
  REVIEW_ANSWERED: error(
    CONFLICT,
    'This review request has already been answered',
    'ຄຳຂໍໃຫ້ພິຈາລະນານີ້ໄດ້ຮັບຄຳຕອບແລ້ວ',
  ),
  REVIEW_WITHDRAWN: error(
    CONFLICT,
    'This review request was withdrawn: no answer is needed',
    'ຄຳຂໍໃຫ້ພິຈາລະນານີ້ຖືກຖອນແລ້ວ: ບໍ່ຕ້ອງຕອບ',
  ),
  REVIEW_STATUS_DETAIL: says<{ status: string }>(
    (p) => `status is ${p.status}`,
    (p) => `ສະຖານະແມ່ນ ${p.status}`,
  ),
  REVIEW_NOT_PENDING: error<{ status: string }>(
    CONFLICT,
    (p) => `This review request is ${p.status.toLowerCase()}`,
    (p) => (p.status === 'WITHDRAWN' ? 'ຄຳຂໍໃຫ້ພິຈາລະນານີ້ຖືກຖອນແລ້ວ' : 'ຄຳຂໍໃຫ້ພິຈາລະນານີ້ໄດ້ຮັບຄຳຕອບແລ້ວ'),
  ),
  DUE_DATE_PAST: says<{ day: string; today: string }>(
    (p) => `${p.day} is before today (${p.today})`,
    (p) => `${p.day} ແມ່ນກ່ອນມື້ນີ້ (${p.today})`,
  ),
  DUE_DATE_UNCHANGED: says<{ day: string }>(
    (p) => `already due ${p.day}`,
    (p) => `ກຳນົດສົ່ງມື້ ${p.day} ຢູ່ແລ້ວ`,
  ),
  DUE_DATE_REFUSED: error(
    UNPROCESSABLE,
    'The due date cannot be set to that day',
    'ບໍ່ສາມາດຕັ້ງມື້ກຳນົດສົ່ງເປັນມື້ນັ້ນໄດ້',
  ),
  LINK_NOT_SENT: error(UNPROCESSABLE, 'The link cannot be sent', 'ບໍ່ສາມາດສົ່ງລິ້ງໄດ້'),
  EMAIL_OFF: says('E-mail is off (SMTP_URL is not set)', 'ການສົ່ງອີເມວປິດຢູ່ (ບໍ່ໄດ້ຕັ້ງ SMTP_URL)'),
  AGENCY_HAS_NO_ADDRESS: says<{ en: string; lo: string }>(
    (p) => `${p.en} has no contact address`,
    (p) => `${p.lo} ບໍ່ມີທີ່ຢູ່ອີເມວສຳລັບຕິດຕໍ່`,
  ),

  LETTER_EMPTY: error(BAD_REQUEST, 'The letter’s file is empty', 'ໄຟລ໌ຈົດໝາຍຫວ່າງເປົ່າ'),
  LETTER_TOO_LARGE: error(
    PAYLOAD_TOO_LARGE,
    'The letter is larger than 10 MB',
    'ຈົດໝາຍໃຫຍ່ເກີນ 10 MB',
  ),
  LETTER_TYPE: error(
    UNSUPPORTED_MEDIA_TYPE,
    'The letter must be a PDF, JPEG or PNG file (judged by its content, not its name)',
    'ຈົດໝາຍຕ້ອງເປັນໄຟລ໌ PDF, JPEG ຫຼື PNG (ກວດຈາກເນື້ອໃນຂອງໄຟລ໌, ບໍ່ແມ່ນຈາກຊື່)',
  ),
  LETTER_INCOMPLETE: error(
    BAD_REQUEST,
    'The letter’s file is incomplete (cut off before its end): send the whole file again',
    'ໄຟລ໌ຈົດໝາຍບໍ່ຄົບ (ຖືກຕັດກາງຄັນ): ກະລຸນາສົ່ງໄຟລ໌ທັງໝົດຄືນໃໝ່',
  ),
  LETTER_NOT_FOUND: error(NOT_FOUND, 'Signed letter not found', 'ບໍ່ພົບຈົດໝາຍທີ່ລົງລາຍເຊັນ'),

  // ── Consultation events and reports ─────────────────────────────────────────────────────────
  UNKNOWN_GUIDELINE: says<{ id: string }>(
    (p) => `No guideline has the id ${p.id}`,
    (p) => `ບໍ່ມີຄູ່ມືທີ່ມີລະຫັດ ${p.id}`,
  ),
  NO_PARTICIPANTS: says('An event has at least one participant', 'ກິດຈະກຳຕ້ອງມີຜູ້ເຂົ້າຮ່ວມຢ່າງໜ້ອຍໜຶ່ງຄົນ'),
  DISABILITY_EXCEEDS_TOTAL: says<{ withDisability: number; total: number }>(
    (p) =>
      `Participants with disability (${p.withDisability}) cannot exceed all participants (${p.total})`,
    (p) => `ຜູ້ເຂົ້າຮ່ວມທີ່ພິການ (${p.withDisability}) ບໍ່ສາມາດຫຼາຍກວ່າຜູ້ເຂົ້າຮ່ວມທັງໝົດ (${p.total})`,
  ),
  INSTITUTIONS_DO_NOT_ADD_UP: says<{ sum: number; total: number }>(
    (p) =>
      `Participants by institution add up to ${p.sum}, but female + male + other is ${p.total}`,
    (p) => `ຜູ້ເຂົ້າຮ່ວມຕາມອົງການລວມເປັນ ${p.sum} ຄົນ, ແຕ່ ຍິງ + ຊາຍ + ອື່ນໆ ເປັນ ${p.total} ຄົນ`,
  ),
  DUPLICATE_INSTITUTION: says<{ label: Texts }>(
    (p) => `${p.label.en} is listed twice: give its participants in one entry`,
    (p) => `${p.label.lo} ຖືກລະບຸສອງເທື່ອ: ກະລຸນາລວມເປັນລາຍການດຽວ`,
  ),
  DATE_TOO_FAR_AHEAD: says<{ date: string; latest: string }>(
    (p) => `The event date ${p.date} is more than a year ahead (latest ${p.latest})`,
    (p) => `ວັນທີຂອງກິດຈະກຳ ${p.date} ເກີນໜຶ່ງປີລ່ວງໜ້າ (ຊ້າສຸດ ${p.latest})`,
  ),
  EVENT_NOT_FOUND: error(NOT_FOUND, 'Event not found', 'ບໍ່ພົບກິດຈະກຳ'),
  EVENT_REFUSED: error(
    UNPROCESSABLE,
    'The event cannot be recorded as given',
    'ຂໍ້ມູນຂອງກິດຈະກຳບໍ່ສອດຄ່ອງກັນ',
  ),
  EVENT_REVISION_STALE: error<{ current: number; expected: number }>(
    CONFLICT,
    (p) => `The event is at revision ${p.current}, not ${p.expected}: reload and retry`,
    (p) => `ກິດຈະກຳນີ້ຢູ່ສະບັບແກ້ໄຂທີ ${p.current}, ບໍ່ແມ່ນ ${p.expected}: ກະລຸນາໂຫຼດຄືນ ແລະ ລອງໃໝ່`,
  ),
  INVALID_PERIOD: error(BAD_REQUEST, 'Invalid period', 'ໄລຍະເວລາບໍ່ຖືກຕ້ອງ'),
  INVALID_PERIOD_DETAIL: says('from must be on or before to', 'ວັນເລີ່ມ (from) ຕ້ອງບໍ່ຊ້າກວ່າວັນສິ້ນສຸດ (to)'),

  // ── Workflow ────────────────────────────────────────────────────────────────────────────────
  INPUT_FOR_OTHER_STAGE: says<{ field: string; target: string }>(
    (p) => `${p.field} is sent only with a move to ${p.target}`,
    (p) => `${p.field} ສົ່ງໄດ້ສະເພາະເມື່ອຍ້າຍໄປຂັ້ນຕອນ ${p.target}`,
  ),
  REASON_REQUIRED: error(
    UNPROCESSABLE,
    'This move needs a written reason (reason)',
    'ການປ່ຽນຂັ້ນຕອນນີ້ຕ້ອງລະບຸເຫດຜົນເປັນລາຍລັກອັກສອນ (reason)',
  ),
  NO_PUBLISHED_VERSION: error(
    UNPROCESSABLE,
    'No draft version has been published yet',
    'ຍັງບໍ່ມີສະບັບຮ່າງໃດທີ່ຖືກເຜີຍແຜ່',
  ),
  CONSULTATION_CLOSE_DATE_REQUIRED: error(
    UNPROCESSABLE,
    'Give the date the consultation closes (consultationClosesAt)',
    'ກະລຸນາລະບຸວັນທີປິດການປຶກສາຫາລື (consultationClosesAt)',
  ),
  CONSULTATION_CLOSE_DATE_NOT_FUTURE: error<{ when: string; zone: string }>(
    UNPROCESSABLE,
    (p) => `The consultation close date must be in the future (given: ${p.when}, ${p.zone})`,
    (p) => `ວັນທີປິດການປຶກສາຫາລືຕ້ອງເປັນວັນທີໃນອະນາຄົດ (ທີ່ລະບຸ: ${p.when}, ${p.zone})`,
  ),
  CONSULTATION_CLOSE_DATE_MISSING: error(
    UNPROCESSABLE,
    'No consultation close date is recorded, so the consultation cannot be taken as closed',
    'ບໍ່ມີການບັນທຶກວັນທີປິດການປຶກສາຫາລື ຈຶ່ງບໍ່ສາມາດຖືວ່າການປຶກສາຫາລືໄດ້ປິດແລ້ວ',
  ),
  CONSULTATION_STILL_OPEN: error<{ when: string; zone: string }>(
    UNPROCESSABLE,
    (p) =>
      `The consultation is open until ${p.when} (${p.zone}); it can move on after that, or an administrator may override with a reason`,
    (p) =>
      `ການປຶກສາຫາລືຍັງເປີດຢູ່ຈົນຮອດ ${p.when} (${p.zone}); ສາມາດກ້າວໄປຂັ້ນຕອນຕໍ່ໄປໄດ້ຫຼັງຈາກນັ້ນ ຫຼື ຜູ້ບໍລິຫານລະບົບສາມາດຍົກເວັ້ນໄດ້ໂດຍລະບຸເຫດຜົນ`,
  ),
  COMMENTS_WITHOUT_DISPOSITION: error<{ n: number }>(
    UNPROCESSABLE,
    (p) =>
      p.n === 1
        ? '1 comment still has no disposition from the secretariat'
        : `${p.n} comments still have no disposition from the secretariat`,
    (p) => `ຍັງມີ ${p.n} ຄຳເຫັນທີ່ກອງເລຂາຍັງບໍ່ທັນໃຫ້ຜົນການພິຈາລະນາ`,
  ),
  NO_AGENCY_WITH_CODE: error<{ list: string }>(
    UNPROCESSABLE,
    (p) => `No agency has the code ${p.list}`,
    (p) => `ບໍ່ມີອົງການໃດທີ່ມີລະຫັດ ${p.list}`,
  ),
  AGENCIES_REQUIRED: error(
    UNPROCESSABLE,
    'Name at least one agency to review the draft (agencies)',
    'ກະລຸນາລະບຸຢ່າງໜ້ອຍໜຶ່ງອົງການເພື່ອທົບທວນຮ່າງ (agencies)',
  ),
  REVIEW_DUE_DATE_REQUIRED: error(
    UNPROCESSABLE,
    'Give the date the agencies must answer by (reviewDueAt)',
    'ກະລຸນາລະບຸວັນຄົບກຳນົດທີ່ອົງການຕ້ອງຕອບ (reviewDueAt)',
  ),
  REVIEW_DUE_DATE_NOT_FUTURE: error<{ today: string; zone: string; due: string }>(
    UNPROCESSABLE,
    (p) => `The review due date must be after today (${p.today} in ${p.zone}); given: ${p.due}`,
    (p) => `ວັນຄົບກຳນົດການທົບທວນຕ້ອງຢູ່ຫຼັງມື້ນີ້ (${p.today}, ${p.zone}); ທີ່ລະບຸ: ${p.due}`,
  ),
  NO_REVIEW_REQUESTS: error(
    UNPROCESSABLE,
    'This round of the interagency review has no request that an agency could answer',
    'ການທົບທວນລະຫວ່າງອົງການຮອບນີ້ບໍ່ມີຄຳຮ້ອງຂໍທີ່ອົງການສາມາດຕອບໄດ້',
  ),
  REVIEWS_UNANSWERED: error<{ count: number; list: string }>(
    UNPROCESSABLE,
    (p) =>
      p.count === 1
        ? `1 review request has no answer yet: ${p.list}`
        : `${p.count} review requests have no answer yet: ${p.list}`,
    (p) => `ຍັງມີ ${p.count} ຄຳຮ້ອງຂໍການທົບທວນທີ່ຍັງບໍ່ໄດ້ຮັບຄຳຕອບ: ${p.list}`,
  ),
  REVIEW_OBJECTION: error<{ list: string }>(
    UNPROCESSABLE,
    (p) =>
      `Objected to by: ${p.list}; return the draft to the technical working group, or an administrator may override with a reason`,
    (p) => `ມີການຄັດຄ້ານຈາກ: ${p.list}; ສົ່ງຮ່າງກັບຄືນຄະນະເຮັດວຽກວິຊາການ ຫຼື ຜູ້ບໍລິຫານລະບົບສາມາດຍົກເວັ້ນໄດ້ໂດຍລະບຸເຫດຜົນ`,
  ),
  STAGE_CHANGED: error<{ from: Texts; expected: Texts }>(
    CONFLICT,
    (p) =>
      `The guideline is now in ${p.from.en}, not ${p.expected.en}: another move came first. Reload and try again`,
    (p) =>
      `ຂໍ້ແນະນຳນີ້ປັດຈຸບັນຢູ່ໃນຂັ້ນຕອນ${p.from.lo} ບໍ່ແມ່ນ${p.expected.lo}: ມີການປ່ຽນຂັ້ນຕອນອື່ນເກີດຂຶ້ນກ່ອນແລ້ວ. ກະລຸນາໂຫຼດໃໝ່ແລ້ວລອງອີກຄັ້ງ`,
  ),
  ANOTHER_MOVE_WON: error<{ from: Texts }>(
    CONFLICT,
    (p) =>
      `The guideline is already in ${p.from.en}: another move came first. Reload and try again`,
    (p) => `ຂໍ້ແນະນຳນີ້ຢູ່ໃນຂັ້ນຕອນ${p.from.lo}ແລ້ວ: ມີການປ່ຽນຂັ້ນຕອນອື່ນເກີດຂຶ້ນກ່ອນແລ້ວ. ກະລຸນາໂຫຼດໃໝ່ແລ້ວລອງອີກຄັ້ງ`,
  ),
  STAGE_FINAL: error<{ from: Texts }>(
    UNPROCESSABLE,
    (p) => `The guideline is ${p.from.en}, a final stage: it cannot move any more`,
    (p) => `ຂໍ້ແນະນຳນີ້${p.from.lo} ເຊິ່ງເປັນຂັ້ນຕອນສຸດທ້າຍ: ບໍ່ສາມາດປ່ຽນຂັ້ນຕອນໄດ້ອີກ`,
  ),
  ALREADY_IN_STAGE: error<{ to: Texts }>(
    UNPROCESSABLE,
    (p) => `The guideline is already in ${p.to.en}`,
    (p) => `ຂໍ້ແນະນຳນີ້ຢູ່ໃນຂັ້ນຕອນ${p.to.lo}ແລ້ວ`,
  ),
  MOVE_NOT_ALLOWED: error<{ from: Texts; to: Texts; options: Texts }>(
    UNPROCESSABLE,
    (p) => `A guideline in ${p.from.en} cannot move to ${p.to.en}; it can move to: ${p.options.en}`,
    (p) => `ຂໍ້ແນະນຳທີ່ຢູ່ໃນຂັ້ນຕອນ${p.from.lo} ບໍ່ສາມາດປ່ຽນໄປຂັ້ນຕອນ${p.to.lo}ໄດ້; ສາມາດປ່ຽນໄປ: ${p.options.lo}`,
  ),
  OVERRIDE_REQUIRED: error<{ from: Texts; to: Texts }>(
    FORBIDDEN,
    (p) =>
      `An administrator makes the move from ${p.from.en} to ${p.to.en} only as an override: send override: true with a reason`,
    (p) =>
      `ຜູ້ບໍລິຫານລະບົບສາມາດປ່ຽນຈາກຂັ້ນຕອນ${p.from.lo}ໄປ${p.to.lo}ໄດ້ສະເພາະແບບຍົກເວັ້ນເທົ່ານັ້ນ: ສົ່ງ override: true ພ້ອມເຫດຜົນ`,
  ),
  ROLE_MAY_NOT_MOVE: error<{ who: Texts; from: Texts; to: Texts; you: Texts }>(
    FORBIDDEN,
    (p) =>
      `Only ${p.who.en} may move a guideline from ${p.from.en} to ${p.to.en}; you are ${p.you.en}`,
    (p) => `ມີແຕ່${p.who.lo}ທີ່ສາມາດປ່ຽນຂໍ້ແນະນຳຈາກຂັ້ນຕອນ${p.from.lo}ໄປ${p.to.lo}ໄດ້; ທ່ານແມ່ນ${p.you.lo}`,
  ),
  OVERRIDE_ADMIN_ONLY: error(
    FORBIDDEN,
    'Only an administrator may override a gate',
    'ມີແຕ່ຜູ້ບໍລິຫານລະບົບທີ່ສາມາດຍົກເວັ້ນເງື່ອນໄຂໄດ້',
  ),
  OVERRIDE_NOT_AVAILABLE: error<{ from: Texts; to: Texts }>(
    UNPROCESSABLE,
    (p) => `The move from ${p.from.en} to ${p.to.en} has no gate an override may set aside`,
    (p) => `ການປ່ຽນຈາກຂັ້ນຕອນ${p.from.lo}ໄປ${p.to.lo} ບໍ່ມີເງື່ອນໄຂທີ່ສາມາດຍົກເວັ້ນໄດ້`,
  ),
  GATES_UNMET: error<{ count: number }>(
    UNPROCESSABLE,
    (p) => `This move is refused: ${p.count} gates are unmet`,
    (p) => `ບໍ່ສາມາດປ່ຽນຂັ້ນຕອນໄດ້: ຍັງມີ ${p.count} ເງື່ອນໄຂທີ່ບໍ່ທັນຄົບ`,
  ),

  // ── Drafting, imports, exports, notifications, Markdown ─────────────────────────────────────
  DRAFT_FROZEN: error<{ stage: Texts }>(
    UNPROCESSABLE,
    (p) => `The guideline is ${p.stage.en}: it has no next version to prepare`,
    (p) => `ຂໍ້ແນະນຳນີ້${p.stage.lo}: ບໍ່ມີສະບັບຕໍ່ໄປໃຫ້ກະກຽມ`,
  ),
  DRAFT_STALE: error<{ given: number; current: number; by: string | null }>(
    CONFLICT,
    (p) =>
      `The draft was saved again since you opened it (revision ${p.current}, yours ${p.given})` +
      `${p.by ? ` by ${p.by}` : ''}: reload it and make your change again; nothing was overwritten`,
    (p) =>
      `ຮ່າງນີ້ຖືກບັນທຶກອີກຄັ້ງຫຼັງຈາກທີ່ທ່ານເປີດມັນ (ສະບັບແກ້ໄຂທີ ${p.current}, ຂອງທ່ານ ${p.given})` +
      `${p.by ? ` ໂດຍ ${p.by}` : ''}: ກະລຸນາໂຫຼດຄືນໃໝ່ ແລ້ວແກ້ໄຂອີກຄັ້ງ; ບໍ່ມີຫຍັງຖືກຂຽນທັບ`,
  ),
  DRAFT_EMPTY: error(
    UNPROCESSABLE,
    'The draft has no sections: add or import at least one before publishing',
    'ຮ່າງນີ້ບໍ່ມີພາກໃດເລີຍ: ກະລຸນາເພີ່ມ ຫຼື ນຳເຂົ້າຢ່າງໜ້ອຍໜຶ່ງພາກກ່ອນເຜີຍແຜ່',
  ),
  CHANGE_SUMMARY_REQUIRED: error(
    BAD_REQUEST,
    'Say what changed in this version (changeSummary) before publishing',
    'ກະລຸນາບອກວ່າມີຫຍັງປ່ຽນແປງໃນສະບັບນີ້ (ສະຫຼຸບການປ່ຽນແປງ) ກ່ອນເຜີຍແຜ່',
  ),
  NO_SUGGESTION: error(
    UNPROCESSABLE,
    'This comment suggests no wording: there is nothing to apply',
    'ຄຳເຫັນນີ້ບໍ່ໄດ້ສະເໜີຖ້ອຍຄຳໃດ: ບໍ່ມີຫຍັງໃຫ້ນຳໃຊ້',
  ),
  APPLY_NEEDS_ACCEPTANCE: error(
    BAD_REQUEST,
    'A suggestion is applied only with ACCEPTED or PARTIALLY_ACCEPTED',
    'ຖ້ອຍຄຳທີ່ສະເໜີຈະນຳໃຊ້ໄດ້ສະເພາະເມື່ອຮັບເອົາ ຫຼື ຮັບເອົາບາງສ່ວນເທົ່ານັ້ນ',
  ),
  SUGGESTION_ALREADY_IN_DRAFT: error(
    CONFLICT,
    'This suggestion is already written into the draft',
    'ຖ້ອຍຄຳທີ່ສະເໜີນີ້ໄດ້ຖືກຂຽນເຂົ້າໃນຮ່າງແລ້ວ',
  ),
  SUGGESTION_ALREADY_APPLIED: error<{ version: number }>(
    CONFLICT,
    (p) => `This suggestion was already applied in version ${p.version}`,
    (p) => `ຖ້ອຍຄຳທີ່ສະເໜີນີ້ໄດ້ຖືກນຳໃຊ້ແລ້ວໃນສະບັບທີ ${p.version}`,
  ),
  SECTION_NOT_IN_DRAFT: error<{ key: string }>(
    CONFLICT,
    (p) => `The draft has no section "${p.key}" any more: the suggestion has nowhere to go`,
    (p) => `ຮ່າງບໍ່ມີພາກ "${p.key}" ອີກແລ້ວ: ຖ້ອຍຄຳທີ່ສະເໜີບໍ່ມີບ່ອນໃສ່`,
  ),
  PASSAGE_NOT_IN_DRAFT: error<{ key: string }>(
    CONFLICT,
    (p) =>
      `The quoted passage no longer occurs in section "${p.key}" of the draft: another suggestion or an edit changed it`,
    (p) => `ຂໍ້ຄວາມທີ່ອ້າງອີງບໍ່ມີຢູ່ໃນພາກ "${p.key}" ຂອງຮ່າງອີກແລ້ວ: ຖ້ອຍຄຳທີ່ສະເໜີອື່ນ ຫຼື ການແກ້ໄຂໄດ້ປ່ຽນມັນ`,
  ),
  PASSAGE_AMBIGUOUS: error<{ key: string; times: number }>(
    CONFLICT,
    (p) =>
      `The quoted passage occurs ${p.times} times in section "${p.key}" of the draft: it is not clear which one to replace`,
    (p) => `ຂໍ້ຄວາມທີ່ອ້າງອີງມີ ${p.times} ບ່ອນໃນພາກ "${p.key}" ຂອງຮ່າງ: ບໍ່ຮູ້ວ່າຈະປ່ຽນບ່ອນໃດ`,
  ),
  IMAGES_DROPPED: says<{ count: number }>(
    (p) => `${p.count} image${p.count === 1 ? ' was' : 's were'} left out: sections hold text only`,
    (p) => `ຮູບພາບ ${p.count} ຮູບບໍ່ໄດ້ນຳເຂົ້າ: ພາກຕ່າງໆມີແຕ່ຂໍ້ຄວາມ`,
  ),
  TRACKED_CHANGES: says(
    'The file has tracked changes: they were read as if accepted (insertions kept, deletions left out); check the text',
    'ໄຟລ໌ນີ້ມີການຕິດຕາມການແກ້ໄຂ: ໄດ້ອ່ານເໝືອນວ່າຮັບເອົາທັງໝົດແລ້ວ (ເກັບສ່ວນທີ່ເພີ່ມ, ບໍ່ເອົາສ່ວນທີ່ລຶບ); ກະລຸນາກວດເບິ່ງຂໍ້ຄວາມ',
  ),
  COMMENTS_DROPPED: says<{ count: number }>(
    (p) =>
      `The file has ${p.count} Word comment${p.count === 1 ? '' : 's'}: they were left out (comments belong in the comment threads)`,
    (p) => `ໄຟລ໌ນີ້ມີຄຳເຫັນຂອງ Word ${p.count} ຂໍ້: ບໍ່ໄດ້ນຳເຂົ້າ (ຄຳເຫັນຕ້ອງຢູ່ໃນກະທູ້ຄຳເຫັນ)`,
  ),
  EMPTY_SECTION: says<{ heading: string }>(
    (p) => `Section "${p.heading}" has a heading but no text`,
    (p) => `ພາກ "${p.heading}" ມີຫົວຂໍ້ແຕ່ບໍ່ມີຂໍ້ຄວາມ`,
  ),
  TEXT_BEFORE_FIRST_HEADING: says(
    'Text before the first heading was kept as a section of its own, without heading ("preamble")',
    'ຂໍ້ຄວາມກ່ອນຫົວຂໍ້ທຳອິດໄດ້ຖືກເກັບໄວ້ເປັນພາກໜຶ່ງຕ່າງຫາກ ທີ່ບໍ່ມີຫົວຂໍ້ ("preamble")',
  ),
  NO_HEADINGS: says(
    'The file has no headings: its whole text became one section. Mark each article’s heading with the Heading 1 style to get one section per article',
    'ໄຟລ໌ນີ້ບໍ່ມີຫົວຂໍ້: ຂໍ້ຄວາມທັງໝົດກາຍເປັນພາກດຽວ. ກະລຸນາໃຊ້ຮູບແບບ Heading 1 ກັບຫົວຂໍ້ຂອງແຕ່ລະມາດຕາ ເພື່ອໃຫ້ໄດ້ໜຶ່ງພາກຕໍ່ໜຶ່ງມາດຕາ',
  ),
  SECTIONS_FROM_HEADING_LEVEL: says<{ level: number }>(
    (p) => `The file has no Heading 1: each Heading ${p.level} started a section`,
    (p) => `ໄຟລ໌ນີ້ບໍ່ມີ Heading 1: ແຕ່ລະ Heading ${p.level} ໄດ້ເລີ່ມພາກໃໝ່`,
  ),
  EMPTY_DOCUMENT: error(BAD_REQUEST, 'The file has no text', 'ໄຟລ໌ນີ້ບໍ່ມີຂໍ້ຄວາມ'),
  NOT_A_DOCX: error(
    UNSUPPORTED_MEDIA_TYPE,
    'The file is not a Word document (.docx)',
    'ໄຟລ໌ນີ້ບໍ່ແມ່ນເອກະສານ Word (.docx)',
  ),
  LEGACY_WORD_FILE: error(
    UNSUPPORTED_MEDIA_TYPE,
    'The file is an old Word document (.doc): save it as .docx in Word and import that',
    'ໄຟລ໌ນີ້ແມ່ນເອກະສານ Word ແບບເກົ່າ (.doc): ກະລຸນາບັນທຶກເປັນ .docx ໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  ),
  CORRUPT_FILE: error(
    BAD_REQUEST,
    'The file is damaged and cannot be read: open it in Word, save it again and import that',
    'ໄຟລ໌ນີ້ເສຍຫາຍ ແລະ ອ່ານບໍ່ໄດ້: ກະລຸນາເປີດໃນ Word, ບັນທຶກອີກຄັ້ງ ແລ້ວນຳເຂົ້າ',
  ),
  ENCRYPTED_FILE: error(
    BAD_REQUEST,
    'The file is protected by a password: remove the password in Word (File > Info > Protect Document) and import it again',
    'ໄຟລ໌ນີ້ຖືກປ້ອງກັນດ້ວຍລະຫັດຜ່ານ: ກະລຸນາລຶບລະຫັດຜ່ານໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  ),
  UNPACKED_TOO_LARGE: error<{ limitMiB: number }>(
    PAYLOAD_TOO_LARGE,
    (p) => `The file unpacks to more than ${p.limitMiB} MiB: it is not an ordinary Word document`,
    (p) => `ໄຟລ໌ນີ້ເມື່ອແຕກອອກມີຂະໜາດເກີນ ${p.limitMiB} MiB: ບໍ່ແມ່ນເອກະສານ Word ທຳມະດາ`,
  ),
  TOO_MANY_PARTS: error<{ limit: number }>(
    BAD_REQUEST,
    (p) => `The file holds more than ${p.limit} parts: it is not an ordinary Word document`,
    (p) => `ໄຟລ໌ນີ້ມີຫຼາຍກວ່າ ${p.limit} ສ່ວນ: ບໍ່ແມ່ນເອກະສານ Word ທຳມະດາ`,
  ),
  IMPORTED_SECTIONS_INVALID: error(
    BAD_REQUEST,
    'The file’s sections break the section rules (see details): shorten or split them in Word and import again',
    'ພາກຕ່າງໆຂອງໄຟລ໌ບໍ່ຖືກຕາມກົດຂອງພາກ (ເບິ່ງລາຍລະອຽດ): ກະລຸນາຫຍໍ້ ຫຼື ແບ່ງໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  ),
  IMPORTS_BUSY: error(
    UNAVAILABLE,
    'Too many Word files are being imported right now: try again in a minute',
    'ກຳລັງນຳເຂົ້າໄຟລ໌ Word ຫຼາຍເກີນໄປໃນຕອນນີ້: ກະລຸນາລອງໃໝ່ໃນອີກໜຶ່ງນາທີ',
  ),
  EXPORTS_BUSY: error(
    UNAVAILABLE,
    'Too many files are being prepared right now: try again in a few seconds',
    'ກຳລັງກະກຽມໄຟລ໌ຫຼາຍເກີນໄປໃນຕອນນີ້: ກະລຸນາລອງໃໝ່ໃນອີກບໍ່ເທົ່າໃດວິນາທີ',
  ),
  EXPORTS_BUSY_DETAIL: says(
    'Every export thread is busy and the queue is full',
    'ທຸກເທຣດສົ່ງອອກກຳລັງເຮັດວຽກ ແລະ ຄິວເຕັມແລ້ວ',
  ),
  PREFERENCES_REFUSED: error(
    BAD_REQUEST,
    'These e-mail preferences cannot be saved',
    'ບໍ່ສາມາດບັນທຶກການຕັ້ງຄ່າອີເມວເຫຼົ່ານີ້ໄດ້',
  ),
  OFFICIAL_NOTICE: says<{ name: Texts }>(
    (p) =>
      `"${p.name.en}" are the court's official notices: their e-mail cannot be turned off, only gathered into the daily digest`,
    (p) => `"${p.name.lo}" ແມ່ນແຈ້ງການທາງການຂອງສານ: ບໍ່ສາມາດປິດອີເມວໄດ້, ພຽງແຕ່ລວມເຂົ້າໃນສະຫຼຸບປະຈຳວັນເທົ່ານັ້ນ`,
  ),
  UNKNOWN_KIND: says<{ kind: string }>(
    (p) => `${p.kind} is not a kind of notice`,
    (p) => `${p.kind} ບໍ່ແມ່ນປະເພດຂອງແຈ້ງການ`,
  ),
  UNKNOWN_FREQUENCY: says('must be IMMEDIATE, DAILY or OFF', 'ຕ້ອງແມ່ນ IMMEDIATE, DAILY ຫຼື OFF'),
  NOTIFICATION_NOT_FOUND: error(NOT_FOUND, 'Notification not found', 'ບໍ່ພົບແຈ້ງການ'),
  MARKDOWN_UNREADABLE: error(
    UNPROCESSABLE,
    'The Markdown cannot be read as sections',
    'ບໍ່ສາມາດອ່ານ Markdown ເປັນພາກຕ່າງໆໄດ້',
  ),
  MARKDOWN_LINE: says<{ line: number; en: string; lo: string }>(
    (p) => `line ${p.line}: ${p.en}`,
    (p) => `ແຖວ ${p.line}: ${p.lo}`,
  ),
  MD_FRONT_MATTER_VALUE: says(
    'front matter value is not a valid quoted string',
    'ຄ່າໃນສ່ວນຫົວ (front matter) ບໍ່ແມ່ນຂໍ້ຄວາມໃນວົງຢືມທີ່ຖືກຕ້ອງ',
  ),
  MD_FRONT_MATTER_LINE: says(
    'front matter line is not "key: value"',
    'ແຖວໃນສ່ວນຫົວ (front matter) ບໍ່ແມ່ນຮູບແບບ "key: value"',
  ),
  MD_FRONT_MATTER_OPEN: says(
    'front matter is not closed by a "---" line',
    'ສ່ວນຫົວ (front matter) ບໍ່ໄດ້ປິດດ້ວຍແຖວ "---"',
  ),
  MD_METADATA_NOT_JSON: says('section metadata is not valid JSON', 'ຂໍ້ມູນກຳກັບພາກບໍ່ແມ່ນ JSON ທີ່ຖືກຕ້ອງ'),
  MD_METADATA_INCOMPLETE: says(
    'section metadata needs a key, a kind of text or indicator, and string fields',
    'ຂໍ້ມູນກຳກັບພາກຕ້ອງມີ key, ປະເພດ text ຫຼື indicator, ແລະ ຊ່ອງທີ່ເປັນຂໍ້ຄວາມ',
  ),
  MD_KEY_TWICE: says<{ key: string; first: number }>(
    (p) => `section key "${p.key}" is used twice (first at line ${p.first})`,
    (p) => `ລະຫັດພາກ "${p.key}" ຖືກໃຊ້ສອງເທື່ອ (ເທື່ອທຳອິດຢູ່ແຖວ ${p.first})`,
  ),
  MD_FENCE_OPEN: says('fenced section body is not closed', 'ເນື້ອໃນພາກທີ່ເລີ່ມດ້ວຍ ``` ບໍ່ໄດ້ປິດ'),
  MD_TEXT_AFTER_FENCE: says(
    'text after a fenced section body belongs inside the fence',
    'ຂໍ້ຄວາມຫຼັງເນື້ອໃນທີ່ປິດດ້ວຍ ``` ຕ້ອງຢູ່ພາຍໃນ',
  ),
  MARKDOWN_NO_SECTION: error(UNPROCESSABLE, 'The Markdown has no section', 'Markdown ນີ້ບໍ່ມີພາກໃດເລີຍ'),
  MARKDOWN_NO_SECTION_DETAIL: says(
    'line 1: no section found: start each section with a "## Heading" line',
    'ແຖວ 1: ບໍ່ພົບພາກໃດເລີຍ: ເລີ່ມແຕ່ລະພາກດ້ວຍແຖວ "## ຫົວຂໍ້"',
  ),
} satisfies Record<string, AnyEntry>;

export type MessageCode = keyof typeof CATALOGUE;

/** The codes that are errors (they name their kind), as opposed to sentences of a detail. */
export type ErrorMessageCode = {
  [C in MessageCode]: (typeof CATALOGUE)[C] extends { kind: ErrorKind } ? C : never;
}[MessageCode];

/** The parameters an entry's sentences take. */
export type ParamsOf<C extends MessageCode> = C extends MessageCode
  ? (typeof CATALOGUE)[C] extends Entry<infer P>
    ? P
    : never
  : never;

function sayIn<P>(say: Say<P>, params: P): string {
  return typeof say === 'function' ? say(params) : say;
}

/** An entry's sentence in both languages. */
export function texts<C extends MessageCode>(code: C, params?: ParamsOf<C>): Texts {
  const entry = CATALOGUE[code] as Entry<ParamsOf<C>>;
  const p = (params ?? {}) as ParamsOf<C>;
  return { en: sayIn(entry.en, p), lo: sayIn(entry.lo, p) };
}

/** The kind of an error code (what the filter maps to HTTP). */
export function kindOf(code: ErrorMessageCode): ErrorKind {
  return (CATALOGUE[code] as ErrorEntry<unknown>).kind;
}

export function isErrorCode(code: string): code is ErrorMessageCode {
  return Boolean((CATALOGUE as Record<string, AnyEntry>)[code]?.kind);
}

/** A rule's reason: its code with its sentence in both languages (an entry of `details`). */
export interface CodedReason<C extends string = MessageCode> extends Reason {
  code: C;
}

export function reason<C extends MessageCode>(code: C, params?: ParamsOf<C>): CodedReason<C> {
  return { code, ...texts(code, params) };
}

export function inLocale(text: Texts, locale: Locale): string {
  return locale === 'lo' ? text.lo : text.en;
}
