import { ErrorMessageCode, MessageCode, ParamsOf, Texts, kindOf, texts } from '../court/catalogue';
import { ErrorKind } from '../court/error-kind';
import type { Locale } from '../court/roles';

export { ErrorKind } from '../court/error-kind';

/**
 * One entry of `details` as a refusal carries it: a field or reason code and a sentence in both
 * languages; the exception filter keeps the one of the request's language as `message`.
 */
export interface ErrorDetail {
  code?: string;
  field?: string;
  message: Texts;
  [extra: string]: unknown;
}

/** One entry of `details` as the answer carries it: the sentence in one language. */
export interface AnswerDetail {
  code?: string;
  field?: string;
  message: string;
  [extra: string]: unknown;
}

/** A detail worded by the catalogue: `detail('EMAIL_TAKEN_DETAIL', {}, {field: 'email'})`. */
export function detail<C extends MessageCode>(
  code: C,
  params?: ParamsOf<C>,
  extra: { code?: string; field?: string; [extra: string]: unknown } = {},
): ErrorDetail {
  return { ...extra, message: texts(code, params) };
}

/** A reason of a rule (code and both languages) as a detail. */
export function reasonDetail(
  reason: { code: string; en: string; lo: string },
  extra: Record<string, unknown> = {},
): ErrorDetail {
  return { code: reason.code, ...extra, message: { en: reason.en, lo: reason.lo } };
}

/**
 * A refusal: an error code of the catalogue (which names its kind, mapped to HTTP by the one
 * exception filter), the parameters of its sentence and the details. Each module throws its own
 * subclass with its own code enum (`CommentException` with `CommentErrorCode`, in
 * `<module>/<module>.exception.ts`); `src/common/common.exception.ts` holds the codes of the edge.
 */
export class AppError<C extends ErrorMessageCode = ErrorMessageCode> extends Error {
  readonly kind: ErrorKind;
  readonly texts: Texts;
  /** The language of the person refused when the request has no signed-in caller (a sign-in). */
  readerLocale?: Locale;

  constructor(
    readonly code: C,
    params?: ParamsOf<C>,
    readonly details: ErrorDetail[] = [],
    /** The answer's message when it is not the code's own sentence (a refusal's first reason). */
    message?: Texts,
  ) {
    const worded = message ?? texts(code, params);
    super(worded.en);
    this.kind = kindOf(code);
    this.texts = worded;
  }

  forReader(locale: Locale): this {
    this.readerLocale = locale;
    return this;
  }

  /**
   * A refusal whose message is its first reason (a rule's reason with its own code): the code of
   * the answer is the reason's, the details are every reason.
   */
  static because<C extends ErrorMessageCode>(
    this: new (
      code: C,
      params?: ParamsOf<C>,
      details?: ErrorDetail[],
      message?: Texts,
    ) => AppError<C>,
    // The code as text: a rule of src/court names it without the module's enum.
    reason: { code: `${C}`; en: string; lo: string },
    extra: Record<string, unknown> = {},
  ): AppError<C> {
    const first = reasonDetail(reason, extra);
    return new this(reason.code as C, undefined, [first], first.message);
  }
}
