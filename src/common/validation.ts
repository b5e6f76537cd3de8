import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { getMetadataStorage, ValidationOptions } from 'class-validator';
import { detail, ErrorDetail } from './app-error';
import { MessageCode, texts, Texts } from '../court/catalogue';
import { CommonErrorCode, CommonException } from './common.exception';

/** class-validator's constraint names and the catalogue entry that words each in both languages. */
const CONSTRAINT_TEXTS: Record<string, MessageCode> = {
  isString: 'VALIDATION_IS_STRING',
  maxLength: 'VALIDATION_MAX_LENGTH',
  minLength: 'VALIDATION_MIN_LENGTH',
  isInt: 'VALIDATION_IS_INT',
  min: 'VALIDATION_MIN',
  max: 'VALIDATION_MAX',
  isNotEmpty: 'VALIDATION_NOT_EMPTY',
  isIn: 'VALIDATION_IS_IN',
  isEnum: 'VALIDATION_IS_IN',
  isObject: 'VALIDATION_IS_OBJECT',
  isBoolean: 'VALIDATION_IS_BOOLEAN',
  isEmail: 'VALIDATION_IS_EMAIL',
  isArray: 'VALIDATION_IS_ARRAY',
  isUuid: 'VALIDATION_IS_UUID',
  arrayMaxSize: 'VALIDATION_ARRAY_MAX_SIZE',
  arrayMinSize: 'VALIDATION_ARRAY_MIN_SIZE',
  isDefined: 'VALIDATION_IS_DEFINED',
  whitelistValidation: 'VALIDATION_UNKNOWN_PROPERTY',
  nestedValidation: 'VALIDATION_NESTED',
  matches: 'VALIDATION_MATCHES',
  isDayOrInstant: 'VALIDATION_DAY_OR_INSTANT',
  calendarDay: 'VALIDATION_CALENDAR_DAY',
};

/**
 * A validator's own message from the catalogue: `@Matches(re, validationMessage('SECTION_KEY_FORM'))`.
 * The English goes to class-validator as the message; the code rides along in its context, so the
 * answer can give the Lao too.
 */
export function validationMessage(code: MessageCode): ValidationOptions {
  return { message: texts(code).en, context: { messageCode: code } };
}

interface ConstraintFacts {
  args: unknown[];
  each: boolean;
}

/** The arguments a decorator was given (`@MaxLength(20000)`: 20000), read from class-validator. */
function constraintFacts(error: ValidationError, name: string): ConstraintFacts {
  const target = error.target?.constructor;
  if (!target) return { args: [], each: false };
  const found = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === name);
  return { args: (found?.constraints as unknown[] | undefined) ?? [], each: Boolean(found?.each) };
}

function valuesText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}

/** One broken constraint in both languages: the English as class-validator says it. */
function constraintTexts(error: ValidationError, name: string, english: string): Texts {
  const own = error.contexts?.[name]?.messageCode as MessageCode | undefined;
  if (own) return texts(own);
  const code = CONSTRAINT_TEXTS[name] ?? 'VALIDATION_OTHER';
  const facts = constraintFacts(error, name);
  const property = error.property;
  const params = {
    property,
    bound: facts.args[0] as number,
    values: valuesText(facts.args[0]),
  };
  const lao = texts(code, params as never).lo;
  return {
    en: english,
    lo: facts.each ? texts('VALIDATION_EACH', { sentence: lao }).lo : lao,
  };
}

/** class-validator's errors as `details` entries, one per broken constraint, nested fields dotted. */
export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => ({
      field,
      message: constraintTexts(error, name, message),
    }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

/** The most details a validation answer lists: a body with thousands of faults gets a small answer. */
export const MAX_VALIDATION_DETAILS = 20;

/**
 * At most MAX_VALIDATION_DETAILS details; beyond them, one last entry (code MORE_DETAILS) counts
 * the rest, and the message says how many there were.
 */
export function boundedValidationError(details: ErrorDetail[]): CommonException {
  if (details.length <= MAX_VALIDATION_DETAILS) {
    return new CommonException(CommonErrorCode.INVALID_REQUEST, {}, details);
  }
  const rest = details.length - MAX_VALIDATION_DETAILS;
  return new CommonException(
    CommonErrorCode.INVALID_REQUEST_TRUNCATED,
    { total: details.length, listed: MAX_VALIDATION_DETAILS },
    [
      ...details.slice(0, MAX_VALIDATION_DETAILS),
      detail('MORE_DETAILS', { count: rest }, { code: 'MORE_DETAILS', count: rest }),
    ],
  );
}

/** Global pipe: unknown fields and wrong types answer 400 with one detail per bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The object each error was found in: its class's decorators give the Lao its bounds
    // (`@MaxLength(20000)`: 20000). Read here only, never sent.
    validationError: { target: true },
    exceptionFactory: (errors) => boundedValidationError(validationDetails(errors)),
  });
}

/** Trims a string field before it is validated (other types pass through to their validator). */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
