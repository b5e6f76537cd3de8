import { Role } from '../court/roles';
import { reviewActions } from './review-rules';

describe('reviewActions', () => {
  const request = { agencyId: 'moj', status: 'PENDING' };

  it('lets the agency asked answer a pending request, and the secretariat move its due day', () => {
    expect(reviewActions(request, { role: Role.AGENCY_REVIEWER, agencyId: 'moj' })).toEqual({
      respond: true,
      changeDueDate: false,
    });
    expect(reviewActions(request, { role: Role.AGENCY_REVIEWER, agencyId: 'mofa' })).toEqual({
      respond: false,
      changeDueDate: false,
    });
    expect(reviewActions(request, { role: Role.SECRETARIAT, agencyId: null })).toEqual({
      respond: false,
      changeDueDate: true,
    });
    for (const role of [Role.OBSERVER, Role.ADMIN, Role.JUDGE]) {
      expect(reviewActions(request, { role, agencyId: null })).toEqual({
        respond: false,
        changeDueDate: false,
      });
    }
  });

  it('offers nothing on an answered or withdrawn request', () => {
    for (const status of ['ANSWERED', 'WITHDRAWN']) {
      expect(
        reviewActions({ ...request, status }, { role: Role.AGENCY_REVIEWER, agencyId: 'moj' }),
      ).toEqual({ respond: false, changeDueDate: false });
      expect(
        reviewActions({ ...request, status }, { role: Role.SECRETARIAT, agencyId: null }),
      ).toEqual({ respond: false, changeDueDate: false });
    }
  });
});
