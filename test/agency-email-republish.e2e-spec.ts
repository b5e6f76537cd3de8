import { Role } from '../src/court/roles';
import {
  agencyWithoutAccounts,
  eventually,
  forgetRedisEpoch,
  guidelineAtCouncil,
  localDay,
  move,
  reviewRequests,
  settled,
} from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(90_000);

/**
 * An agency without accounts is reached only by the e-mail to its contact address. When Redis
 * loses its data before that e-mail went out, the relay publishes its job again with the
 * reminders, notices and digests still planned, and the agency still gets its request.
 */
describe("an agency's e-mail that Redis lost before it went out", () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const ADDRESS = 'letters@molsw.example.la';

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('agency_republish', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('is published again once the relay finds the epoch gone, and sent once, with its answer link', async () => {
    const secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    expect((await agencyWithoutAccounts(t, ADDRESS, 'en')).status).toBe(201);
    const guidelineId = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOLSW'],
    });
    const [request] = await reviewRequests(t, guidelineId);
    await eventually(
      async () => smtp.messages.some((m) => m.to.includes(ADDRESS)),
      "the agency's e-mail",
    );

    // A second message for the same request, its job published and then gone with Redis's data:
    // not in the queue, while its outbox row says published.
    const lostId = await t.sql(async (c) => {
      const { rows } = await c.query(
        `INSERT INTO agency_messages (agency_id, review_request_id, kind, dedupe_key, address, locale, subject, body)
         SELECT agency_id, review_request_id, kind, dedupe_key || '-lost', address, locale,
                'Lost: ' || subject, body
         FROM agency_messages WHERE review_request_id = $1 RETURNING id`,
        [request.id],
      );
      const id = rows[0].id as string;
      await c.query(
        `INSERT INTO outbox (queue, job_name, job_id, payload, run_at, published_at)
         VALUES ('email', 'agency-email.send', $1, $2::jsonb, now(), now())`,
        [`agency-email-${id}`, JSON.stringify({ agencyMessageId: id })],
      );
      return id;
    });
    await forgetRedisEpoch(t);

    const [mail] = await eventually(
      async () => {
        const got = smtp.messages.filter((m) => m.agencyMessageId === lostId);
        return got.length ? got : undefined;
      },
      'the lost e-mail delivered',
      30_000,
    );
    expect(mail.to).toEqual([ADDRESS]);
    expect(mail.subject).toMatch(/^Lost: /);
    // Marked SENT (its link stored) in the transaction committed once the SMTP server accepted
    // the mail, which can arrive a moment before: read once everything has settled.
    await settled(t);
    const stored = await t.sql(
      async (c) =>
        (
          await c.query(
            `SELECT m.email_state, (SELECT count(*)::int FROM review_links l WHERE l.agency_message_id = m.id) AS links
             FROM agency_messages m WHERE m.id = $1`,
            [lostId],
          )
        ).rows[0],
    );
    expect(stored).toEqual({ email_state: 'SENT', links: 1 });
    expect(smtp.messages.filter((m) => m.agencyMessageId === lostId)).toHaveLength(1);
  });
});
