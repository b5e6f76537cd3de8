import type { SecondFactorErrorCode } from './second-factor.exception';

/** The code in `details[0].code` of a second-factor refusal (its words: src/court/catalogue.ts). */
export type SecondFactorProblem = Exclude<`${SecondFactorErrorCode}`, 'TOTP_WRONG_AT_ENROLMENT'>;
