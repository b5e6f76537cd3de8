import { generate } from 'otplib';
import { Role } from '../src/court/roles';
import { SecondFactorRepository } from '../src/second-factor/second-factor.repository';
import { ADMIN_PASSWORD, PASSWORD, startTestApp, TestApp, TestUser } from './support/test-app';

const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/**
 * A code of the authenticator for the first time step after `last` that the server still
 * accepts (its own step or the next: one step of drift is allowed), so that a test never waits
 * for the clock: each user takes at most the current and the next step.
 */
async function codeAfter(secret: string, last: number): Promise<{ code: string; step: number }> {
  const step = Math.max(currentStep(), last + 1);
  return { code: await generate({ secret, epoch: step * PERIOD }), step };
}

/**
 * Two-factor sign-in (TOTP, RFC 6238) against the real app, PostgreSQL and Redis, with
 * REQUIRE_TOTP_ROLES=ADMIN: the file's own administrator starts without a second factor, so the
 * first test is the one that shows an admin asked to enrol (and enrolling).
 */
describe('two-factor sign-in (TOTP)', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (body: Record<string, unknown>) =>
    t.http().post('/api/auth/login').set('Accept-Language', 'en').send(body);

  /** Enrols the user through the API; the secret, the confirming step and the recovery codes. */
  async function enrol(user: TestUser) {
    const started = await t.http().post('/api/me/totp').set(bearer(user.token)).expect(200);
    const secret = started.body.secret as string;
    const first = await codeAfter(secret, 0);
    const confirmed = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(bearer(user.token))
      .send({ code: first.code })
      .expect(200);
    return { secret, step: first.step, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  beforeAll(async () => {
    t = await startTestApp('totp', { REQUIRE_TOTP_ROLES: 'ADMIN' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('with REQUIRE_TOTP_ROLES=ADMIN an admin without enrolment signs in, is asked to enrol and can do nothing else until then', async () => {
    // Signed in with the password alone (startTestApp did): /api/me says what is missing.
    const me = await t.http().get('/api/me').set(bearer(t.admin.token)).expect(200);
    expect(me.body).toMatchObject({ totpEnabled: false, totpEnrolmentRequired: true });
    const refused = await t
      .http()
      .post('/api/users')
      .set(bearer(t.admin.token))
      .set('Accept-Language', 'lo')
      .send({ email: 'x@test.court.la', name: 'X', password: PASSWORD, role: 'JUDGE' });
    expect(refused.status).toBe(403);
    expect(refused.body.details[0]).toEqual({
      code: 'TOTP_ENROLMENT_REQUIRED',
      message: 'ບົດບາດຂອງທ່ານຕ້ອງໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ: ກະລຸນາຕັ້ງຄ່າກ່ອນ',
    });
    await t.http().get('/api/users').set(bearer(t.admin.token)).expect(403);
    // The sessions list and the enrolment stay open.
    await t.http().get('/api/me/sessions').set(bearer(t.admin.token)).expect(200);
    await t.http().get('/api/me/totp').set(bearer(t.admin.token)).expect(200, {
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      requiredForRole: true,
    });

    await enrol(t.admin);
    const after = await t.http().get('/api/me').set(bearer(t.admin.token)).expect(200);
    expect(after.body).toMatchObject({ totpEnabled: true, totpEnrolmentRequired: false });
    await t.http().get('/api/users').set(bearer(t.admin.token)).expect(200);
    // From now on the admin's password alone opens nothing.
    const passwordOnly = await login({ email: t.admin.email, password: ADMIN_PASSWORD });
    expect(passwordOnly.status).toBe(401);
    expect(passwordOnly.body.details[0].code).toBe('TOTP_REQUIRED');
    expect(passwordOnly.body.accessToken).toBeUndefined();
    // An admin's role requires the second factor: it cannot be turned off.
    const off = await t
      .http()
      .delete('/api/me/totp')
      .set(bearer(t.admin.token))
      .send({ password: ADMIN_PASSWORD });
    expect(off.status).toBe(403);
    expect(off.body.details[0].code).toBe('TOTP_REQUIRED_FOR_ROLE');
  });

  it('enrolment gives a secret, an otpauth:// URI and a QR code; a wrong code does not confirm it; the secret is never answered again', async () => {
    const judge = await t.user(Role.JUDGE);
    const started = await t.http().post('/api/me/totp').set(bearer(judge.token)).expect(200);
    const { secret, otpauthUri, qrCode } = started.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(
      otpauthUri.startsWith(
        `otpauth://totp/Court%20guidelines:${encodeURIComponent(judge.email)}?`,
      ),
    ).toBe(true);
    expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
    expect(new URL(otpauthUri).searchParams.get('issuer')).toBe('Court guidelines');
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toMatch(
      /^<svg[\s\S]*<\/svg>\s*$/,
    );
    // Not on until confirmed: the password alone still signs in.
    expect((await login({ email: judge.email, password: PASSWORD })).status).toBe(200);

    const wrong = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(bearer(judge.token))
      .set('Accept-Language', 'en')
      .send({ code: (await generate({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })) as string });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'code', code: 'TOTP_WRONG' });
    const malformed = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(bearer(judge.token))
      .send({ code: '12ab56' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('code');

    const first = await codeAfter(secret, 0);
    const confirmed = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(bearer(judge.token))
      .send({ code: first.code })
      .expect(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);

    const status = await t.http().get('/api/me/totp').set(bearer(judge.token)).expect(200);
    expect(status.body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
      requiredForRole: false,
    });
    expect(JSON.stringify(status.body)).not.toContain(secret);
    const again = await t.http().post('/api/me/totp').set(bearer(judge.token)).expect(409);
    expect(again.body.details[0].code).toBe('TOTP_ALREADY_ENABLED');
    // Stored encrypted, and the recovery codes only as hashes.
    const stored = await t.sql(async (c) => {
      const totp = await c.query(`SELECT secret_encrypted FROM user_totp WHERE user_id = $1`, [
        judge.id,
      ]);
      const recovery = await c.query(
        `SELECT code_hash FROM totp_recovery_codes WHERE user_id = $1`,
        [judge.id],
      );
      return {
        secret: (totp.rows[0].secret_encrypted as Buffer).toString('latin1'),
        hashes: recovery.rows.map((r) => (r.code_hash as Buffer).toString('hex')),
      };
    });
    expect(stored.secret).not.toContain(secret);
    expect(stored.hashes).toHaveLength(10);
    for (const code of codes) {
      expect(stored.hashes.join()).not.toContain(Buffer.from(code).toString('hex'));
    }
  });

  it('sign-in with the password only is TOTP_REQUIRED (no token), with a valid code succeeds, and the same code twice fails', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo' });
    const { secret, step } = await enrol(judge);

    for (const route of ['/api/auth/login', '/api/auth/session']) {
      const res = await t.http().post(route).send({ email: judge.email, password: PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.details).toEqual([
        {
          code: 'TOTP_REQUIRED',
          message: 'ກະລຸນາໃສ່ລະຫັດ 6 ຕົວເລກຈາກແອັບຢືນຢັນຕົວຕົນຂອງທ່ານ (ຫຼື ລະຫັດກູ້ຄືນ)',
        },
      ]);
      expect(res.body.accessToken).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // A wrong password says nothing of the second factor, whatever code comes with it.
    const next = await codeAfter(secret, step);
    const wrongPassword = await login({
      email: judge.email,
      password: 'not-the-password',
      totp: next.code,
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.details ?? []).toEqual([]);
    // The code that confirmed the enrolment has been used.
    const confirmCode = await generate({ secret, epoch: step * PERIOD });
    const replayedConfirm = await login({
      email: judge.email,
      password: PASSWORD,
      totp: confirmCode,
    });
    expect(replayedConfirm.status).toBe(401);
    expect(replayedConfirm.body.details[0].code).toBe('TOTP_WRONG');

    const ok = await login({ email: judge.email, password: PASSWORD, totp: next.code });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
    await t.http().get('/api/me').set(bearer(ok.body.accessToken)).expect(200);

    const twice = await login({ email: judge.email, password: PASSWORD, totp: next.code });
    expect(twice.status).toBe(401);
    expect(twice.body.details[0]).toEqual({
      code: 'TOTP_WRONG',
      message: 'The code is wrong, has expired or was already used',
    });
    expect(twice.body.accessToken).toBeUndefined();
  });

  it('a code sent twice at the same moment signs in once', async () => {
    const judge = await t.user(Role.JUDGE);
    const { secret, step } = await enrol(judge);
    const { code } = await codeAfter(secret, step);
    const answers = await Promise.all(
      [0, 1, 2].map(() => login({ email: judge.email, password: PASSWORD, totp: code })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
    // The sign-ins above are spread by the password hash; the step itself is taken by one
    // conditional UPDATE: of eight takers of one step at the same moment, exactly one wins.
    const repository = t.app.get(SecondFactorRepository, { strict: false });
    const later = currentStep() + 5;
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => repository.takeTimeStep(judge.id, later)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('a recovery code works once, in any case and without dashes, in the web sign-in too', async () => {
    const judge = await t.user(Role.JUDGE);
    const { recoveryCodes } = await enrol(judge);
    const typed = recoveryCodes[3].replace(/-/g, '').toLowerCase();
    const first = await login({ email: judge.email, password: PASSWORD, recoveryCode: typed });
    expect(first.status).toBe(200);
    const again = await login({
      email: judge.email,
      password: PASSWORD,
      recoveryCode: recoveryCodes[3],
    });
    expect(again.status).toBe(401);
    expect(again.body.details[0].code).toBe('TOTP_WRONG');
    const web = await t
      .http()
      .post('/api/auth/session')
      .send({ email: judge.email, password: PASSWORD, recoveryCode: recoveryCodes[4] });
    expect(web.status).toBe(200);
    expect(web.headers['set-cookie']).toBeDefined();
    const status = await t.http().get('/api/me/totp').set(bearer(judge.token)).expect(200);
    expect(status.body.recoveryCodesLeft).toBe(8);
    const unknown = await login({
      email: judge.email,
      password: PASSWORD,
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD',
    });
    expect(unknown.status).toBe(401);
  });

  it('wrong codes are limited per account: the sixth in 15 minutes is 429 with Retry-After, even a right one', async () => {
    const judge = await t.user(Role.JUDGE);
    const started = await t.http().post('/api/me/totp').set(bearer(judge.token)).expect(200);
    const right = await codeAfter(started.body.secret, 0);
    const wrongCode = right.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      await t
        .http()
        .post('/api/me/totp/confirm')
        .set(bearer(judge.token))
        .send({ code: wrongCode })
        .expect(400);
    }
    const throttled = await t
      .http()
      .post('/api/me/totp/confirm')
      .set(bearer(judge.token))
      .set('Accept-Language', 'en')
      .send({ code: right.code });
    expect(throttled.status).toBe(429);
    expect(throttled.body.details[0]).toEqual({
      code: 'TOTP_THROTTLED',
      message: 'Too many wrong codes: try again later',
    });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(900);
    // Nothing was enabled.
    const status = await t.http().get('/api/me/totp').set(bearer(judge.token)).expect(200);
    expect(status.body.enabled).toBe(false);
  });

  it('an administrator resets a user’s second factor, recorded with who did it; the user then signs in with the password', async () => {
    const judge = await t.user(Role.JUDGE);
    const { recoveryCodes } = await enrol(judge);
    await login({ email: judge.email, password: PASSWORD, recoveryCode: recoveryCodes[0] }).expect(
      200,
    );

    const notAdmin = await t.http().delete(`/api/users/${judge.id}/totp`).set(bearer(judge.token));
    expect(notAdmin.status).toBe(403);
    await t.http().delete(`/api/users/${judge.id}/totp`).set(bearer(t.admin.token)).expect(204);
    await t
      .http()
      .delete('/api/users/00000000-0000-4000-8000-000000000000/totp')
      .set(bearer(t.admin.token))
      .expect(404);

    const view = await t
      .http()
      .get(`/api/users/${judge.id}/totp`)
      .set(bearer(t.admin.token))
      .expect(200);
    expect(view.body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
      requiredForRole: false,
    });
    expect(view.body.history.map((h: { event: string }) => h.event)).toEqual([
      'RESET_BY_ADMIN',
      'RECOVERY_CODE_USED',
      'ENROLLED',
    ]);
    expect(view.body.history[0]).toMatchObject({
      actorId: t.admin.id,
      actorName: expect.any(String),
    });
    // The judge's open session sees it at once; the password alone signs in again.
    const me = await t.http().get('/api/me').set(bearer(judge.token)).expect(200);
    expect(me.body.totpEnabled).toBe(false);
    expect((await login({ email: judge.email, password: PASSWORD })).status).toBe(200);
    // History is append-only.
    await expect(
      t.sql((c) => c.query(`UPDATE second_factor_history SET event = 'ENROLLED'`)),
    ).rejects.toThrow(/append-only/);
  });

  it('the database announces every change of an enrolment on auth_users, whoever makes it (so every API process forgets the caller)', async () => {
    const judge = await t.user(Role.JUDGE);
    const heard = await t.sql(async (listener) => {
      const payloads: string[] = [];
      let wake: () => void = () => undefined;
      listener.on('notification', (message) => {
        payloads.push(message.payload ?? '');
        wake();
      });
      await listener.query('LISTEN auth_users');
      const next = () =>
        new Promise<void>((resolve) => {
          wake = resolve;
        });
      const waitFor = async (count: number) => {
        while (payloads.filter((p) => p === judge.id).length < count) await next();
      };
      await enrol(judge);
      // Started (INSERT) and enabled (UPDATE of enabled_at).
      await waitFor(2);
      // Plain SQL, not through the service.
      await t.sql((c) => c.query(`DELETE FROM user_totp WHERE user_id = $1`, [judge.id]));
      await waitFor(3);
      return payloads.filter((p) => p === judge.id).length;
    });
    expect(heard).toBe(3);
    const me = await t.http().get('/api/me').set(bearer(judge.token)).expect(200);
    expect(me.body.totpEnabled).toBe(false);
  });

  it('a user turns their own second factor off with a current code (not with a wrong password)', async () => {
    const observer = await t.user(Role.OBSERVER);
    const { secret, step } = await enrol(observer);
    const wrong = await t
      .http()
      .delete('/api/me/totp')
      .set(bearer(observer.token))
      .send({ password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].code).toBe('TOTP_CONFIRMATION_WRONG');
    const { code } = await codeAfter(secret, step);
    await t.http().delete('/api/me/totp').set(bearer(observer.token)).send({ code }).expect(204);
    const me = await t.http().get('/api/me').set(bearer(observer.token)).expect(200);
    expect(me.body.totpEnabled).toBe(false);
    expect((await login({ email: observer.email, password: PASSWORD })).status).toBe(200);
  });
});
