import { AppError, ErrorCode } from '../common/app-error';
import { ACCOUNT_TEXT, AccountProblem } from '../common/auth-texts';
import { Locale } from '../court/roles';

/** An account refusal in the reader's language, with its code (and field) in `details[0]`. */
export function accountError(
  code: ErrorCode,
  problem: AccountProblem,
  locale: Locale,
  field?: string,
): AppError {
  const message = ACCOUNT_TEXT[problem][locale];
  return new AppError(code, message, [{ ...(field ? { field } : {}), code: problem, message }]);
}
