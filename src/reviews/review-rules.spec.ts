import { Role } from '../court/roles';
import { mayReadLetter, reviewActions } from './review-rules';

describe('reviewActions', () => {
  const request = { agencyId: 'moj', status: 'PENDING' };
  const none = { respond: false, changeDueDate: false, downloadLetter: false };

  it('lets the agency asked answer a pending request, and the secretariat move its due day', () => {
    expect(reviewActions(request, { role: Role.AGENCY_REVIEWER, agencyId: 'moj' })).toEqual({
      ...none,
      respond: true,
    });
    expect(reviewActions(request, { role: Role.AGENCY_REVIEWER, agencyId: 'mofa' })).toEqual(none);
    expect(reviewActions(request, { role: Role.SECRETARIAT, agencyId: null })).toEqual({
      ...none,
      changeDueDate: true,
    });
    for (const role of [Role.OBSERVER, Role.ADMIN, Role.JUDGE]) {
      expect(reviewActions(request, { role, agencyId: null })).toEqual(none);
    }
  });

  it('offers nothing on an answered or withdrawn request without a letter', () => {
    for (const status of ['ANSWERED', 'WITHDRAWN']) {
      expect(
        reviewActions({ ...request, status }, { role: Role.AGENCY_REVIEWER, agencyId: 'moj' }),
      ).toEqual(none);
      expect(
        reviewActions({ ...request, status }, { role: Role.SECRETARIAT, agencyId: null }),
      ).toEqual(none);
    }
  });

  it('offers the signed letter to the secretariat, observers and that agency’s reviewers only', () => {
    const answered = { ...request, status: 'ANSWERED', hasLetter: true };
    const offered = (role: Role, agencyId: string | null) =>
      reviewActions(answered, { role, agencyId }).downloadLetter;
    expect(offered(Role.SECRETARIAT, null)).toBe(true);
    expect(offered(Role.OBSERVER, null)).toBe(true);
    expect(offered(Role.AGENCY_REVIEWER, 'moj')).toBe(true);
    expect(offered(Role.AGENCY_REVIEWER, 'mofa')).toBe(false);
    expect(offered(Role.AGENCY_REVIEWER, null)).toBe(false);
    expect(offered(Role.JUDGE, null)).toBe(false);
    expect(offered(Role.ADMIN, null)).toBe(false);
    // Without a letter there is nothing to download, whoever asks.
    expect(
      reviewActions({ ...answered, hasLetter: false }, { role: Role.SECRETARIAT, agencyId: null })
        .downloadLetter,
    ).toBe(false);
  });

  it('reads letters by the same rule whether or not one exists', () => {
    expect(mayReadLetter({ agencyId: 'moj' }, { role: Role.OBSERVER, agencyId: null })).toBe(true);
    expect(
      mayReadLetter({ agencyId: 'moj' }, { role: Role.AGENCY_REVIEWER, agencyId: 'ospp' }),
    ).toBe(false);
  });
});
