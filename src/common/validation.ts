import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ErrorDetail } from './app-error';

/** class-validator's errors as `details` entries, one per broken constraint, nested fields dotted. */
export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

/** The most details a validation answer lists: a body with thousands of faults gets a small answer. */
export const MAX_VALIDATION_DETAILS = 20;

/**
 * At most MAX_VALIDATION_DETAILS details; beyond them, one last entry (code MORE_DETAILS) counts
 * the rest, and the message says how many there were.
 */
export function boundedValidationAnswer(details: ErrorDetail[]): {
  message: string;
  details: ErrorDetail[];
} {
  if (details.length <= MAX_VALIDATION_DETAILS) return { message: 'Invalid request', details };
  const rest = details.length - MAX_VALIDATION_DETAILS;
  return {
    message: `Invalid request: ${details.length} problems, the first ${MAX_VALIDATION_DETAILS} listed`,
    details: [
      ...details.slice(0, MAX_VALIDATION_DETAILS),
      { code: 'MORE_DETAILS', count: rest, message: `${rest} more not listed` },
    ],
  };
}

/** Global pipe: unknown fields and wrong types answer 400 with one detail per bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = validationDetails(errors);
      return new BadRequestException(boundedValidationAnswer(details));
    },
  });
}

/** Trims a string field before it is validated (other types pass through to their validator). */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
