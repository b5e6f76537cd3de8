import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Response } from 'supertest';
import { Role } from '../../src/court/roles';
import { Env } from '../../src/config/env';
import { epochKey, QUEUE } from '../../src/queues/queues';
import { TestApp, TestUser } from './test-app';

/** Helpers for the interagency-review suites: drive a guideline to the review through HTTP. */

export const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

/** The administrator deactivates the account through the API, as on the users screen. */
export async function deactivate(t: TestApp, who: { id: string }): Promise<void> {
  const res = await t
    .http()
    .patch(`/api/users/${who.id}`)
    .set(auth(t.admin))
    .send({ active: false });
  expect(res.status).toBe(200);
}

const DAY = 86_400_000;

/** The calendar day `offsetDays` from now in the court's zone. */
export function localDay(offsetDays: number, timeZone = 'Asia/Vientiane'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(
    new Date(Date.now() + offsetDays * DAY),
  );
}

let counter = 0;

/** A guideline with one published version, moved through the road up to the Council of Judges. */
export async function guidelineAtCouncil(t: TestApp, secretariat: TestUser): Promise<string> {
  counter += 1;
  const code = `RV-${counter}-${Date.now().toString(36)}`;
  const created = await t
    .http()
    .post('/api/guidelines')
    .set(auth(secretariat))
    .send({
      code,
      title: { en: `Victim-sensitive courts ${counter}`, lo: `ສານທີ່ເປັນມິດກັບຜູ້ເຄາະຮ້າຍ ${counter}` },
    });
  if (created.status !== 201)
    throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const published = await t
    .http()
    .post(`/api/guidelines/${id}/versions`)
    .set(auth(secretariat))
    .send({
      changeSummary: 'Draft for interagency review',
      sections: [
        { key: 'art-1', heading: 'Article 1', body: 'Victims are heard in a separate room.' },
      ],
    });
  if (published.status !== 201)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  await move(t, secretariat, id, {
    to: 'CONSULTATION',
    consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
  });
  // Time passing: the consultation has closed.
  await t.sql((c) =>
    c.query(
      `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
      [id],
    ),
  );
  await move(t, secretariat, id, { to: 'TECHNICAL_WORKING_GROUP' });
  await move(t, secretariat, id, { to: 'COUNCIL_OF_JUDGES' });
  return id;
}

export async function move(
  t: TestApp,
  who: TestUser,
  id: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await t.http().post(`/api/guidelines/${id}/transitions`).set(auth(who)).send(body);
  if (res.status !== 200)
    throw new Error(`move ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ReviewRow {
  id: string;
  code: string;
  due_date: string;
  requested_at: Date;
}

export function reviewRequests(t: TestApp, guidelineId: string): Promise<ReviewRow[]> {
  return t.sql(
    async (c) =>
      (
        await c.query(
          `SELECT r.id, a.code, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.requested_at
         FROM review_requests r JOIN agencies a ON a.id = r.agency_id WHERE r.guideline_id = $1 ORDER BY a.code`,
          [guidelineId],
        )
      ).rows,
  );
}

export interface ReminderRow {
  id: string;
  review_request_id: string;
  kind: string;
  planned_at: Date;
  state: string;
}

export function reminders(t: TestApp, requestId: string): Promise<ReminderRow[]> {
  return t.sql(
    async (c) =>
      (
        await c.query(
          `SELECT id, review_request_id, kind, planned_at, state FROM reminders WHERE review_request_id = $1 ORDER BY planned_at, created_at`,
          [requestId],
        )
      ).rows,
  );
}

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  dedupe_key: string;
  subject: string;
  email_state: string;
  email_attempts: number;
  email_error: string | null;
}

export function notifications(
  t: TestApp,
  where = 'true',
  params: unknown[] = [],
): Promise<NotificationRow[]> {
  return t.sql(
    async (c) =>
      (
        await c.query(
          `SELECT id, user_id, kind, dedupe_key, subject, email_state, email_attempts, email_error
         FROM notifications WHERE ${where} ORDER BY created_at, id`,
          params,
        )
      ).rows,
  );
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A queue handle of the test's own (same prefix as the app), closed by the caller. */
export function openQueue(env: Env, name: string): Queue {
  return new Queue(name, {
    connection: { url: env.REDIS_URL },
    prefix: env.QUEUE_PREFIX,
  });
}

/**
 * Resolves once the app's background work has settled: no outbox row waits to be published and no
 * job of the domain-events, e-mail or reminders queue waits, runs or waits for a retry (reminders
 * planned for later may stay delayed: a delayed reminder that has run before is a retry), read
 * twice with nothing changed in between: the outbox's rows (how many, the highest id, how many
 * published) and every queue's counts (completed and delayed included). The queues are read before
 * the outbox each time, so a job added from a row published between the two reads shows in the
 * second reading. What a test asserts absent after this cannot still be on its way. Not for a test
 * whose e-mail or Redis is meant to fail (retries keep it unsettled).
 */
export async function settled(t: TestApp, timeoutMs = 30_000): Promise<void> {
  const queues = [QUEUE.DOMAIN_EVENTS, QUEUE.EMAIL, QUEUE.REMINDERS].map((name) =>
    openQueue(t.env, name),
  );
  const reminderQueue = queues[2];
  const read = async () => {
    const counts = await Promise.all(
      queues.map((q) =>
        q.getJobCounts(
          'wait',
          'active',
          'prioritized',
          'waiting-children',
          'delayed',
          'completed',
          'failed',
        ),
      ),
    );
    const retrying = (await reminderQueue.getDelayed()).some((job) => job.attemptsMade > 0);
    const outbox = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS rows, coalesce(max(id), 0)::text AS last,
                    count(*) FILTER (WHERE published_at IS NULL)::int AS waiting FROM outbox`,
          )
        ).rows[0] as { rows: number; last: string; waiting: number },
    );
    const idle =
      outbox.waiting === 0 &&
      !retrying &&
      counts.every(
        (c, i) =>
          c.wait + c.active + c.prioritized + c['waiting-children'] === 0 &&
          (i === 2 || c.delayed === 0),
      );
    return { idle, key: JSON.stringify([counts, outbox]) };
  };
  try {
    let previous = await read();
    await eventually(
      async () => {
        const now = await read();
        const still = previous.idle && now.idle && now.key === previous.key;
        previous = now;
        return still;
      },
      'the background work to settle',
      timeoutMs,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/**
 * The ADMIN adds an agency without accounts (the Ministry of Labour and Social Welfare, MOLSW),
 * reached only at its contact address; returns the API's answer for the caller to check.
 */
export function agencyWithoutAccounts(
  t: TestApp,
  email: string,
  locale?: 'lo' | 'en',
): Promise<Response> {
  return t
    .http()
    .post('/api/agencies')
    .set(auth(t.admin))
    .send({
      code: 'MOLSW',
      name: { en: 'Ministry of Labour and Social Welfare', lo: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ' },
      email,
      ...(locale ? { locale } : {}),
    });
}

/** Redis "loses its data" for the relay: its epoch key is gone, as after a restart without persistence. */
export async function forgetRedisEpoch(t: TestApp): Promise<void> {
  const redis = new Redis(t.env.REDIS_URL);
  try {
    await redis.del(epochKey(t.env.QUEUE_PREFIX));
  } finally {
    redis.disconnect();
  }
}

/** One reviewer per agency, with the given locales. */
export async function reviewersOf(
  t: TestApp,
  locales: Record<string, 'lo' | 'en'>,
): Promise<Record<string, TestUser>> {
  const out: Record<string, TestUser> = {};
  for (const [code, locale] of Object.entries(locales)) {
    out[code] = await t.user(Role.AGENCY_REVIEWER, {
      agencyCode: code,
      locale,
      name: `${code} reviewer`,
    });
  }
  return out;
}

/**
 * Time passes for every delayed review-reminder job: they run now. Waits until none is waiting or
 * running. (The consultation scan scheduler's job is left alone.)
 */
export async function promoteAndDrainReminders(queue: Queue): Promise<void> {
  const isReminder = (job: { name: string }) => job.name === 'review.reminder';
  for (const job of (await queue.getJobs(['delayed'])).filter(isReminder)) {
    await job.promote().catch(() => undefined);
  }
  await eventually(async () => {
    const pending = (await queue.getJobs(['delayed', 'wait', 'active', 'prioritized'])).filter(
      isReminder,
    );
    return pending.length === 0;
  }, 'the reminder jobs to run');
}
