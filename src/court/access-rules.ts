import { Role } from './roles';

/** Who creates guidelines (POST /api/guidelines). */
export const GUIDELINE_CREATORS: readonly Role[] = [Role.SECRETARIAT];
/** Who reads review requests (an agency's reviewers those of their own agency). */
export const REVIEW_READERS: readonly Role[] = [
  Role.AGENCY_REVIEWER,
  Role.SECRETARIAT,
  Role.OBSERVER,
  Role.ADMIN,
];
/** Who reads the participation report (programme monitoring). */
export const REPORT_READERS: readonly Role[] = [Role.SECRETARIAT, Role.OBSERVER, Role.ADMIN];
/** Who manages users and agencies. */
export const ADMINISTRATORS: readonly Role[] = [Role.ADMIN];

/** What the caller may open whatever the guideline: the screens' menu reads it from /api/me. */
export interface AccountActions {
  createGuideline: boolean;
  readReviews: boolean;
  readReports: boolean;
  administer: boolean;
}

export function accountActions(role: Role): AccountActions {
  return {
    createGuideline: GUIDELINE_CREATORS.includes(role),
    readReviews: REVIEW_READERS.includes(role),
    readReports: REPORT_READERS.includes(role),
    administer: ADMINISTRATORS.includes(role),
  };
}
