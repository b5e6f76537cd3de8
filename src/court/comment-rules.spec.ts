import { Committee, Role } from './roles';
import { commentActions, commentPermissions, commentRefusal, stagesOpenTo } from './comment-rules';
import { Stage } from './stage';

describe('stagesOpenTo', () => {
  const judge = (committees: Committee[]) => ({ role: Role.JUDGE, committees, agencyId: null });

  it('gives each judge the stages their committees open', () => {
    expect(stagesOpenTo(judge([]))).toEqual([Stage.CONSULTATION]);
    expect(stagesOpenTo(judge([Committee.TWG]))).toEqual([
      Stage.CONSULTATION,
      Stage.TECHNICAL_WORKING_GROUP,
    ]);
    expect(stagesOpenTo(judge([Committee.TWG, Committee.COUNCIL]))).toEqual([
      Stage.CONSULTATION,
      Stage.TECHNICAL_WORKING_GROUP,
      Stage.COUNCIL_OF_JUDGES,
    ]);
  });

  it('leaves out interagency review, which depends on the agencies asked', () => {
    const reviewer = { role: Role.AGENCY_REVIEWER, committees: [], agencyId: 'a-1' };
    expect(stagesOpenTo(reviewer)).toEqual([]);
    expect(
      commentRefusal({
        ...reviewer,
        stage: Stage.INTERAGENCY_REVIEW,
        reviewAgencyIds: ['a-1'],
        onBehalf: false,
      }),
    ).toBeNull();
  });

  it('never opens a stage to a role that may only comment on behalf of others', () => {
    for (const role of [Role.SECRETARIAT, Role.ADMIN]) {
      expect(stagesOpenTo({ role, committees: [], agencyId: null })).toEqual([]);
    }
  });

  it('never refuses a stage it says is open, whatever agencies the review asked', () => {
    const committeeSets = [
      [],
      [Committee.TWG],
      [Committee.COUNCIL],
      [Committee.TWG, Committee.COUNCIL],
    ];
    for (const role of Object.values(Role)) {
      for (const committees of committeeSets) {
        const caller = { role, committees, agencyId: role === Role.AGENCY_REVIEWER ? 'a-1' : null };
        const open = stagesOpenTo(caller);
        for (const stage of Object.values(Stage)) {
          for (const reviewAgencyIds of [[], ['a-1'], ['a-2']]) {
            const refused = commentRefusal({ ...caller, stage, reviewAgencyIds, onBehalf: false });
            // An open stage is never refused, whatever the review asked.
            if (open.includes(stage)) expect(refused).toBeNull();
          }
        }
      }
    }
  });
});

describe('commentActions', () => {
  const base = { stage: Stage.CONSULTATION, committees: [], agencyId: null, reviewAgencyIds: [] };
  const judgeMay = commentPermissions({ ...base, role: Role.JUDGE }, 'judge-1');
  const secretariatMay = commentPermissions({ ...base, role: Role.SECRETARIAT }, 'sec-1');
  const top = { authorId: 'judge-1', parentId: null, hasDisposition: false, onBehalf: false };

  it('lets the author edit and delete while no disposition exists; anyone who may comment replies', () => {
    expect(commentActions(top, judgeMay)).toEqual({
      reply: true,
      edit: true,
      delete: true,
      decide: false,
    });
    expect(commentActions({ ...top, hasDisposition: true }, judgeMay)).toMatchObject({
      edit: false,
      delete: false,
    });
    expect(commentActions({ ...top, authorId: 'judge-2' }, judgeMay)).toMatchObject({
      reply: true,
      edit: false,
    });
  });

  it('lets the secretariat decide on top-level comments only, and change what it recorded on behalf', () => {
    expect(commentActions(top, secretariatMay)).toEqual({
      reply: false,
      edit: false,
      delete: false,
      decide: true,
    });
    expect(commentActions({ ...top, parentId: 'c-1' }, secretariatMay).decide).toBe(false);
    expect(
      commentActions({ ...top, authorId: 'sec-1', onBehalf: true }, secretariatMay),
    ).toMatchObject({ edit: true, delete: true });
  });

  it('closes everything once comments are closed and dispositions frozen', () => {
    const adopted = commentPermissions(
      { ...base, stage: Stage.ADOPTED, role: Role.SECRETARIAT },
      'sec-1',
    );
    expect(commentActions(top, adopted)).toEqual({
      reply: false,
      edit: false,
      delete: false,
      decide: false,
    });
  });
});
