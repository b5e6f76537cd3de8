import { AuthUser, Committee, Role } from '../court/roles';
import { Stage } from '../court/stage';
import { commentRefusal } from '../court/comment-rules';
import { guidelineActions } from './guideline-actions';

const person = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({
  id: `${role}-1`,
  email: 'x@court.la',
  name: role,
  role,
  committees: [],
  agencyId: null,
  agencyCode: null,
  institution: null,
  locale: 'en',
  mustChangePassword: false,
  totpEnabled: false,
  ...extra,
});

const judge = person(Role.JUDGE);
const twgJudge = person(Role.JUDGE, { committees: [Committee.TWG] });
const councilJudge = person(Role.JUDGE, { committees: [Committee.COUNCIL] });
const secretariat = person(Role.SECRETARIAT);
const admin = person(Role.ADMIN);
const observer = person(Role.OBSERVER);
const reviewer = person(Role.AGENCY_REVIEWER, { agencyId: 'moj' });
const everyone = [judge, twgJudge, councilJudge, secretariat, admin, observer, reviewer];

describe('guidelineActions', () => {
  const at = (stage: Stage, actor: AuthUser, reviewAgencyIds: string[] = []) =>
    guidelineActions({ stage, currentVersion: 1, reviewAgencyIds }, actor);

  it('offers commenting exactly where the comment rule lets the caller comment', () => {
    for (const stage of Object.values(Stage)) {
      for (const actor of everyone) {
        for (const asked of [[], ['moj']]) {
          const may = commentRefusal({
            stage,
            role: actor.role,
            committees: actor.committees,
            agencyId: actor.agencyId,
            reviewAgencyIds: asked,
            onBehalf: false,
          });
          const actions = at(stage, actor, asked);
          expect([stage, actor.name, asked, actions.comment]).toEqual([
            stage,
            actor.name,
            asked,
            may === null,
          ]);
          expect(actions.reply).toBe(actions.comment);
        }
      }
    }
  });

  it('lets a reviewer comment in review only when their agency was asked', () => {
    expect(at(Stage.INTERAGENCY_REVIEW, reviewer, ['moj']).comment).toBe(true);
    expect(at(Stage.INTERAGENCY_REVIEW, reviewer, ['mofa']).comment).toBe(false);
    expect(at(Stage.INTERAGENCY_REVIEW, reviewer, []).comment).toBe(false);
  });

  it('offers nothing to comment on before the first version', () => {
    const none = guidelineActions(
      { stage: Stage.CONSULTATION, currentVersion: null, reviewAgencyIds: [] },
      judge,
    );
    expect(none).toMatchObject({ comment: false, reply: false, decideComments: false });
  });

  it('gives the secretariat publishing in drafting and TWG, moves, decisions until final, events', () => {
    expect(at(Stage.DRAFTING, secretariat)).toEqual({
      comment: false,
      reply: false,
      commentOnBehalf: false,
      publishVersion: true,
      move: true,
      decideComments: true,
      recordEvent: true,
      readDraft: true,
      editDraft: true,
    });
    expect(at(Stage.CONSULTATION, secretariat)).toMatchObject({
      commentOnBehalf: true,
      publishVersion: false,
      move: true,
    });
    expect(at(Stage.TECHNICAL_WORKING_GROUP, secretariat).publishVersion).toBe(true);
    for (const stage of [Stage.ADOPTED, Stage.WITHDRAWN]) {
      expect(at(stage, secretariat)).toMatchObject({
        publishVersion: false,
        move: false,
        decideComments: false,
        readDraft: true,
        editDraft: false,
      });
    }
  });

  it('lets an administrator move (withdraw, override) but not decide or publish; judges, observers and reviewers never move', () => {
    expect(at(Stage.CONSULTATION, admin)).toMatchObject({
      move: true,
      publishVersion: false,
      decideComments: false,
      recordEvent: false,
      readDraft: true,
      editDraft: false,
    });
    expect(at(Stage.DRAFTING, observer)).toMatchObject({ readDraft: true, editDraft: false });
    for (const actor of [judge, twgJudge, reviewer]) {
      for (const stage of Object.values(Stage)) {
        expect(at(stage, actor)).toMatchObject({ readDraft: false, editDraft: false });
      }
    }
    for (const actor of [judge, twgJudge, observer, reviewer]) {
      for (const stage of Object.values(Stage)) {
        expect(at(stage, actor)).toMatchObject({
          move: false,
          publishVersion: false,
          decideComments: false,
          recordEvent: false,
          commentOnBehalf: false,
        });
      }
    }
  });
});
