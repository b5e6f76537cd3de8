import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { Role } from '../src/court/roles';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

jest.setTimeout(60_000);

/** The canonical content hash of shared content-hash.ts, recomputed here from the sections sent. */
function hashOf(sections: { key: string; kind?: string; heading: string; body: string }[]) {
  const canonical = JSON.stringify({
    sections: sections.map((s) => ({
      key: s.key,
      kind: s.kind ?? 'text',
      heading: s.heading,
      body: s.body,
      code: null,
      category: null,
    })),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

describe('the working draft', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let other: TestUser;
  let observer: TestUser;
  let judge: TestUser;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('drafting', { WORKERS: 'off' });
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Vanida' });
    other = await t.user(Role.SECRETARIAT, { name: 'Somphone', locale: 'lo' });
    observer = await t.user(Role.OBSERVER);
    judge = await t.user(Role.JUDGE);
  });
  afterAll(() => t.close());

  let seq = 0;
  const newGuideline = async () => {
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({ code: `D-${++seq}-${Date.now().toString(36)}`, title: { en: 'Draft', lo: 'ຮ່າງ' } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const sections = [
    { key: 'art-1', heading: 'ມາດຕາ 1: ການຮັບຟັງ', body: 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.' },
    { key: 'privacy', heading: 'Privacy', body: 'Hearings may be closed.' },
  ];
  const getDraft = (id: string, user = secretariat) =>
    t.http().get(`/api/guidelines/${id}/draft`).set(as(user));
  const putDraft = (id: string, body: object, user = secretariat) =>
    t.http().put(`/api/guidelines/${id}/draft`).set(as(user)).send(body);

  it('starts empty before the first version, then as a copy of the current version', async () => {
    const id = await newGuideline();
    const empty = await getDraft(id);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      guidelineId: id,
      baseVersionNumber: null,
      sections: [],
      changeSummary: '',
      revision: 0,
      updatedAt: null,
      updatedBy: null,
      appliedSuggestions: [],
    });
    const v1 = await t
      .http()
      .post(`/api/guidelines/${id}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'First', sections });
    expect(v1.status).toBe(201);
    const copy = await getDraft(id, observer);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({
      baseVersionNumber: 1,
      sections: sections.map((s) => ({ ...s, kind: 'text' })),
      revision: 0,
      updatedBy: null,
    });
    expect((await getDraft(id, t.admin)).status).toBe(200);
    expect((await getDraft(id, judge)).status).toBe(403);
    expect((await getDraft(UNKNOWN_ID)).status).toBe(404);
  });

  it('saves under the revision; a second save from the same revision is 409 and the first text stays', async () => {
    const id = await newGuideline();
    const first = await putDraft(id, {
      sections: [{ ...sections[0], body: 'ຂໍ້ຄວາມຂອງຄົນທຳອິດ' }],
      changeSummary: 'Mine',
      revision: 0,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      revision: 1,
      changeSummary: 'Mine',
      updatedBy: { id: secretariat.id, name: 'Vanida' },
      updatedAt: expect.stringMatching(/^\d{4}-/),
    });
    const second = await putDraft(
      id,
      { sections: [{ ...sections[0], body: 'ຂໍ້ຄວາມຂອງຄົນທີສອງ' }], changeSummary: '', revision: 0 },
      other,
    );
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      details: [{ code: 'DRAFT_STALE', currentRevision: 1 }],
    });
    // The second officer is a Lao user: the reason is in Lao and names who saved.
    expect(second.body.message).toContain('Vanida');
    expect(second.body.message).toMatch(/[\u0E80-\u0EFF]/);
    const stored = await getDraft(id);
    expect(stored.body.sections[0].body).toBe('ຂໍ້ຄວາມຂອງຄົນທຳອິດ');
    expect(stored.body.revision).toBe(1);

    const third = await putDraft(
      id,
      { sections: [{ ...sections[0], body: 'ຂໍ້ຄວາມຂອງຄົນທີສອງ' }], changeSummary: '', revision: 1 },
      other,
    );
    expect(third.status).toBe(200);
    expect(third.body.revision).toBe(2);
  });

  it('applies the section rules of publishing with the same 400 details', async () => {
    const id = await newGuideline();
    const duplicate = await putDraft(id, {
      sections: [sections[0], { ...sections[1], key: 'art-1' }],
      changeSummary: '',
      revision: 0,
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.details).toEqual([
      expect.objectContaining({ field: 'sections.1.key', code: 'DUPLICATE_SECTION_KEY' }),
    ]);
    const published = await t
      .http()
      .post(`/api/guidelines/${id}/versions`)
      .set(as(secretariat))
      .send({ changeSummary: 'x', sections: [sections[0], { ...sections[1], key: 'art-1' }] });
    expect(published.body.details).toEqual(duplicate.body.details);

    const indicator = await putDraft(id, {
      sections: [{ key: 'i1', kind: 'indicator', heading: 'H', body: 'B' }],
      changeSummary: '',
      revision: 0,
    });
    expect(indicator.status).toBe(400);
    expect(indicator.body.details[0]).toMatchObject({ code: 'INDICATOR_CODE_REQUIRED' });
    const tooLong = await putDraft(id, {
      sections: [{ key: 'k', heading: 'x'.repeat(501), body: '' }],
      changeSummary: '',
      revision: 0,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('sections.0.heading');
    expect((await getDraft(id)).body.revision).toBe(0);
    expect(
      (await putDraft(id, { sections: [], changeSummary: '', revision: 0 }, judge)).status,
    ).toBe(403);
  });

  it('publishes the draft as the next version with the content hash of its sections, then starts again from it', async () => {
    const id = await newGuideline();
    const saved = await putDraft(id, { sections, changeSummary: 'From the draft', revision: 0 });
    expect(saved.status).toBe(200);

    const stale = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.details[0].code).toBe('DRAFT_STALE');

    const published = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: 1 });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      number: 1,
      changeSummary: 'From the draft',
      contentHash: hashOf(sections),
      appliedSuggestions: [],
    });
    const draft = await getDraft(id);
    expect(draft.body).toMatchObject({
      baseVersionNumber: 1,
      revision: 2,
      changeSummary: '',
      sections: sections.map((s) => ({ ...s, kind: 'text' })),
    });
    // A save begun before the publication is stale.
    expect((await putDraft(id, { sections, changeSummary: '', revision: 1 })).status).toBe(409);
  });

  it('refuses to publish an empty draft or one without a change summary, and outside the publishing stages', async () => {
    const id = await newGuideline();
    const empty = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: 0, changeSummary: 'x' });
    expect(empty.status).toBe(422);
    expect(empty.body.details[0].code).toBe('DRAFT_EMPTY');

    await putDraft(id, { sections, changeSummary: '', revision: 0 });
    const noSummary = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: 1 });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.details[0]).toMatchObject({
      code: 'CHANGE_SUMMARY_REQUIRED',
      field: 'changeSummary',
    });

    // In consultation the draft can still be edited, but not published.
    expect(
      (
        await t
          .http()
          .post(`/api/guidelines/${id}/versions`)
          .set(as(secretariat))
          .send({ changeSummary: 'v1', sections })
      ).status,
    ).toBe(201);
    const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const moved = await t
      .http()
      .post(`/api/guidelines/${id}/transitions`)
      .set(as(secretariat))
      .send({ to: 'CONSULTATION', consultationClosesAt: closes });
    expect(moved.status).toBe(200);
    const edited = await putDraft(id, { sections, changeSummary: 'Edited', revision: 1 });
    expect(edited.status).toBe(200);
    const refused = await t
      .http()
      .post(`/api/guidelines/${id}/draft/publish`)
      .set(as(secretariat))
      .send({ revision: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.details[0].code).toBe('PUBLISH_NOT_ALLOWED_IN_STAGE');
    expect((await getDraft(id)).body).toMatchObject({ revision: 2, changeSummary: 'Edited' });

    // Adoption is five moves and a review round away: set the final stage directly.
    await t.sql((c) => c.query(`UPDATE guidelines SET stage = 'ADOPTED' WHERE id = $1`, [id]));
    const frozen = await putDraft(id, { sections, changeSummary: 'Later', revision: 2 });
    expect(frozen.status).toBe(422);
    expect(frozen.body.details[0].code).toBe('DRAFT_FROZEN');
  });

  describe('suggested wording', () => {
    const PASSAGE = 'ຢ່າງອົດທົນ';
    const lao = {
      key: 'art-1',
      heading: 'ມາດຕາ 1: ການຮັບຟັງ',
      body: `ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍ${PASSAGE} ແລະ ດ້ວຍຄວາມເຄົາລົບ.`,
    };
    const privacy = { key: 'privacy', heading: 'Privacy', body: 'Hearings may be closed.' };

    /** A guideline with version 1 in consultation, where judges comment. */
    const inConsultation = async () => {
      const id = await newGuideline();
      const v1 = await t
        .http()
        .post(`/api/guidelines/${id}/versions`)
        .set(as(secretariat))
        .send({ changeSummary: 'v1', sections: [lao, privacy] });
      expect(v1.status).toBe(201);
      const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      const moved = await t
        .http()
        .post(`/api/guidelines/${id}/transitions`)
        .set(as(secretariat))
        .send({ to: 'CONSULTATION', consultationClosesAt: closes });
      expect(moved.status).toBe(200);
      return id;
    };
    const comment = (id: string, body: object, user = judge) =>
      t.http().post(`/api/guidelines/${id}/versions/1/comments`).set(as(user)).send(body);
    const dispose = (commentId: string, body: object) =>
      t.http().put(`/api/comments/${commentId}/disposition`).set(as(secretariat)).send(body);
    const dispositionCount = (commentId: string) =>
      t.sql(async (c) => {
        const r = await c.query(
          `SELECT count(*)::int AS n FROM comment_dispositions WHERE comment_id = $1`,
          [commentId],
        );
        return r.rows[0].n as number;
      });

    it('takes a suggestion on a quoted passage and answers it as OPEN; refuses one on a reply or on a quote not in the section', async () => {
      const id = await inConsultation();
      const res = await comment(id, {
        sectionKey: 'art-1',
        body: 'ຄວນໃຊ້ຄຳທີ່ຊັດເຈນກວ່າ',
        quote: PASSAGE,
        suggestion: { text: 'ຢ່າງອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ' },
      });
      expect(res.status).toBe(201);
      expect(res.body.suggestion).toEqual({
        text: 'ຢ່າງອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ',
        status: 'OPEN',
        appliedInVersion: null,
        inDraft: false,
      });
      const noQuote = await comment(id, {
        sectionKey: 'art-1',
        body: 'x',
        quote: 'ບໍ່ມີໃນພາກນີ້',
        suggestion: { text: 'y' },
      });
      expect(noQuote.status).toBe(422);
      expect(noQuote.body.details[0].code).toBe('QUOTE_NOT_FOUND');
      const reply = await comment(id, {
        parentId: res.body.id,
        body: 'ເຫັນດີ',
        suggestion: { text: 'other words' },
      });
      expect(reply.status).toBe(422);
      expect(reply.body.details[0].code).toBe('SUGGESTION_ON_REPLY');
      const empty = await comment(id, {
        sectionKey: 'privacy',
        body: 'x',
        suggestion: { text: ' ' },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.details[0].field).toBe('suggestion.text');
    });

    it('accepting with applySuggestion changes exactly the quoted words in the draft; the same passage again is 409 and records nothing; the published version names the comment and its suggestion is APPLIED there', async () => {
      const id = await inConsultation();
      const first = await comment(id, {
        sectionKey: 'art-1',
        body: 'ຄວນເພີ່ມຄຳວ່າ ບໍ່ຟ້າວຟັ່ງ',
        quote: PASSAGE,
        suggestion: { text: 'ດ້ວຍຄວາມອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ' },
      });
      const second = await comment(
        id,
        {
          sectionKey: 'art-1',
          body: 'ຂໍສະເໜີຖ້ອຍຄຳອື່ນ',
          quote: PASSAGE,
          suggestion: { text: 'ຢ່າງສະຫງົບ' },
        },
        judge,
      );
      expect([first.status, second.status]).toEqual([201, 201]);
      const before = await getDraft(id);

      const accepted = await dispose(first.body.id, {
        status: 'ACCEPTED',
        response: 'ຮັບເອົາ',
        applySuggestion: true,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.disposition.status).toBe('ACCEPTED');
      expect(accepted.body.suggestion).toMatchObject({ status: 'OPEN', inDraft: true });

      const draft = await getDraft(id);
      expect(draft.body.revision).toBe(before.body.revision + 1);
      expect(draft.body.sections).toEqual([
        { ...lao, kind: 'text', body: lao.body.replace(PASSAGE, 'ດ້ວຍຄວາມອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ') },
        { ...privacy, kind: 'text' },
      ]);
      expect(draft.body.appliedSuggestions).toEqual([
        { commentId: first.body.id, sectionKey: 'art-1' },
      ]);

      // The passage was replaced, so the second suggestion on it cannot apply.
      const clash = await dispose(second.body.id, {
        status: 'PARTIALLY_ACCEPTED',
        response: 'ບາງສ່ວນ',
        applySuggestion: true,
      });
      expect(clash.status).toBe(409);
      expect(clash.body.details[0].code).toBe('PASSAGE_NOT_IN_DRAFT');
      expect(await dispositionCount(second.body.id)).toBe(0);
      expect((await getDraft(id)).body.revision).toBe(draft.body.revision);

      // Applying the first again: it is already in the draft.
      const again = await dispose(first.body.id, {
        status: 'ACCEPTED',
        response: 'ຮັບເອົາ',
        applySuggestion: true,
      });
      expect(again.status).toBe(409);
      expect(again.body.details[0].code).toBe('SUGGESTION_ALREADY_IN_DRAFT');
      expect(await dispositionCount(first.body.id)).toBe(1);

      const back = await t
        .http()
        .post(`/api/guidelines/${id}/transitions`)
        .set(as(secretariat))
        .send({ to: 'DRAFTING', reason: 'Revise after comments' });
      expect(back.status).toBe(200);
      const published = await t
        .http()
        .post(`/api/guidelines/${id}/draft/publish`)
        .set(as(secretariat))
        .send({ revision: draft.body.revision, changeSummary: 'Judges’ wording taken in' });
      expect(published.status).toBe(201);
      expect(published.body.number).toBe(2);
      expect(published.body.appliedSuggestions).toEqual([
        { commentId: first.body.id, sectionKey: 'art-1' },
      ]);
      const v2 = await t.http().get(`/api/guidelines/${id}/versions/2`).set(as(judge));
      expect(v2.body.appliedSuggestions).toEqual([
        { commentId: first.body.id, sectionKey: 'art-1' },
      ]);
      const list = await t.http().get(`/api/guidelines/${id}/versions`).set(as(judge));
      expect(list.body.items[0].appliedSuggestions).toEqual(v2.body.appliedSuggestions);

      const after = await t.http().get(`/api/comments/${first.body.id}`).set(as(judge));
      expect(after.body.suggestion).toEqual({
        text: 'ດ້ວຍຄວາມອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ',
        status: 'APPLIED',
        appliedInVersion: 2,
        inDraft: false,
      });
      const other = await t.http().get(`/api/comments/${second.body.id}`).set(as(judge));
      expect(other.body.suggestion).toMatchObject({ status: 'OPEN', appliedInVersion: null });
      const matrix = await t
        .http()
        .get(`/api/guidelines/${id}/comment-matrix`)
        .set(as(secretariat));
      expect(
        matrix.body.items.map((i: { suggestion: { status: string } }) => i.suggestion.status),
      ).toEqual(['APPLIED', 'OPEN']);
      const csv = await t
        .http()
        .get(`/api/guidelines/${id}/comment-matrix?format=csv&locale=en`)
        .set(as(secretariat));
      const firstRow = csv.text.split('\r\n')[1];
      expect(firstRow).toContain('"ດ້ວຍຄວາມອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ","Applied in version 2"');
      const docx = await t
        .http()
        .get(`/api/guidelines/${id}/comment-matrix?format=docx&locale=lo`)
        .set(as(secretariat))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const xml = strFromU8(unzipSync(new Uint8Array(docx.body as Buffer))['word/document.xml']);
      // Lao and Latin are runs of their own: the words, then the number.
      expect(xml.includes('ດ້ວຍຄວາມອົດທົນ ແລະ ບໍ່ຟ້າວຟັ່ງ</w:t>')).toBe(true);
      expect(xml.includes('ນຳໃຊ້ແລ້ວໃນສະບັບທີ</w:t>')).toBe(true);

      // Applied once, never again.
      const twice = await dispose(first.body.id, {
        status: 'ACCEPTED',
        response: 'x',
        applySuggestion: true,
      });
      expect(twice.status).toBe(409);
      expect(twice.body.details[0].code).toBe('SUGGESTION_ALREADY_APPLIED');
    });

    it('a passage the draft no longer has is 409 with the reason, and nothing is recorded', async () => {
      const id = await inConsultation();
      const c = await comment(id, {
        sectionKey: 'art-1',
        body: 'x',
        quote: PASSAGE,
        suggestion: { text: 'ດ້ວຍຄວາມອົດທົນ' },
      });
      const draft = await getDraft(id);
      const edited = await putDraft(id, {
        sections: [{ ...lao, body: 'ຂໍ້ຄວາມໃໝ່ທັງໝົດ' }, privacy],
        changeSummary: '',
        revision: draft.body.revision,
      });
      expect(edited.status).toBe(200);
      const res = await dispose(c.body.id, {
        status: 'ACCEPTED',
        response: 'ok',
        applySuggestion: true,
      });
      expect(res.status).toBe(409);
      expect(res.body.details[0].code).toBe('PASSAGE_NOT_IN_DRAFT');
      expect(res.body.message).toMatch(/no longer occurs/);
      expect(await dispositionCount(c.body.id)).toBe(0);
      expect((await getDraft(id)).body.revision).toBe(edited.body.revision);
    });

    it('a suggestion without a quote replaces the whole body; rejecting one makes it NOT_APPLIED; applySuggestion needs acceptance', async () => {
      const id = await inConsultation();
      const whole = await comment(id, {
        sectionKey: 'privacy',
        body: 'Rewrite it',
        suggestion: { text: 'Hearings with child victims are closed to the public.' },
      });
      const rejected = await comment(id, {
        sectionKey: 'privacy',
        body: 'Another',
        suggestion: { text: 'Hearings are public.' },
      });
      const wrongStatus = await dispose(whole.body.id, {
        status: 'NOTED',
        applySuggestion: true,
      });
      expect(wrongStatus.status).toBe(400);
      expect(wrongStatus.body.details[0].code).toBe('APPLY_NEEDS_ACCEPTANCE');
      const ok = await dispose(whole.body.id, {
        status: 'ACCEPTED',
        response: 'Taken',
        applySuggestion: true,
      });
      expect(ok.status).toBe(200);
      const draft = await getDraft(id);
      expect(draft.body.sections[1].body).toBe(
        'Hearings with child victims are closed to the public.',
      );
      const no = await dispose(rejected.body.id, { status: 'REJECTED', response: 'No' });
      expect(no.status).toBe(200);
      expect(no.body.suggestion.status).toBe('NOT_APPLIED');
      const plain = await comment(id, { sectionKey: 'privacy', body: 'no words proposed' });
      const nothing = await dispose(plain.body.id, {
        status: 'ACCEPTED',
        response: 'x',
        applySuggestion: true,
      });
      expect(nothing.status).toBe(422);
      expect(nothing.body.details[0].code).toBe('NO_SUGGESTION');

      // An edit that takes the applied words out drops the suggestion from the draft's list.
      const edited = await putDraft(id, {
        sections: [lao, { ...privacy, body: 'Something else.' }],
        changeSummary: '',
        revision: draft.body.revision,
      });
      expect(edited.body.appliedSuggestions).toEqual([]);
      const after = await t.http().get(`/api/comments/${whole.body.id}`).set(as(judge));
      expect(after.body.suggestion).toMatchObject({ status: 'NOT_APPLIED', inDraft: false });
    });
  });
});
