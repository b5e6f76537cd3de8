import { detail } from '../common/app-error';
import { AccountErrorCode, AccountException } from './account.exception';

/** An account refusal, with its code (and field) in `details[0]`. */
export function accountError(code: AccountErrorCode, field?: string): AccountException {
  return new AccountException(code, {}, [detail(code, {}, { ...(field ? { field } : {}), code })]);
}
