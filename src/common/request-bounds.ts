import type { FastifyInstance } from 'fastify';
import { AppError, detail } from './app-error';
import { CommonErrorCode, CommonException } from './common.exception';

/**
 * Bounds on the work one request can ask for, checked on the body's text before it is parsed
 * (parsing an object of 90,000 keys alone takes longer than answering), and so before validation
 * (class-validator and class-transformer work in proportion to what they are given, recursively):
 * - a JSON body nested deeper than MAX_JSON_DEPTH is 400 JSON_TOO_DEEP (the deepest body a route
 *   reads is 4 levels: a version's sections, an event's institutions);
 * - a JSON body with more than MAX_JSON_MEMBERS members (object keys and array items, counted
 *   together at every level) is 413 JSON_TOO_MANY_MEMBERS (the largest a route reads, a version of
 *   1,000 sections of up to 6 fields, has about 7,000);
 * - a NUL character in any string or key of a body is 400 NUL_CHARACTER, naming the field
 *   (PostgreSQL cannot store one in text), and so is one anywhere in the address (a query such as
 *   `q`, or a path).
 * Then validation answers at most MAX_VALIDATION_DETAILS details (src/common/validation.ts).
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_MEMBERS = 10_000;

const NUL = '\u0000';
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const U = 117;

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * One pass over a JSON text, without parsing it: refused when too deep or with too many members;
 * `mayHoldNul` when a string or key holds the escape \u0000 (JSON text cannot hold a raw NUL).
 * A text that is not JSON is left to the parser to refuse.
 */
export function scanJsonText(text: string): { refusal: AppError | null; mayHoldNul: boolean } {
  const inArray: boolean[] = [];
  let inString = false;
  let expectItem = false;
  let members = 0;
  let mayHoldNul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === U && text.startsWith('0000', i + 2)) mayHoldNul = true;
        i++;
      } else if (c === QUOTE) {
        inString = false;
      }
      continue;
    }
    if (isJsonSpace(c)) continue;
    if (expectItem && c !== CLOSE_ARRAY) {
      expectItem = false;
      if (++members > MAX_JSON_MEMBERS) return { refusal: tooManyMembers(), mayHoldNul };
    }
    switch (c) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        inArray.push(c === OPEN_ARRAY);
        if (inArray.length > MAX_JSON_DEPTH) return { refusal: tooDeep(), mayHoldNul };
        expectItem = c === OPEN_ARRAY;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        inArray.pop();
        expectItem = false;
        break;
      case COLON:
        if (++members > MAX_JSON_MEMBERS) return { refusal: tooManyMembers(), mayHoldNul };
        break;
      case COMMA:
        expectItem = inArray[inArray.length - 1] === true;
        break;
    }
  }
  return { refusal: null, mayHoldNul };
}

function tooDeep(): AppError {
  return new CommonException(CommonErrorCode.JSON_TOO_DEEP, { depth: MAX_JSON_DEPTH }, [
    detail('JSON_TOO_DEEP_DETAIL', { depth: MAX_JSON_DEPTH }, { code: 'JSON_TOO_DEEP' }),
  ]);
}

function tooManyMembers(): AppError {
  const members = MAX_JSON_MEMBERS;
  return new CommonException(CommonErrorCode.JSON_TOO_MANY_MEMBERS, { members }, [
    detail('JSON_TOO_MANY_MEMBERS_DETAIL', { members }, { code: 'JSON_TOO_MANY_MEMBERS' }),
  ]);
}

/** The refusal of a parsed body holding a NUL character, naming the first field that does. */
export function nulCharacterProblem(body: unknown): AppError | null {
  // Iterative; the body is already known to be at most MAX_JSON_DEPTH deep.
  const stack: [value: unknown, path: string][] = [[body, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return nulInBody(path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) return nulInBody(field.replace(/\0/g, '\\0'));
      stack.push([item, field]);
    }
  }
  return null;
}

function nulInBody(field: string): AppError {
  return new CommonException(CommonErrorCode.NUL_IN_BODY, {}, [
    detail('NUL_IN_BODY_DETAIL', {}, { code: 'NUL_CHARACTER', field }),
  ]);
}

/** A NUL character in the address (query or path, written %00) is refused before routing. */
export function refuseNulInAddress(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (/%00/.test(request.url) || request.url.includes(NUL)) {
      return done(
        new CommonException(CommonErrorCode.NUL_IN_ADDRESS, {}, [
          detail('NUL_IN_ADDRESS_DETAIL', {}, { code: 'NUL_CHARACTER' }),
        ]),
      );
    }
    done();
  });
}
