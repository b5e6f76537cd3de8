import { CATALOGUE, inLocale, isErrorCode, kindOf, MessageCode, texts } from './catalogue';
import { STATUS_OF } from '../common/all-exceptions.filter';
import { AccountErrorCode } from '../accounts/account.exception';
import { AgencyErrorCode } from '../agencies/agency.exception';
import { AuthErrorCode } from '../auth/auth.exception';
import { CommentErrorCode } from '../comments/comment.exception';
import { CommonErrorCode } from '../common/common.exception';
import { DraftingErrorCode, ImportWarningCode } from '../drafting/drafting.exception';
import { EventErrorCode } from '../events/event.exception';
import { ExportErrorCode } from '../exports/export.exception';
import { GuidelineErrorCode } from '../guidelines/guideline.exception';
import { IdempotencyErrorCode } from '../idempotency/idempotency.exception';
import { NotificationErrorCode } from '../notifications/notification.exception';
import { QueueDashboardErrorCode } from '../queue-dashboard/queue-dashboard.exception';
import { ReportErrorCode } from '../reports/report.exception';
import { ReviewErrorCode } from '../reviews/review.exception';
import { UserErrorCode } from '../users/user.exception';
import { WebErrorCode } from '../web/web.exception';
import { WorkflowErrorCode } from '../workflow/workflow.exception';

const LAO = /[\u0E80-\u0EFF]/;
const LATIN_WORD = /[A-Za-z]+/g;

/**
 * A parameter of every shape an entry reads: text (with `toLowerCase`), a number in a template,
 * or a pair of words (`.en`, `.lo`). Lao words in the pair so a Lao sentence built only from its
 * parameters would still not pass for Lao by accident of its own text: see the ASCII check below.
 */
function sampleParams(): unknown {
  return new Proxy(
    {},
    {
      get: () => Object.assign(new String('7'), { en: 'seven', lo: '7' }),
    },
  );
}

const codes = Object.keys(CATALOGUE) as MessageCode[];
const rendered = codes.map((code) => [code, texts(code, sampleParams() as never)] as const);

const MODULE_ENUMS: Record<string, Record<string, string>> = {
  AccountErrorCode,
  AgencyErrorCode,
  AuthErrorCode,
  CommentErrorCode,
  CommonErrorCode,
  DraftingErrorCode,
  ImportWarningCode,
  EventErrorCode,
  ExportErrorCode,
  GuidelineErrorCode,
  IdempotencyErrorCode,
  NotificationErrorCode,
  QueueDashboardErrorCode,
  ReportErrorCode,
  ReviewErrorCode,
  UserErrorCode,
  WebErrorCode,
  WorkflowErrorCode,
};

describe('the catalogue of messages', () => {
  it('holds a few hundred codes, each once', () => {
    expect(codes.length).toBeGreaterThan(150);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(rendered)('%s has an English and a Lao sentence', (_code, said) => {
    expect(said.en.trim().length).toBeGreaterThan(0);
    expect(said.lo.trim().length).toBeGreaterThan(0);
    expect(said.en).not.toMatch(LAO);
    expect(said.lo).toMatch(LAO);
    expect(said.lo).not.toBe(said.en);
  });

  it.each(rendered)('%s says in Lao more than its parameters and codes', (_code, said) => {
    // What is left once the Latin words (codes, field names, formats) are taken out is Lao.
    const rest = said.lo.replace(LATIN_WORD, '').replace(/[\x20-\x7E\u2018-\u201F\u2026]/g, '');
    expect(rest).toMatch(/^[\u0E80-\u0EFF]+$/);
  });

  it('gives every error code a kind the filter answers with a status', () => {
    for (const code of codes.filter(isErrorCode)) {
      expect(STATUS_OF[kindOf(code)]).toBeGreaterThanOrEqual(400);
    }
  });

  it('words every code of every module enum (the enums hold no code of their own)', () => {
    for (const [name, values] of Object.entries(MODULE_ENUMS)) {
      for (const value of Object.values(values)) {
        expect(`${name}.${value}: ${value in CATALOGUE}`).toBe(`${name}.${value}: true`);
      }
    }
  });

  it('gives error codes to the exception enums only', () => {
    for (const [name, values] of Object.entries(MODULE_ENUMS)) {
      if (name === 'ImportWarningCode') continue;
      for (const value of Object.values(values)) {
        expect(`${name}.${value}: ${isErrorCode(value)}`).toBe(`${name}.${value}: true`);
      }
    }
  });

  it('picks the sentence of the language asked', () => {
    const said = texts('UNKNOWN_AGENCY', { code: 'MOJ' });
    expect(inLocale(said, 'en')).toBe('Unknown agency MOJ');
    expect(inLocale(said, 'lo')).toBe('ບໍ່ຮູ້ຈັກອົງການ MOJ');
  });
});
