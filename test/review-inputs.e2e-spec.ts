import { randomUUID } from 'node:crypto';
import { Role } from '../src/court/roles';
import { nextDay } from '../src/court/local-day';
import {
  auth,
  guidelineAtCouncil,
  localDay,
  move,
  reviewRequests,
  ReviewRow,
} from './support/review-road';
import { startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(60_000);

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Regression tests for the review of the reviews and notifications routes: due dates accept a
 * calendar day or a timestamp with offset only (as the transitions route does), and list cursors
 * are checked before their values reach SQL, where PostgreSQL reads 'epoch', 'today', bare numbers
 * or uuids in braces as real values.
 */
describe('review due dates and list cursors', () => {
  let t: TestApp;
  let secretariat: TestUser;
  let requests: ReviewRow[];

  beforeAll(async () => {
    t = await startTestApp('review-inputs', { WORKERS: 'off' });
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    const guidelineId = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOFA', 'MOJ', 'OSPP', 'MPS'],
    });
    requests = await reviewRequests(t, guidelineId);
  });
  afterAll(() => t?.close());

  describe('PUT /api/reviews/:id/due-date', () => {
    const changeDueDate = (id: string, dueAt: unknown) =>
      t
        .http()
        .put(`/api/reviews/${id}/due-date`)
        .set(auth(secretariat))
        .send({ dueAt, reason: 'The ministry asked for more time' });

    it('refuses a year, a month, a week, a basic-format day, a timestamp without offset or a number (400), changing nothing', async () => {
      const request = requests[0];
      const nextYear = Number(localDay(0).slice(0, 4)) + 1;
      for (const dueAt of [
        `${nextYear}`,
        `${nextYear}-04`,
        `${nextYear}-W30`,
        `${nextYear}0430`,
        `${localDay(40)}T09:00:00`,
        `${localDay(40)}T09:00`,
        Number(`${nextYear}0430`),
      ]) {
        const res = await changeDueDate(request.id, dueAt);
        expect({ dueAt, status: res.status }).toEqual({ dueAt, status: 400 });
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'dueAt', message: expect.stringMatching(/offset/) }),
        ]);
      }
      const detail = await t.http().get(`/api/reviews/${request.id}`).set(auth(secretariat));
      expect(detail.body.dueDate).toBe(request.due_date);
      expect(detail.body.dueDateChanges).toEqual([]);
    });

    it('takes a calendar day as is (200)', async () => {
      const request = requests[1];
      const day = localDay(30);
      const res = await changeDueDate(request.id, day);
      expect(res.status).toBe(200);
      expect(res.body.dueDate).toBe(day);
    });

    it('takes a timestamp with offset as the day it falls on in Asia/Vientiane (200)', async () => {
      const request = requests[2];
      const day = localDay(35);
      // 20:00 UTC is 03:00 the next morning in Vientiane (UTC+7).
      const res = await changeDueDate(request.id, `${day}T20:00:00Z`);
      expect(res.status).toBe(200);
      expect(res.body.dueDate).toBe(nextDay(day));
    });
  });

  describe('forged cursors', () => {
    let admin: TestUser;
    const expectInvalidCursor = async (path: string, who: TestUser, cursor: unknown) => {
      const res = await t
        .http()
        .get(`${path}?cursor=${typeof cursor === 'string' ? cursor : cursorOf(cursor)}`)
        .set(auth(who));
      expect({ path, cursor, status: res.status }).toEqual({ path, cursor, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    };

    beforeAll(async () => {
      admin = { ...t.admin, email: '', role: Role.ADMIN };
      // Three notifications whose e-mail failed, for the admin: both lists have pages.
      await t.sql((c) =>
        c.query(
          `INSERT INTO notifications (user_id, kind, dedupe_key, subject, body, created_at, email_state)
           SELECT $1, 'TEST', 'cursor-' || n, 'Subject ' || n, 'Body', now() - n * interval '1 minute', 'FAILED'
           FROM generate_series(1, 3) AS n`,
          [t.admin.id],
        ),
      );
    });

    it('answers 400 on /api/reviews for a cursor with a bad day, a number, a special value or the wrong arity', async () => {
      const id = requests[0].id;
      for (const cursor of [
        ['2026-02-30', id],
        ['epoch', id],
        ['today', id],
        ['infinity', id],
        [20270101, id],
        ['2027-01-01T00:00:00Z', id],
        [null, null],
        [null, id],
        ['2027-01-01', `{${id}}`],
        ['2027-01-01', id.replace(/-/g, '')],
        ['2027-01-01', 42],
        ['2027-01-01'],
        ['2027-01-01', id, 1],
        { due: '2027-01-01', id },
        'not-base64-json',
      ]) {
        await expectInvalidCursor('/api/reviews', secretariat, cursor);
      }
    });

    it('answers 400 on /api/notifications and /api/notifications/failed-emails for a cursor with a bad moment, a number or the wrong arity', async () => {
      const id = randomUUID();
      for (const path of ['/api/notifications', '/api/notifications/failed-emails']) {
        for (const cursor of [
          ['2026-02-30T00:00:00.000Z', id],
          ['2026-05-10T25:00:00.000Z', id],
          ['now', id],
          ['epoch', id],
          [1767225600000, id],
          ['2026-05-10 09:00', id],
          ['2026-05-10T09:00:00', id],
          ['2026-05-10', id],
          [null, id],
          ['2026-05-10T09:00:00.000Z', `{${id}}`],
          ['2026-05-10T09:00:00.000Z', id.replace(/-/g, '')],
          ['2026-05-10T09:00:00.000Z', 7],
          ['2026-05-10T09:00:00.000Z'],
          ['2026-05-10T09:00:00.000Z', id, 'x'],
        ]) {
          await expectInvalidCursor(path, admin, cursor);
        }
      }
    });

    it('still follows the cursors the API gives, page after page', async () => {
      const first = await t.http().get('/api/reviews?limit=2').set(auth(secretariat));
      expect(first.status).toBe(200);
      const second = await t
        .http()
        .get(`/api/reviews?limit=2&cursor=${first.body.next}`)
        .set(auth(secretariat));
      expect(second.status).toBe(200);
      const ids = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
      expect(ids.sort()).toEqual(requests.map((r) => r.id).sort());
      expect(second.body.next).toBeNull();

      for (const path of ['/api/notifications', '/api/notifications/failed-emails']) {
        const page1 = await t.http().get(`${path}?limit=2`).set(auth(admin));
        expect(page1.status).toBe(200);
        expect(page1.body.items).toHaveLength(2);
        const page2 = await t
          .http()
          .get(`${path}?limit=2&cursor=${page1.body.next}`)
          .set(auth(admin));
        expect(page2.status).toBe(200);
        expect(
          [...page1.body.items, ...page2.body.items].map((n: { subject: string }) => n.subject),
        ).toEqual(['Subject 1', 'Subject 2', 'Subject 3']);
        expect(page2.body.next).toBeNull();
      }
    });
  });
});
