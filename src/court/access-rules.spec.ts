import { accountActions } from './access-rules';
import { Role } from './roles';

describe('accountActions', () => {
  it.each([
    [
      Role.JUDGE,
      { createGuideline: false, readReviews: false, readReports: false, administer: false },
    ],
    [
      Role.SECRETARIAT,
      { createGuideline: true, readReviews: true, readReports: true, administer: false },
    ],
    [
      Role.AGENCY_REVIEWER,
      { createGuideline: false, readReviews: true, readReports: false, administer: false },
    ],
    [
      Role.OBSERVER,
      { createGuideline: false, readReviews: true, readReports: true, administer: false },
    ],
    [
      Role.ADMIN,
      { createGuideline: false, readReviews: true, readReports: true, administer: true },
    ],
  ])('%s may open what the role lists name', (role, expected) => {
    expect(accountActions(role)).toEqual(expected);
  });
});
