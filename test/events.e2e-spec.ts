import { Role } from '../src/court/roles';
import { addYears } from '../src/events/participation-rules';
import { localDayOf, nextDay } from '../src/court/local-day';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '5b0f5f0e-8a43-4c61-9a38-2a8b2e7a1c11';

describe('consultation events', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let secretariatLo: TestUser;
  let judge: TestUser;
  let observer: TestUser;
  let guidelineId: string;
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const today = () => localDayOf(new Date(), 'Asia/Vientiane');

  const eventCount = () =>
    t.sql(async (c) =>
      Number((await c.query('SELECT count(*) FROM consultation_events')).rows[0].count),
    );

  const workshop = (over: Record<string, unknown> = {}) => ({
    guidelineId,
    title: 'Workshop on digital evidence in trafficking cases',
    date: '2026-03-10',
    location: 'Vientiane Capital',
    partner: 'ASEAN-ACT',
    kind: 'WORKSHOP',
    participants: { female: 6, male: 23, other: 0, withDisability: 1 },
    institutions: [
      { category: 'POLICE', name: 'Ministry of Public Security', count: 12 },
      { category: 'PROSECUTION', name: 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', count: 7 },
      { category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 6 },
      { category: 'JUSTICE', name: 'Ministry of Justice', count: 4 },
    ],
    ...over,
  });
  const post = (body: object, user = secretariat) =>
    t.http().post('/api/events').set(as(user)).send(body);

  beforeAll(async () => {
    t = await startTestApp('events');
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Souksavanh (secretariat)' });
    secretariatLo = await t.user(Role.SECRETARIAT, { locale: 'lo' });
    judge = await t.user(Role.JUDGE);
    observer = await t.user(Role.OBSERVER);
    const res = await t
      .http()
      .post('/api/guidelines')
      .set(as(secretariat))
      .send({
        code: 'VSC-EVENTS',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    expect(res.status).toBe(201);
    guidelineId = res.body.id;
  });
  afterAll(() => t.close());

  describe('recording', () => {
    it('records an event with the guideline’s stage at that moment', async () => {
      // The workflow moves stages; here the stage is set directly to show it is copied, not fixed.
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = 'CONSULTATION' WHERE id = $1`, [guidelineId]),
      );
      const res = await post(workshop());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        guidelineId,
        title: 'Workshop on digital evidence in trafficking cases',
        date: '2026-03-10',
        location: 'Vientiane Capital',
        partner: 'ASEAN-ACT',
        kind: 'WORKSHOP',
        stage: 'CONSULTATION',
        participants: { female: 6, male: 23, other: 0, total: 29, withDisability: 1 },
        revision: 1,
        createdBy: { id: secretariat.id, name: 'Souksavanh (secretariat)' },
      });
      expect(res.body.institutions).toEqual(workshop().institutions);

      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = 'TECHNICAL_WORKING_GROUP' WHERE id = $1`, [
          guidelineId,
        ]),
      );
      const later = await post(workshop({ kind: 'TWG_MEETING', institutions: undefined }));
      expect(later.status).toBe(201);
      expect(later.body).toMatchObject({ stage: 'TECHNICAL_WORKING_GROUP', kind: 'TWG_MEETING' });
      expect(later.body.institutions).toEqual([]);

      const first = await t.http().get(`/api/events/${res.body.id}`).set(as(observer));
      expect(first.status).toBe(200);
      expect(first.body.stage).toBe('CONSULTATION');
    });

    it('takes an institution given only by category or only by name (category OTHER)', async () => {
      const res = await post(
        workshop({
          participants: { female: 3, male: 2, other: 0 },
          institutions: [
            { category: 'WOMENS_UNION', count: 3 },
            { name: 'Village Focus International', count: 2 },
          ],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.institutions).toEqual([
        { category: 'WOMENS_UNION', name: null, count: 3 },
        { category: 'OTHER', name: 'Village Focus International', count: 2 },
      ]);
      expect(res.body.participants.withDisability).toBeNull();
    });

    it('accepts a date exactly a year ahead', async () => {
      const res = await post(workshop({ date: addYears(today(), 1) }));
      expect(res.status).toBe(201);
    });
  });

  describe('refusals, in the error shape, with nothing stored', () => {
    let before: number;
    beforeEach(async () => {
      before = await eventCount();
    });
    afterEach(async () => {
      expect(await eventCount()).toBe(before);
    });

    const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field);

    it('refuses negative counts (400, one detail per field)', async () => {
      const res = await post(
        workshop({ participants: { female: -1, male: 23, other: 0, withDisability: -2 } }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['participants.female', 'participants.withDisability']),
      );
    });

    it('refuses counts that are not whole numbers (400)', async () => {
      const res = await post(
        workshop({
          participants: { female: 2.5, male: '23', other: null },
          institutions: [{ category: 'COURT', count: 1.5 }],
        }),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining([
          'participants.female',
          'participants.male',
          'participants.other',
          'institutions.0.count',
        ]),
      );
    });

    it('refuses institutions that do not add up to the participants (422, with both sums)', async () => {
      const res = await post(
        workshop({
          institutions: [
            { category: 'POLICE', name: 'Ministry of Public Security', count: 12 },
            { category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 6 },
          ],
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        details: [
          {
            code: 'INSTITUTIONS_DO_NOT_ADD_UP',
            field: 'institutions',
            expected: 29,
            actual: 18,
            message: 'Participants by institution add up to 18, but female + male + other is 29',
          },
        ],
      });
    });

    it('refuses more participants with disability than participants (422)', async () => {
      const res = await post(
        workshop({
          participants: { female: 6, male: 23, other: 0, withDisability: 30 },
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({
          code: 'DISABILITY_EXCEEDS_TOTAL',
          field: 'participants.withDisability',
          expected: 29,
          actual: 30,
        }),
      ]);
    });

    it('refuses an unknown guideline (422, naming the field)', async () => {
      const res = await post(workshop({ guidelineId: UNKNOWN_ID }));
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'UNKNOWN_GUIDELINE', field: 'guidelineId' }),
      ]);
    });

    it('refuses a date more than a year ahead (422)', async () => {
      const res = await post(workshop({ date: nextDay(addYears(today(), 1)) }));
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'DATE_TOO_FAR_AHEAD', field: 'date' }),
      ]);
      expect((await post(workshop({ date: '2099-01-01' }))).status).toBe(422);
    });

    it('refuses a day that does not exist and a malformed one (400)', async () => {
      for (const date of ['2026-02-30', '10/03/2026', '2026-03-10T09:00:00+07:00']) {
        const res = await post(workshop({ date }));
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['date']);
      }
    });

    it('refuses an institution with neither category nor name, and unknown categories (400)', async () => {
      const res = await post(
        workshop({ institutions: [{ count: 29 }, { category: 'ARMY', name: 'x', count: 0 }] }),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['institutions.0.name', 'institutions.1.category']),
      );
    });

    it('lists every problem at once, in the caller’s language', async () => {
      const res = await post(
        workshop({
          guidelineId: UNKNOWN_ID,
          date: addYears(today(), 3),
          participants: { female: 1, male: 1, other: 0, withDisability: 5 },
          institutions: [{ category: 'COURT', count: 1 }],
        }),
        secretariatLo,
      );
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('ຂໍ້ມູນຂອງກິດຈະກຳບໍ່ສອດຄ່ອງກັນ');
      expect(res.body.details.map((d: { code: string }) => d.code)).toEqual([
        'UNKNOWN_GUIDELINE',
        'DISABILITY_EXCEEDS_TOTAL',
        'INSTITUTIONS_DO_NOT_ADD_UP',
        'DATE_TOO_FAR_AHEAD',
      ]);
      expect(res.body.details[2].message).toBe(
        'ຜູ້ເຂົ້າຮ່ວມຕາມອົງການລວມເປັນ 1 ຄົນ, ແຕ່ ຍິງ + ຊາຍ + ອື່ນໆ ເປັນ 2 ຄົນ',
      );
    });

    it('refuses an event without participants (422) and unknown fields (400)', async () => {
      const empty = await post(
        workshop({ participants: { female: 0, male: 0, other: 0 }, institutions: [] }),
      );
      expect(empty.status).toBe(422);
      expect(empty.body.details[0].code).toBe('NO_PARTICIPANTS');
      const extra = await post(workshop({ stage: 'ADOPTED' }));
      expect(extra.status).toBe(400);
      expect(fieldsOf(extra.body)).toEqual(['stage']);
    });

    it('lets only the secretariat record events (403), and nobody without a token (401)', async () => {
      expect((await post(workshop(), judge)).status).toBe(403);
      expect((await post(workshop(), observer)).status).toBe(403);
      expect((await t.http().post('/api/events').send(workshop())).status).toBe(401);
    });
  });

  describe('corrections', () => {
    let eventId: string;
    beforeAll(async () => {
      const res = await post(workshop({ title: 'Lessons learned workshop', date: '2026-02-02' }));
      eventId = res.body.id;
    });
    const patch = (body: object, user = secretariat, id = eventId) =>
      t.http().patch(`/api/events/${id}`).set(as(user)).send(body);

    it('corrects figures with a reason and keeps who, when, what and why', async () => {
      const res = await patch({
        reason: 'Attendance sheet recounted',
        expectedRevision: 1,
        participants: { female: 7, male: 23 },
        institutions: [
          { category: 'POLICE', name: 'Ministry of Public Security', count: 13 },
          { category: 'PROSECUTION', name: 'ອົງການໄອຍະການປະຊາຊົນສູງສຸດ', count: 7 },
          { category: 'COURT', name: 'ສານປະຊາຊົນສູງສຸດ', count: 6 },
          { category: 'JUSTICE', name: 'Ministry of Justice', count: 4 },
        ],
        location: 'Luang Prabang',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        revision: 2,
        location: 'Luang Prabang',
        participants: { female: 7, male: 23, other: 0, total: 30, withDisability: 1 },
      });
      expect(res.body.corrections).toEqual([
        {
          revision: 2,
          reason: 'Attendance sheet recounted',
          correctedBy: { id: secretariat.id, name: 'Souksavanh (secretariat)' },
          correctedAt: expect.any(String),
          changes: [
            { field: 'location', from: 'Vientiane Capital', to: 'Luang Prabang' },
            { field: 'participants.female', from: 6, to: 7 },
            {
              field: 'institutions',
              from: expect.arrayContaining([
                { category: 'POLICE', name: 'Ministry of Public Security', count: 12 },
              ]),
              to: expect.arrayContaining([
                { category: 'POLICE', name: 'Ministry of Public Security', count: 13 },
              ]),
            },
          ],
        },
      ]);
    });

    it('refuses a correction that would break the sums, changing nothing', async () => {
      const res = await patch({ reason: 'Typo', participants: { male: 25 } });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'INSTITUTIONS_DO_NOT_ADD_UP', expected: 32, actual: 30 }),
      ]);
      const after = await t.http().get(`/api/events/${eventId}`).set(as(secretariat));
      expect(after.body.participants.male).toBe(23);
      expect(after.body.revision).toBe(2);
      expect(after.body.corrections).toHaveLength(1);
    });

    it('answers 409 for a stale revision, 400 without a reason, 404 for an unknown event, 403 for others', async () => {
      expect((await patch({ reason: 'x', expectedRevision: 1, title: 'New' })).status).toBe(409);
      const noReason = await patch({ title: 'New' });
      expect(noReason.status).toBe(400);
      expect(new Set(noReason.body.details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['reason']),
      );
      expect((await patch({ reason: 'x', participants: { female: -3 } })).status).toBe(400);
      expect((await patch({ reason: 'x', title: 'New' }, secretariat, UNKNOWN_ID)).status).toBe(
        404,
      );
      expect((await patch({ reason: 'x', title: 'New' }, judge)).status).toBe(403);
      expect((await t.http().patch('/api/events/nope').set(as(secretariat)).send({})).status).toBe(
        400,
      );
    });

    it('records nothing when nothing changes', async () => {
      const res = await patch({ reason: 'Same again', location: 'Luang Prabang' });
      expect(res.status).toBe(200);
      expect(res.body.revision).toBe(2);
      expect(res.body.corrections).toHaveLength(1);
    });

    it('keeps the history even against SQL', async () => {
      await expect(
        t.sql((c) => c.query(`UPDATE consultation_event_corrections SET reason = 'forged'`)),
      ).rejects.toThrow(/immutable/);
    });
  });

  describe('comments gathered at an event', () => {
    it('shows a comment typed by the secretariat on behalf of a participant, with both people', async () => {
      const version = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as(secretariat))
        .send({
          changeSummary: 'Draft for the consultation',
          sections: [{ key: 'art-1', heading: 'ມາດຕາ 1', body: 'ຜູ້ເຄາະຮ້າຍລໍຖ້າຢູ່ຫ້ອງແຍກຕ່າງຫາກ.' }],
        });
      expect(version.status).toBe(201);
      await t.sql((c) =>
        c.query(`UPDATE guidelines SET stage = 'CONSULTATION' WHERE id = $1`, [guidelineId]),
      );
      const event = await post(workshop({ title: 'Provincial consultation', date: today() }));
      expect(event.status).toBe(201);

      const comment = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/${version.body.number}/comments`)
        .set(as(secretariat))
        .send({
          sectionKey: 'art-1',
          body: 'ຄວນມີນາຍແປພາສາຢູ່ຫ້ອງລໍຖ້າ.',
          onBehalfOf: { name: 'Ms Vongdeuane', institution: 'ສູນກາງສະຫະພັນແມ່ຍິງລາວ' },
          eventId: event.body.id,
        });
      expect(comment.status).toBe(201);
      expect(comment.body).toMatchObject({
        author: { id: secretariat.id, name: 'Souksavanh (secretariat)' },
        spokenBy: { name: 'Ms Vongdeuane', institution: 'ສູນກາງສະຫະພັນແມ່ຍິງລາວ' },
        eventId: event.body.id,
      });

      const res = await t.http().get(`/api/events/${event.body.id}`).set(as(observer));
      expect(res.status).toBe(200);
      expect(res.body.comments).toEqual([
        {
          id: comment.body.id,
          versionNumber: version.body.number,
          sectionKey: 'art-1',
          parentId: null,
          body: 'ຄວນມີນາຍແປພາສາຢູ່ຫ້ອງລໍຖ້າ.',
          quote: null,
          spokenBy: { name: 'Ms Vongdeuane', institution: 'ສູນກາງສະຫະພັນແມ່ຍິງລາວ' },
          recordedBy: { id: secretariat.id, name: 'Souksavanh (secretariat)' },
          dispositionStatus: null,
          createdAt: expect.any(String),
        },
      ]);
    });
  });

  describe('listing', () => {
    let otherGuideline: string;
    beforeAll(async () => {
      const res = await t
        .http()
        .post('/api/guidelines')
        .set(as(secretariat))
        .send({ code: 'VSC-LIST', title: { en: 'Listing', lo: 'ລາຍການ' } });
      otherGuideline = res.body.id;
      for (const [date, location] of [
        ['2025-05-10', 'Savannakhet'],
        ['2025-06-10', 'savannakhet'],
        ['2025-07-10', 'Champasak'],
      ]) {
        const created = await post(
          workshop({ guidelineId: otherGuideline, date, location, institutions: undefined }),
        );
        expect(created.status).toBe(201);
      }
    });

    it('filters by guideline, period and province (any case), newest first, page by page', async () => {
      const first = await t
        .http()
        .get(`/api/events?guidelineId=${otherGuideline}&limit=2`)
        .set(as(observer));
      expect(first.status).toBe(200);
      expect(first.body.items.map((e: { date: string }) => e.date)).toEqual([
        '2025-07-10',
        '2025-06-10',
      ]);
      const second = await t
        .http()
        .get(`/api/events?guidelineId=${otherGuideline}&limit=2&cursor=${first.body.next}`)
        .set(as(observer));
      expect(second.body.items.map((e: { date: string }) => e.date)).toEqual(['2025-05-10']);
      expect(second.body.next).toBeNull();

      const province = await t
        .http()
        .get(`/api/events?guidelineId=${otherGuideline}&province=SAVANNAKHET&from=2025-06-01`)
        .set(as(judge));
      expect(province.body.items.map((e: { date: string }) => e.date)).toEqual(['2025-06-10']);

      const to = await t
        .http()
        .get(`/api/events?guidelineId=${otherGuideline}&to=2025-06-10`)
        .set(as(judge));
      expect(to.body.items).toHaveLength(2);
    });

    it('answers 400 for bad filters and a forged cursor', async () => {
      for (const query of ['from=2025-13-01', 'guidelineId=abc', 'limit=0', 'stage=NOPE']) {
        const res = await t.http().get(`/api/events?${query}`).set(as(judge));
        expect(res.status).toBe(400);
      }
      const forged = Buffer.from(JSON.stringify(['not-a-day', 'x'])).toString('base64url');
      const res = await t.http().get(`/api/events?cursor=${forged}`).set(as(judge));
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('cursor');
    });

    it('answers 404 for an unknown event', async () => {
      const res = await t.http().get(`/api/events/${UNKNOWN_ID}`).set(as(judge));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });
});
