import { AuthUser, Role } from '../court/roles';

/** Who answers review requests (for their own agency), and who moves a request's due day. */
export const RESPONDING_ROLES: readonly Role[] = [Role.AGENCY_REVIEWER];
export const DUE_DATE_ROLES: readonly Role[] = [Role.SECRETARIAT];
/** Who sends the agency a new answer link (revoking the links sent before). */
export const LINK_ROLES: readonly Role[] = [Role.SECRETARIAT];

/**
 * Who reads an agency's signed letter: the secretariat and observers, any agency's; a reviewer,
 * its own agency's. Anyone else is told there is no such letter (404), as for an unknown request.
 */
export const LETTER_READING_ROLES: readonly Role[] = [Role.SECRETARIAT, Role.OBSERVER];

export function mayReadLetter(
  request: { agencyId: string },
  actor: Pick<AuthUser, 'role' | 'agencyId'>,
): boolean {
  if (LETTER_READING_ROLES.includes(actor.role)) return true;
  return RESPONDING_ROLES.includes(actor.role) && actor.agencyId === request.agencyId;
}

/** A new answer link goes out only while the request is pending. */
export function mayReissueLink(
  request: { status: string },
  actor: Pick<AuthUser, 'role'>,
): boolean {
  return request.status === 'PENDING' && LINK_ROLES.includes(actor.role);
}

/**
 * What the caller may do on a review request now: only a pending request (overdue or not) is
 * answered, by its own agency, and only a pending one gets a new due day; an answer's signed
 * letter is downloaded by those who may read it.
 */
export function reviewActions(
  request: { agencyId: string; status: string; hasLetter?: boolean },
  actor: Pick<AuthUser, 'role' | 'agencyId'>,
): { respond: boolean; changeDueDate: boolean; downloadLetter: boolean } {
  const pending = request.status === 'PENDING';
  return {
    respond:
      pending && RESPONDING_ROLES.includes(actor.role) && actor.agencyId === request.agencyId,
    changeDueDate: pending && DUE_DATE_ROLES.includes(actor.role),
    downloadLetter: Boolean(request.hasLetter) && mayReadLetter(request, actor),
  };
}
