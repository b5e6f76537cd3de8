import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { Role } from '../src/court/roles';
import { QUEUE } from '../src/queues/queues';
import { auth, eventually, openQueue } from './support/review-road';
import { startSmtp, TestSmtp } from './support/smtp';
import { PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

jest.setTimeout(90_000);

const NEW_PASSWORD = 'ນ້ຳຕົກຕາດ-ຄອນພະເພັງ-7';

/** A reset e-mail as a mail client reads it: the link and its token. */
async function resetLinkIn(raw: string): Promise<{ text: string; link: string; token: string }> {
  const mail = await simpleParser(raw);
  const text = mail.text ?? '';
  const link = /https?:\/\/\S+#\/reset\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!link) throw new Error(`no reset link in: ${text}`);
  return { text, link: link[0], token: link[1] };
}

/**
 * Accounts: a temporary password set by an administrator must be changed first; everyone changes
 * their own password; a forgotten password is reset through a single-use link sent through a real
 * SMTP server; the users list searches and pages.
 */
describe('accounts', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let events: Queue;

  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('accounts', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      // Every request of this file comes from 127.0.0.1: the per-address limit has its own test.
      PASSWORD_RESET_PER_ADDRESS: '1000',
    });
    events = openQueue(t.env, QUEUE.DOMAIN_EVENTS);
  });

  afterAll(async () => {
    await events?.close();
    await t?.close();
    await smtp?.close();
  });

  /** The latest reset request's job has run and returned (whether a link was written). */
  async function resetJobResult(email: string): Promise<boolean> {
    const [row] = await t.sql((db) =>
      db
        .query(
          `SELECT id FROM password_reset_requests WHERE email = lower($1) ORDER BY requested_at DESC LIMIT 1`,
          [email],
        )
        .then((r) => r.rows as { id: string }[]),
    );
    return eventually(async () => {
      const job = await events.getJob(`password-reset-${row.id}`);
      if (!job || !(await job.isCompleted())) return undefined;
      return { sent: job.returnvalue as boolean };
    }, `the reset job of ${email}`).then((r) => r.sent);
  }

  describe('a temporary password set by an administrator', () => {
    let judge: TestUser;

    beforeAll(async () => {
      judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ສີສະຫວາດ' });
    });

    it('must be changed before anything else, and the change needs the current password', async () => {
      const temporary = 'ເຂົ້າໜຽວ-ຊົ່ວຄາວ-2026';
      const set = await t
        .http()
        .patch(`/api/users/${judge.id}`)
        .set(auth(t.admin))
        .send({ password: temporary, mustChangePassword: true });
      expect(set.status).toBe(200);
      expect(set.body.mustChangePassword).toBe(true);

      const signedIn = await login(judge.email, temporary);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.mustChangePassword).toBe(true);
      const holder = { ...judge, token: signedIn.body.accessToken as string };

      // Everything but reading oneself and changing the password is refused, in Lao for a Lao user.
      const refused = await t.http().get('/api/guidelines').set(auth(holder));
      expect(refused.status).toBe(403);
      expect(refused.body.details[0].code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(refused.body.message).toBe('ລະຫັດຜ່ານຂອງທ່ານເປັນລະຫັດຊົ່ວຄາວ: ກະລຸນາປ່ຽນລະຫັດຜ່ານກ່ອນ');
      const english = await t
        .http()
        .get('/api/notifications')
        .set(auth(holder))
        .set('Accept-Language', 'en');
      expect(english.body.message).toBe('Your password is temporary: change it before you go on');
      const me = await t.http().get('/api/me').set(auth(holder));
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);

      const change = (body: object) =>
        t.http().post('/api/me/password').set(auth(holder)).set('Accept-Language', 'lo').send(body);
      const wrong = await change({
        currentPassword: 'not-the-password',
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details[0]).toMatchObject({
        field: 'currentPassword',
        code: 'CURRENT_PASSWORD_WRONG',
        message: 'ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ',
      });
      const weak = await change({ currentPassword: temporary, newPassword: 'password12' });
      expect(weak.status).toBe(400);
      expect(weak.body.details[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_COMMON' });
      expect(weak.body.details[0].message).toMatch(/^ລະຫັດຜ່ານນີ້/);
      const same = await change({ currentPassword: temporary, newPassword: temporary });
      expect(same.status).toBe(400);
      expect(same.body.details[0].code).toBe('PASSWORD_UNCHANGED');

      const done = await change({ currentPassword: temporary, newPassword: NEW_PASSWORD });
      expect(done.status).toBe(204);
      // The change ended every session, this bearer token's too: sign in with the new password.
      expect((await t.http().get('/api/me').set(auth(holder))).status).toBe(401);
      expect((await login(judge.email, temporary)).status).toBe(401);
      const again = await login(judge.email, NEW_PASSWORD);
      expect(again.status).toBe(200);
      const renewed = { ...judge, token: again.body.accessToken as string };
      expect((await t.http().get('/api/guidelines').set(auth(renewed))).status).toBe(200);
      expect((await t.http().get('/api/me').set(auth(renewed))).body.mustChangePassword).toBe(
        false,
      );
    });

    it('an administrator creating a user can make the first password temporary', async () => {
      const email = `first-${Date.now()}@test.court.la`;
      const created = await t.http().post('/api/users').set(auth(t.admin)).send({
        email,
        name: 'Observer One',
        password: PASSWORD,
        role: 'OBSERVER',
        locale: 'en',
        mustChangePassword: true,
      });
      expect(created.status).toBe(201);
      expect(created.body.mustChangePassword).toBe(true);
      expect((await login(email, PASSWORD)).body.user.mustChangePassword).toBe(true);
    });
  });

  describe('a forgotten password', () => {
    let reviewer: TestUser;

    beforeAll(async () => {
      reviewer = await t.user(Role.AGENCY_REVIEWER, {
        agencyCode: 'MOJ',
        locale: 'lo',
        name: 'ທ່ານ ຄຳພອນ',
      });
    });

    it('is reset through the e-mailed link, which works once', async () => {
      const asked = await t
        .http()
        .post('/api/auth/password-reset')
        .send({ email: reviewer.email.toUpperCase() });
      expect(asked.status).toBe(202);
      expect(asked.body).toEqual({ accepted: true });

      const before = smtp.messages.length;
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      expect(mail.to).toEqual([reviewer.email]);
      expect(mail.subject).toBe('ຕັ້ງລະຫັດຜ່ານໃໝ່ສຳລັບລະບົບຂໍ້ແນະນຳຂອງສານ');
      const { text, link, token } = await resetLinkIn(mail.raw);
      expect(link.startsWith(`${t.env.PUBLIC_URL}/#/reset?token=`)).toBe(true);
      expect(text).toContain('30 ນາທີ');
      // Only a digest of the token is stored; the message is not in the inbox.
      const stored = await t.sql((db) =>
        db.query(`SELECT token_hash FROM password_reset_tokens`).then((r) => r.rows),
      );
      expect(JSON.stringify(stored)).not.toContain(token);
      const inbox = await t.http().get('/api/notifications').set(auth(reviewer));
      expect(inbox.body.items).toEqual([]);
      expect(inbox.body.unreadCount).toBe(0);

      const confirm = (password: string) =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .set('Accept-Language', 'lo')
          .send({ token, password });
      // A password the policy refuses leaves the link usable.
      const weak = await confirm('short');
      expect(weak.status).toBe(400);
      expect(weak.body.details[0]).toMatchObject({
        field: 'password',
        code: 'PASSWORD_TOO_SHORT',
        message: 'ລະຫັດຜ່ານຕ້ອງມີຢ່າງໜ້ອຍ 10 ຕົວອັກສອນ',
      });
      expect((await confirm(NEW_PASSWORD)).status).toBe(204);

      expect((await login(reviewer.email, PASSWORD)).status).toBe(401);
      expect((await login(reviewer.email, NEW_PASSWORD)).status).toBe(200);
      const again = await confirm('another-long-passphrase-9');
      expect(again.status).toBe(400);
      expect(again.body.details[0]).toMatchObject({
        field: 'token',
        code: 'RESET_LINK_INVALID',
        message: 'ລິ້ງນີ້ຖືກໃຊ້ແລ້ວ, ໝົດອາຍຸແລ້ວ ຫຼື ບໍ່ຖືກຕ້ອງ: ກະລຸນາຂໍລິ້ງໃໝ່',
      });
      expect((await login(reviewer.email, NEW_PASSWORD)).status).toBe(200);
      // The stored copy of the e-mail no longer carries the link.
      const copy = await t.sql((db) =>
        db
          .query(
            `SELECT body, link FROM notifications WHERE kind = 'PASSWORD_RESET' AND user_id = $1`,
            [reviewer.id],
          )
          .then((r) => r.rows),
      );
      expect(copy).toEqual([{ body: 'ລິ້ງຕັ້ງລະຫັດຜ່ານໃໝ່ນີ້ຖືກໃຊ້ແລ້ວ ຫຼື ຖືກປ່ຽນແທນແລ້ວ.', link: null }]);
    });

    it('answers an unknown or deactivated address the same 202, and sends it nothing', async () => {
      const deactivated = await t.user(Role.OBSERVER, { locale: 'en' });
      expect(
        (
          await t
            .http()
            .patch(`/api/users/${deactivated.id}`)
            .set(auth(t.admin))
            .send({ active: false })
        ).status,
      ).toBe(200);
      const known = await t.user(Role.OBSERVER, { locale: 'en' });
      const answers = [];
      for (const email of ['nobody@test.court.la', deactivated.email, known.email]) {
        const res = await t.http().post('/api/auth/password-reset').send({ email });
        answers.push({ status: res.status, body: res.body, type: res.headers['content-type'] });
      }
      expect(answers[0]).toEqual(answers[2]);
      expect(answers[1]).toEqual(answers[2]);
      expect(await resetJobResult('nobody@test.court.la')).toBe(false);
      expect(await resetJobResult(deactivated.email)).toBe(false);
      expect(await resetJobResult(known.email)).toBe(true);
      await eventually(
        async () => smtp.messages.some((m) => m.to.includes(known.email)),
        'the known address’s mail',
      );
      const to = smtp.messages.flatMap((m) => m.to);
      expect(to).not.toContain('nobody@test.court.la');
      expect(to).not.toContain(deactivated.email);
      const tokens = await t.sql((db) =>
        db
          .query(`SELECT user_id FROM password_reset_tokens WHERE user_id = ANY($1::uuid[])`, [
            [deactivated.id, known.id],
          ])
          .then((r) => r.rows),
      );
      expect(tokens).toEqual([{ user_id: known.id }]);
    });

    it('refuses an expired link, and a password change revokes the links still open', async () => {
      const judge = await t.user(Role.JUDGE, { locale: 'en' });
      const before = smtp.messages.length;
      await t.http().post('/api/auth/password-reset').send({ email: judge.email });
      await t.http().post('/api/auth/password-reset').send({ email: judge.email });
      const mails = (await smtp.waitFor(before + 2)).slice(before);
      expect(mails.map((m) => m.to[0])).toEqual([judge.email, judge.email]);
      const [first, second] = await Promise.all(mails.map((m) => resetLinkIn(m.raw)));
      expect(first.token).not.toBe(second.token);
      expect(first.text).toContain('within 30 minutes');

      // A link older than 30 minutes: the clock cannot be waited for, so the row is aged. It is
      // found by its token's hash: the two e-mails may leave in either order.
      const aged = await t.sql((db) =>
        db.query(
          `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'
            WHERE user_id = $1 AND token_hash = $2`,
          [judge.id, createHash('sha256').update(first.token).digest('hex')],
        ),
      );
      expect(aged.rowCount).toBe(1);
      const confirm = (token: string) =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .set('Accept-Language', 'en')
          .send({ token, password: NEW_PASSWORD });
      const expired = await confirm(first.token);
      expect(expired.status).toBe(400);
      expect(expired.body.details[0].code).toBe('RESET_LINK_INVALID');
      expect(expired.body.message).toBe(
        'This link has been used, has expired or is not valid: ask for a new one',
      );

      const changed = await t
        .http()
        .post('/api/me/password')
        .set(auth(judge))
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(204);
      const revoked = await confirm(second.token);
      expect(revoked.status).toBe(400);
      expect(revoked.body.details[0].code).toBe('RESET_LINK_INVALID');
      const malformed = await confirm('not a token');
      expect(malformed.status).toBe(400);
    });

    it('is limited per e-mail address, also when requests race, with Retry-After', async () => {
      const email = `limited-${Date.now()}@test.court.la`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => t.http().post('/api/auth/password-reset').send({ email })),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
      const refused = answers.find((a) => a.status === 429)!;
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      expect(refused.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        details: [{ code: 'RESET_THROTTLED' }],
      });
      const lao = await t
        .http()
        .post('/api/auth/password-reset')
        .set('Accept-Language', 'lo')
        .send({ email });
      expect(lao.body.message).toBe('ມີການຂໍຕັ້ງລະຫັດຜ່ານໃໝ່ຫຼາຍເກີນໄປ: ກະລຸນາລອງໃໝ່ພາຍຫຼັງ');
    });

    it('refuses malformed requests with a 400 in the error shape', async () => {
      const bad = await t.http().post('/api/auth/password-reset').send({ email: 'not-an-e-mail' });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('email');
      const missing = await t.http().post('/api/auth/password-reset/confirm').send({});
      expect(missing.status).toBe(400);
    });
  });

  describe('the users list', () => {
    it('searches by part of the name or e-mail, role, agency and activity, page by page', async () => {
      const made = [];
      for (const [name, role, agencyCode] of [
        ['ທ່ານ ວັນນະ ສີລາ', Role.JUDGE, undefined],
        ['Vanna Phomma', Role.AGENCY_REVIEWER, 'MOFA'],
        ['ນາງ ວັນນີ', Role.AGENCY_REVIEWER, 'MOJ'],
        ['Dara 100%_sure', Role.OBSERVER, undefined],
      ] as const) {
        made.push(await t.user(role, { name, ...(agencyCode ? { agencyCode } : {}) }));
      }
      const list = async (query: Record<string, string>) => {
        const res = await t.http().get('/api/users').query(query).set(auth(t.admin));
        expect(res.status).toBe(200);
        return res.body as { items: { name: string; email: string }[]; next: string | null };
      };
      expect((await list({ q: 'ວັນ' })).items.map((u) => u.name)).toEqual([
        'ທ່ານ ວັນນະ ສີລາ',
        'ນາງ ວັນນີ',
      ]);
      expect((await list({ q: 'vanna' })).items.map((u) => u.name)).toEqual(['Vanna Phomma']);
      expect((await list({ q: made[3].email.toUpperCase() })).items.map((u) => u.name)).toEqual([
        'Dara 100%_sure',
      ]);
      // LIKE's wildcards are taken as typed.
      expect((await list({ q: '0%_' })).items.map((u) => u.name)).toEqual(['Dara 100%_sure']);
      expect((await list({ q: '%' })).items.map((u) => u.name)).toEqual(['Dara 100%_sure']);
      expect(
        (await list({ role: 'AGENCY_REVIEWER', agencyCode: 'MOJ', q: 'ວັນ' })).items.map(
          (u) => u.name,
        ),
      ).toEqual(['ນາງ ວັນນີ']);
      await t.http().patch(`/api/users/${made[1].id}`).set(auth(t.admin)).send({ active: false });
      expect((await list({ active: 'false' })).items.map((u) => u.name)).toContain('Vanna Phomma');
      expect((await list({ active: 'true', q: 'vanna' })).items).toEqual([]);

      const everyone: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        everyone.push(...page.items.map((u) => u.email));
        cursor = page.next;
      } while (cursor);
      const all = await list({ limit: '200' });
      expect(everyone).toEqual(all.items.map((u) => u.email));
      expect(new Set(everyone).size).toBe(everyone.length);

      const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
      expect((await t.http().get(`/api/users?cursor=${forged}`).set(auth(t.admin))).status).toBe(
        400,
      );
    });
  });
  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});

/** The per-address limit, on an app of its own (every request of a test comes from 127.0.0.1). */
describe('password reset requests from one address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('accounts_address', {
      PASSWORD_RESET_PER_ADDRESS: '5',
      PASSWORD_RESET_PER_EMAIL: '3',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('are limited for all e-mails together', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await t
        .http()
        .post('/api/auth/password-reset')
        .send({ email: `someone${i}@test.court.la` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
  });
});
