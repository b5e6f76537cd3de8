import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detail } from './app-error';
import { CommonErrorCode, CommonException } from './common.exception';
import { Locale } from '../court/roles';
import { texts } from '../court/catalogue';

/**
 * The one password rule, for every way a password is set (an administrator creating or changing a
 * user, ADMIN_PASSWORD at start, a user changing or resetting their own). Pure: the reason is a
 * code; {@link PasswordPolicy} turns it into a 400 in the reader's language.
 */
export const PASSWORD_MIN_LENGTH = 10;

/** What the API documentation says of every password field. */
export const PASSWORD_RULE =
  'At least 10 characters, not mostly one character, not the e-mail address or the name, not one of the 10,000 most common passwords (400 with details[0].code PASSWORD_TOO_SHORT, PASSWORD_REPETITIVE, PASSWORD_PERSONAL or PASSWORD_COMMON)';

export enum PasswordProblem {
  TOO_SHORT = 'PASSWORD_TOO_SHORT',
  REPETITIVE = 'PASSWORD_REPETITIVE',
  PERSONAL = 'PASSWORD_PERSONAL',
  COMMON = 'PASSWORD_COMMON',
}

/** Whose password it is: it may not be their e-mail address or name. */
export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

/** The most frequent character may make up less than half, and there are at least this many different ones. */
const MIN_DISTINCT_CHARACTERS = 4;
/** A personal word or common password inside a password counts only with fewer other letters than this. */
const MIN_EXTRA_CHARACTERS = 4;

let common: Set<string> | null = null;

/** The shipped list (src/common/common-passwords.txt, copied beside the compiled file), read once. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8');
    const lines = text.split('\n');
    let start = 0;
    while (lines[start]?.startsWith('#')) start += 1;
    common = new Set(lines.slice(start).filter((line) => line.length > 0));
  }
  return common;
}

/** Letters, marks (Lao vowels and tones are marks) and digits only, lower-cased, compatibility-folded. */
function letters(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

function isRepetitive(characters: string[]): boolean {
  const counts = new Map<string, number>();
  for (const c of characters) counts.set(c, (counts.get(c) ?? 0) + 1);
  const most = Math.max(...counts.values());
  return most * 2 >= characters.length || counts.size < MIN_DISTINCT_CHARACTERS;
}

function isPersonal(password: string, owner: PasswordOwner): boolean {
  const candidate = letters(password);
  if (!candidate) return false;
  const words = new Set<string>();
  if (owner.email) {
    words.add(letters(owner.email));
    words.add(letters(owner.email.split('@')[0]));
  }
  if (owner.name) {
    words.add(letters(owner.name));
    for (const part of owner.name.split(/\s+/)) {
      if (letters(part).length >= MIN_EXTRA_CHARACTERS) words.add(letters(part));
    }
  }
  words.delete('');
  // Digits and symbols around an e-mail or a name ("sisavath2026") do not make it less personal.
  return [...words].some((word) => {
    if (!candidate.includes(word)) return false;
    const rest = candidate.replace(word, '').replace(/\p{N}+/gu, '');
    return rest.length < MIN_EXTRA_CHARACTERS;
  });
}

/** In the list as it is, or as a listed password with digits or symbols added before or after it. */
function isCommon(password: string): boolean {
  const list = commonPasswords();
  const lower = password.normalize('NFKC').toLowerCase();
  if (list.has(lower) || list.has(lower.trim())) return true;
  const core = lower.replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');
  return core.length >= MIN_EXTRA_CHARACTERS && list.has(core);
}

/** The first reason this password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  owner: PasswordOwner = {},
): PasswordProblem | null {
  // Code points, as typed: a Lao vowel or tone mark is a key of its own.
  const characters = Array.from(password.normalize('NFC').toLowerCase());
  if (characters.length < PASSWORD_MIN_LENGTH) return PasswordProblem.TOO_SHORT;
  if (isRepetitive(characters)) return PasswordProblem.REPETITIVE;
  if (isPersonal(password, owner)) return PasswordProblem.PERSONAL;
  if (isCommon(password)) return PasswordProblem.COMMON;
  return null;
}

export function passwordProblemText(problem: PasswordProblem, locale: Locale): string {
  return texts(problem)[locale];
}

const PROBLEM_CODE: Record<PasswordProblem, CommonErrorCode> = {
  [PasswordProblem.TOO_SHORT]: CommonErrorCode.PASSWORD_TOO_SHORT,
  [PasswordProblem.REPETITIVE]: CommonErrorCode.PASSWORD_REPETITIVE,
  [PasswordProblem.PERSONAL]: CommonErrorCode.PASSWORD_PERSONAL,
  [PasswordProblem.COMMON]: CommonErrorCode.PASSWORD_COMMON,
};

@Injectable()
export class PasswordPolicy {
  /** 400 with `details[0] = {field, code, message}` (in the reader's language) when the password is refused. */
  assertAcceptable(password: string, owner: PasswordOwner, field = 'password'): void {
    const problem = passwordProblem(password, owner);
    if (!problem) return;
    throw new CommonException(PROBLEM_CODE[problem], {}, [
      detail(problem, {}, { field, code: problem }),
    ]);
  }
}
