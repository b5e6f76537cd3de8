import { readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Role } from '../src/court/roles';
import { REVIEW_LINK_REQUESTS_PER_MINUTE } from '../src/reviews/review-links.controller';
import { spawnApi, ApiProcess } from './support/api-process';
import { AddressedAnswer, postFrom, requestFrom } from './support/client-address';
import { eventually } from './support/review-road';
import { checkRealEmail, parseMail, startSmtp, TestSmtp } from './support/smtp';
import { PASSWORD, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** The process's memory, from /proc/<pid>/status: resident now and its peak (kB). */
function memoryOf(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Starts the process's peak resident size (VmHWM) again from its present size. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/**
 * Sign-in that holds: the budgets per client address (all e-mails together) and per e-mail are
 * kept in Redis, so two API processes count the same attempts, over both sign-in routes; a client
 * cannot choose its address with X-Forwarded-For unless TRUST_PROXY names its proxy; a flood of
 * sign-ins waits for a few KDF slots instead of hashing all at once; an e-mail is locked after
 * repeated failures, alike for an account and for no account, and the owner is told by e-mail.
 * Each test speaks from its own 127.0.0.x address, as a distinct client.
 */
describe('sign-in limits across two API processes', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let second: ApiProcess;
  let firstUrl: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('sign_in_limits', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    // Every interface, as src/main.ts listens (the second process): both see an IPv4 client as
    // ::ffff:127.0.0.x, as two replicas of one installation would.
    await t.app.listen(0, '::');
    firstUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // The second process hashes as production does (scrypt log N 17, 128 MiB per hash).
    second = await spawnApi(t.env, { PASSWORD_SCRYPT_LOG_N: '17' });
  });

  afterAll(async () => {
    await second?.stop();
    await t?.close();
    await smtp?.close();
  });

  /** The i-th attempt goes to one process or the other, and to one route or the other. */
  function signIn(
    from: string,
    i: number,
    body: { email: string; password: string },
    headers: Record<string, string> = {},
  ): Promise<AddressedAnswer> {
    const url = i % 2 === 0 ? firstUrl : second.url;
    const route = Math.floor(i / 2) % 2 === 0 ? '/api/auth/login' : '/api/auth/session';
    return postFrom(from, url, route, body, headers);
  }

  it('answers 429 with Retry-After from the 11th of 30 failed sign-ins from one address, 30 e-mails over both processes and routes', async () => {
    const answers: AddressedAnswer[] = [];
    for (let i = 0; i < 30; i += 1) {
      answers.push(
        await signIn('127.0.0.11', i, {
          email: `sprayed-${i}@test.court.la`,
          password: `wrong-password-${i}`,
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);
    for (const refused of answers.slice(10)) {
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        details: [{ code: 'SIGN_IN_THROTTLED' }],
      });
    }
    // Another client keeps its own budget: the spray from .11 does not lock anyone else out.
    const judge = await t.user(Role.JUDGE);
    const other = await postFrom('127.0.0.12', second.url, '/api/auth/login', {
      email: judge.email,
      password: PASSWORD,
    });
    expect(other.status).toBe(200);
  });

  it('does not let a rotated X-Forwarded-For choose the address (no TRUST_PROXY)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const answer = await signIn(
        '127.0.0.13',
        i,
        { email: `rotated-${i}@test.court.la`, password: `wrong-password-${i}` },
        { 'X-Forwarded-For': `203.0.113.${i + 1}`, 'X-Real-IP': `198.51.100.${i + 1}` },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
  });

  it('gives a successful sign-in its attempt back: an office behind one address signs in together', async () => {
    const people = [];
    for (let i = 0; i < 12; i += 1) people.push(await t.user(Role.OBSERVER));
    const statuses: number[] = [];
    for (const [i, person] of people.entries()) {
      statuses.push(
        (await signIn('127.0.0.14', i, { email: person.email, password: PASSWORD })).status,
      );
    }
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it('locks an e-mail after 5 failures in a row (the right password too), tells its owner once by e-mail in Lao, and answers an unknown e-mail alike', async () => {
    const owner = await t.user(Role.JUDGE, { locale: 'lo', name: 'ສົມພອນ ແກ້ວມະນີ' });
    const stranger = 'nobody-here@test.court.la';
    for (const email of [owner.email, stranger]) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push(
          (await signIn('127.0.0.15', i, { email, password: `wrong-password-${i}` })).status,
        );
      }
      expect(statuses).toEqual(Array(5).fill(401));
    }
    const ask = (email: string, password: string, i: number) =>
      signIn('127.0.0.16', i, { email, password }, { 'Accept-Language': 'en' });
    const locked = await ask(owner.email, PASSWORD, 0);
    const unknown = await ask(stranger, PASSWORD, 0);
    for (const answer of [locked, unknown]) {
      expect(answer.status).toBe(429);
      expect(answer.body.details[0].code).toBe('SIGN_IN_LOCKED');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    }
    // Word for word the same answer: a lock tells a stranger nothing about the account.
    expect(unknown.body.message).toBe(locked.body.message);
    expect(locked.body.message).toMatch(/locked for 15 minutes/);
    // The other process and the other route refuse it too, in Lao when asked in Lao.
    const elsewhere = await postFrom(
      '127.0.0.16',
      second.url,
      '/api/auth/session',
      { email: owner.email, password: PASSWORD },
      { 'Accept-Language': 'lo' },
    );
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.message).toMatch(/ຖືກລັອກ/);

    const received = await eventually(
      async () => smtp.messages.find((m) => m.to.includes(owner.email)),
      'the lock e-mail on the SMTP server',
    );
    const mail = await parseMail(received);
    expect(checkRealEmail(mail)).toEqual([]);
    expect(mail.headers.get('content-language')).toBe('lo');
    expect(mail.subject).toMatch(/ລັອກ/);
    expect(mail.text).toContain(owner.email);
    expect(mail.text).toContain('15 ນາທີ');
    expect(mail.text).toMatch(/#\/forgot/);
    // Attempts while locked set no new lock: one message for the lock, and none for the stranger.
    await ask(owner.email, 'wrong-again-password', 1);
    const told = await t.sql((db) =>
      db
        .query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'SIGN_IN_LOCKED'`)
        .then((r) => r.rows[0].n as number),
    );
    expect(told).toBe(1);

    // Choosing a new password through "Forgot your password?" lifts the lock at once.
    const NEW_PASSWORD = 'ນ້ຳຕົກຕາດ-ຄອນພະເພັງ-9';
    expect(
      (await t.http().post('/api/auth/password-reset').send({ email: owner.email })).status,
    ).toBe(202);
    const resetMail = await eventually(
      async () => smtp.messages.find((m) => m.to.includes(owner.email) && m !== received),
      'the reset e-mail',
    );
    const token = /#\/reset\?token=([A-Za-z0-9_-]+)/.exec((await parseMail(resetMail)).text ?? '');
    expect(token).not.toBeNull();
    const confirmed = await t
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: token![1], password: NEW_PASSWORD });
    expect(confirmed.status).toBe(204);
    const unlocked = await ask(owner.email, NEW_PASSWORD, 1);
    expect(unlocked.status).toBe(200);
  });

  it('forgets the failures of an e-mail after a successful sign-in', async () => {
    const person = await t.user(Role.SECRETARIAT);
    const statuses: number[] = [];
    const attempt = (i: number, password: string) =>
      signIn('127.0.0.17', i, { email: person.email, password }).then((a) => a.status);
    for (let i = 0; i < 4; i += 1) statuses.push(await attempt(i, `wrong-password-${i}`));
    statuses.push(await attempt(4, PASSWORD));
    for (let i = 5; i < 9; i += 1) statuses.push(await attempt(i, `wrong-password-${i}`));
    statuses.push(await attempt(9, PASSWORD));
    expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401, 200]);
  });

  it('shares the other rate limits (@nestjs/throttler in Redis) too: answer links from one address over both processes', async () => {
    const forged = `/api/review-links/${'C'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i <= REVIEW_LINK_REQUESTS_PER_MINUTE; i += 1) {
      const url = i % 2 === 0 ? firstUrl : second.url;
      statuses.push((await requestFrom('127.0.0.22', url, 'GET', forged)).status);
    }
    expect(statuses).toEqual([...Array(REVIEW_LINK_REQUESTS_PER_MINUTE).fill(404), 429]);
  });

  it('keeps 48 concurrent sign-ins with made-up e-mails from doubling memory, and a real sign-in from another address still succeeds', async () => {
    const pid = second.child.pid!;
    const judge = await t.user(Role.JUDGE);
    // Warm: the process has done what a quiet day asks of it, two unknown e-mails hashed at once.
    resetPeak(pid);
    await Promise.all(
      ['127.0.0.18', '127.0.0.19'].map((from, i) =>
        postFrom(from, second.url, '/api/auth/login', {
          email: `warm-${i}@test.court.la`,
          password: 'warm-password-1',
        }),
      ),
    );
    const warm = memoryOf(pid);
    resetPeak(pid);
    const flood = Array.from({ length: 48 }, (_, i) =>
      postFrom('127.0.0.20', second.url, '/api/auth/login', {
        email: `made-up-${i}@test.court.la`,
        password: `made-up-password-${i}`,
      }),
    );
    const sent = Date.now();
    const real = postFrom('127.0.0.21', second.url, '/api/auth/login', {
      email: judge.email,
      password: PASSWORD,
    }).then((answer) => ({ answer, ms: Date.now() - sent }));
    const [floodAnswers, { answer: realAnswer, ms: realMs }] = await Promise.all([
      Promise.all(flood),
      real,
    ]);
    const flooded = memoryOf(pid);
    expect(realAnswer.status).toBe(200);
    const statuses = floodAnswers.map((a) => a.status);
    // Every answer is a refusal, none an error. The address's budget bounds the hashes the flood
    // got (a refusal by the full KDF queue gives its attempt back: nothing was hashed).
    expect(statuses.every((s) => [401, 429, 503].includes(s))).toBe(true);
    const hashed = statuses.filter((s) => s === 401).length;
    expect(hashed).toBeGreaterThan(0);
    expect(hashed).toBeLessThanOrEqual(10);
    for (const refused of floodAnswers.filter((a) => a.status !== 401)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(['SIGN_IN_THROTTLED', 'SIGN_IN_BUSY']).toContain(refused.body.details[0].code);
    }
    const mib = (kb: number) => Math.round(kb / 1024);
    console.log(
      `48 concurrent sign-ins at scrypt log N 17: warm RSS ${mib(warm.rssKb)} MiB (peak ` +
        `${mib(warm.peakKb)} MiB asked for two at once), peak ${mib(flooded.peakKb)} MiB during ` +
        `the flood, ${mib(flooded.rssKb)} MiB after (KDF_CONCURRENCY ${t.env.KDF_CONCURRENCY}); ` +
        `answers ${JSON.stringify(countBy(statuses))}; the real sign-in answered in ${realMs} ms`,
    );
    expect(flooded.peakKb).toBeLessThan(2 * warm.rssKb);
    // Not even one more hash's memory (128 MiB) than the warm process already held.
    expect(flooded.peakKb - warm.peakKb).toBeLessThan(128 * 1024);
  });
});
