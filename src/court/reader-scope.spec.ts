import {
  agencyReader,
  historyEntryFor,
  isAgencyScope,
  moveReasonFor,
  readerScope,
  readsCommentOf,
  WHOLE_RECORD,
} from './reader-scope';
import { Role } from './roles';

const MPS = '7c1d7f0e-0000-4000-8000-000000000001';
const MOJ = '7c1d7f0e-0000-4000-8000-000000000002';

describe('who reads which part of the record', () => {
  it('gives the court the whole record and a reviewer its agency’s part', () => {
    for (const role of [Role.ADMIN, Role.SECRETARIAT, Role.JUDGE, Role.OBSERVER]) {
      expect(readerScope({ role, agencyId: null })).toBe(WHOLE_RECORD);
    }
    expect(readerScope({ role: Role.AGENCY_REVIEWER, agencyId: MPS })).toEqual({ agencyId: MPS });
    expect(isAgencyScope(readerScope({ role: Role.AGENCY_REVIEWER, agencyId: MPS }))).toBe(true);
    expect(isAgencyScope(WHOLE_RECORD)).toBe(false);
  });

  it('lets a reviewer without an agency read nothing, never the whole record', () => {
    const scope = readerScope({ role: Role.AGENCY_REVIEWER, agencyId: null });
    expect(scope.agencyId).not.toBeNull();
    expect(readsCommentOf(scope, null)).toBe(false);
    expect(readsCommentOf(scope, MPS)).toBe(false);
  });

  it('reads a comment of one’s own agency only; the court reads all', () => {
    expect(readsCommentOf(agencyReader(MPS), MPS)).toBe(true);
    expect(readsCommentOf(agencyReader(MPS), MOJ)).toBe(false);
    expect(readsCommentOf(agencyReader(MPS), null)).toBe(false);
    expect(readsCommentOf(WHOLE_RECORD, MOJ)).toBe(true);
    expect(readsCommentOf(WHOLE_RECORD, null)).toBe(true);
  });

  it('withholds the reasons on moves and unreadable version numbers from an agency reader', () => {
    const entry = { to: 'TECHNICAL_WORKING_GROUP', reason: 'Objected to by MOJ', versionNumber: 3 };
    expect(historyEntryFor(WHOLE_RECORD, entry, false)).toEqual(entry);
    expect(historyEntryFor(agencyReader(MPS), entry, false)).toEqual({
      to: 'TECHNICAL_WORKING_GROUP',
      reason: null,
      versionNumber: null,
    });
    expect(historyEntryFor(agencyReader(MPS), entry, true).versionNumber).toBe(3);
    expect(moveReasonFor(WHOLE_RECORD, 'why')).toBe('why');
    expect(moveReasonFor(agencyReader(MPS), 'why')).toBeNull();
  });
});
