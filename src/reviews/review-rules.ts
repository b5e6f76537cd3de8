import { AuthUser, Role } from '../court/roles';

/** Who answers review requests (for their own agency), and who moves a request's due day. */
export const RESPONDING_ROLES: readonly Role[] = [Role.AGENCY_REVIEWER];
export const DUE_DATE_ROLES: readonly Role[] = [Role.SECRETARIAT];
/** Who sends the agency a new answer link (revoking the links sent before). */
export const LINK_ROLES: readonly Role[] = [Role.SECRETARIAT];

/** A new answer link goes out only while the request is pending. */
export function mayReissueLink(
  request: { status: string },
  actor: Pick<AuthUser, 'role'>,
): boolean {
  return request.status === 'PENDING' && LINK_ROLES.includes(actor.role);
}

/**
 * What the caller may do on a review request now: only a pending request (overdue or not) is
 * answered, by its own agency, and only a pending one gets a new due day.
 */
export function reviewActions(
  request: { agencyId: string; status: string },
  actor: Pick<AuthUser, 'role' | 'agencyId'>,
): { respond: boolean; changeDueDate: boolean } {
  const pending = request.status === 'PENDING';
  return {
    respond:
      pending && RESPONDING_ROLES.includes(actor.role) && actor.agencyId === request.agencyId,
    changeDueDate: pending && DUE_DATE_ROLES.includes(actor.role),
  };
}
