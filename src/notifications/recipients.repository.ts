import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { commentRefusal } from '../court/comment-rules';
import { Committee, Locale, Role } from '../court/roles';
import { Stage } from '../court/stage';

/** A person a message goes to: who, and in which language. */
export interface Recipient {
  id: string;
  locale: Locale;
}

/** Who receives what. Only active users ever receive anything. */
@Injectable()
export class RecipientsRepository {
  reviewersOfAgency(manager: EntityManager, agencyId: string): Promise<Recipient[]> {
    return manager.query(
      `SELECT id, locale FROM users WHERE role = 'AGENCY_REVIEWER' AND agency_id = $1 AND active ORDER BY id`,
      [agencyId],
    );
  }

  secretariat(manager: EntityManager): Promise<Recipient[]> {
    return manager.query(
      `SELECT id, locale FROM users WHERE role = 'SECRETARIAT' AND active ORDER BY id`,
    );
  }

  /**
   * Those who follow a guideline: every SECRETARIAT user (they run the workflow), the guideline's
   * creator, and everyone who has commented on any of its versions.
   */
  followersOf(manager: EntityManager, guidelineId: string): Promise<Recipient[]> {
    return manager.query(
      `SELECT u.id, u.locale FROM users u
       WHERE u.active AND (
         u.role = 'SECRETARIAT'
         OR u.id = (SELECT created_by FROM guidelines WHERE id = $1)
         OR EXISTS (SELECT 1 FROM comments c WHERE c.guideline_id = $1 AND c.author_id = u.id AND c.deleted_at IS NULL)
       ) ORDER BY u.id`,
      [guidelineId],
    );
  }

  /**
   * Every active judge who may write a comment in their own name in this stage, as the one rule
   * (court/comment-rules.ts) says: all judges in consultation, committee members after.
   */
  async judgesWhoMayComment(manager: EntityManager, stage: Stage): Promise<Recipient[]> {
    const judges: (Recipient & { committees: Committee[]; agency_id: string | null })[] =
      await manager.query(
        `SELECT id, locale, committees, agency_id FROM users WHERE role = 'JUDGE' AND active ORDER BY id`,
      );
    return judges
      .filter(
        (u) =>
          commentRefusal({
            stage,
            role: Role.JUDGE,
            committees: u.committees,
            agencyId: u.agency_id,
            reviewAgencyIds: [],
            onBehalf: false,
          }) === null,
      )
      .map((u) => ({ id: u.id, locale: u.locale }));
  }

  byIds(manager: EntityManager, ids: string[]): Promise<Recipient[]> {
    return manager.query(
      `SELECT id, locale FROM users WHERE id = ANY($1::uuid[]) AND active ORDER BY id`,
      [ids],
    );
  }
}
