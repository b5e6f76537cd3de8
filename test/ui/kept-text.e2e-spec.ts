import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  openPage,
  screenshot,
  signInOn,
  seriousA11yViolations,
  waitForRoute,
} from '../support/browser';
import { guidelineAtCouncil, localDay, move } from '../support/review-road';
import { TcpProxy } from '../support/tcp-proxy';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Nothing typed is lost. The browser reaches the service through a TCP proxy the test cuts, as a
 * failed network or a stopped server would: a comment sent then is "not sent" with its text kept
 * (also across a reload), and once the service is back it is sent, once, even when the answer to
 * a send that did commit was lost (the retry carries the same Idempotency-Key). A session that
 * expires while a comment and a reply are being typed finds both again after signing in.
 */
describe('nothing typed is lost (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let proxy: TcpProxy;
  let baseUrl: string;
  let secretariat: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  /** Net errors Chromium logs for requests that got no answer: caused here on purpose. */
  const NO_ANSWER = /net::ERR_/;

  const commentsBy = (authorId: string) =>
    t.sql(async (q) => {
      const { rows } = await q.query<{ body: string; parent_id: string | null }>(
        `SELECT body, parent_id FROM comments WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at`,
        [authorId],
      );
      return rows;
    });
  const keptKeys = (page: Page) =>
    inPage<string[]>(page, `Object.keys(sessionStorage).filter((k) => k.startsWith('cg.kept.'))`);

  beforeAll(async () => {
    t = await startTestApp('ui_kept_text');
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    proxy = await new TcpProxy('127.0.0.1', port).start();
    baseUrl = `http://127.0.0.1:${proxy.port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-KEPT',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'v1',
        sections: [
          { key: 'privacy', heading: 'Privacy', body: 'Names of victims are not published.' },
        ],
      });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await t?.close();
  });

  const thread = `/g/:id/v/1/s/privacy`;
  const threadPath = () => thread.replace(':id', guidelineId);

  it('a comment typed while the server is stopped is still in the box after the server is back and is then sent once (Lao)', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: judge.email, password: PASSWORD });
    await page.goto(`/#${threadPath()}`);
    await waitForRoute(page, threadPath());
    const text = 'ຄວນປົກປິດທີ່ຢູ່ຂອງຜູ້ເຄາະຮ້າຍນຳອີກ.';
    const box = page.getByLabel('ຄຳເຫັນຂອງທ່ານ', { exact: true });
    await box.fill(text);

    // The service stops answering.
    proxy.cut();
    await page.getByRole('button', { name: 'ສົ່ງຄຳເຫັນ' }).click();
    const alert = page.locator('#thread [role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('ບໍ່ໄດ້ສົ່ງ:');
    await expect(alert.textContent()).resolves.toContain('ບໍ່ສາມາດຕິດຕໍ່ເຊີບເວີໄດ້');
    await expect(box.inputValue()).resolves.toBe(text);
    await page.getByRole('button', { name: 'ສົ່ງອີກຄັ້ງ' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'kept-text-not-sent-lo');
    expect(await commentsBy(judge.id)).toEqual([]);

    // The service is back; even a reload finds the text in the box, not yet sent.
    proxy.restore();
    await page.reload();
    await waitForRoute(page, threadPath());
    await expect(box.inputValue()).resolves.toBe(text);
    await page.locator('#thread [role=status]', { hasText: 'ມັນຍັງບໍ່ທັນຖືກສົ່ງ' }).waitFor();

    // This send reaches the service and commits, but its answer is lost on the way back.
    let lostAnswerKey: string | undefined;
    await page.route('**/api/guidelines/*/versions/1/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      lostAnswerKey = route.request().headers()['idempotency-key'];
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'ສົ່ງຄຳເຫັນ' }).click();
    await page.getByRole('button', { name: 'ສົ່ງອີກຄັ້ງ' }).waitFor();
    expect(lostAnswerKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(await commentsBy(judge.id)).toEqual([{ body: text, parent_id: null }]);
    await expect(box.inputValue()).resolves.toBe(text);

    // Sent again with the same key: the service answers the first write, and writes nothing more.
    await page.unrouteAll();
    const retried = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/versions/1/comments'),
    );
    await page.getByRole('button', { name: 'ສົ່ງອີກຄັ້ງ' }).click();
    expect((await retried).headers()['idempotency-key']).toBe(lostAnswerKey);
    await page.locator('#thread article.comment', { hasText: text }).waitFor();
    expect(await commentsBy(judge.id)).toEqual([{ body: text, parent_id: null }]);
    await expect(page.locator('#thread article.comment', { hasText: text }).count()).resolves.toBe(
      1,
    );
    await expect(box.inputValue()).resolves.toBe('');
    expect(await keptKeys(page)).toEqual([]);
    expect(ui.errors.filter((e) => !NO_ANSWER.test(e))).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('a comment and a reply being typed when the session expires are there again after signing in (English)', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Somsack' });
    const other = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Noy' });
    const first = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(other))
      .send({ sectionKey: 'privacy', body: 'Photographs too.' });
    expect(first.status).toBe(201);
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: judge.email, password: PASSWORD }, { english: true });
    await page.goto(`/#${threadPath()}`);
    await waitForRoute(page, threadPath());
    const comment = 'Court lists should show initials only.';
    const reply = 'And no faces in the court’s own photographs.';
    await page.getByLabel('Your comment', { exact: true }).fill(comment);
    const photos = page.locator('#thread article.comment', { hasText: 'Photographs too.' });
    await photos.locator('summary', { hasText: 'Reply' }).click();
    await photos.getByLabel('Your reply').fill(reply);

    // The session ends on the server (as it would by expiry) while the person is typing.
    const ended = await t.http().post(`/api/users/${judge.id}/sessions/end`).set(bearer(t.admin));
    expect(ended.status).toBe(200);
    await page.getByRole('button', { name: 'Send comment' }).click();
    await waitForRoute(page, '/login');
    await page.getByText('Your session has ended').waitFor();
    expect(await commentsBy(judge.id)).toEqual([]);

    await page.locator('input[type=email]').fill(judge.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, threadPath());
    await expect(page.getByLabel('Your comment', { exact: true }).inputValue()).resolves.toBe(
      comment,
    );
    // The reply's form is open again with its text.
    await expect(photos.getByLabel('Your reply').inputValue()).resolves.toBe(reply);
    await expect(
      page.locator('#thread [role=status]', { hasText: 'it has not been sent yet' }).count(),
    ).resolves.toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'kept-text-after-sign-in-en');

    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.locator('#thread article.comment', { hasText: comment }).waitFor();
    // Still kept (only the comment was sent), so its form is open.
    await expect(photos.getByLabel('Your reply').inputValue()).resolves.toBe(reply);
    await photos.getByRole('button', { name: 'Send reply' }).click();
    await photos.locator('.replies', { hasText: reply }).waitFor();
    expect(await commentsBy(judge.id)).toEqual([
      { body: comment, parent_id: null },
      { body: reply, parent_id: first.body.id },
    ]);
    expect(await keptKeys(page)).toEqual([]);

    // Typed and not sent, then an explicit sign-out: the text is not left behind in the tab.
    await page.getByLabel('Your comment', { exact: true }).fill('Half a thought');
    expect(await keptKeys(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForRoute(page, '/login');
    expect(await keptKeys(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 401, method: 'POST', path: `/api/guidelines/${guidelineId}/versions/1/comments` },
    ]);
    await ui.context.close();
  });
  it('a review answer being typed when the service stops is kept, then sent once; the confirm step hides its "check" button (Lao)', async () => {
    const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOJ'],
      reviewDueAt: localDay(20),
    });
    const reviews = await t.http().get(`/api/reviews?guidelineId=${id}`).set(bearer(secretariat));
    const reviewId = reviews.body.items[0].id as string;
    const answers = () =>
      t.sql(async (q) => {
        const { rows } = await q.query<{ status: string; comments: string | null }>(
          `SELECT status, response_comments AS comments FROM review_requests WHERE id = $1`,
          [reviewId],
        );
        return rows;
      });

    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: reviewer.email, password: PASSWORD });
    await page.goto(`/#/reviews/${reviewId}`);
    await waitForRoute(page, `/reviews/${reviewId}`);
    const comments = 'ກະຊວງຍຸຕິທຳເຫັນດີ, ແຕ່ຂໍໃຫ້ເພີ່ມຫ້ອງແຍກໃນທຸກແຂວງ.';
    await page.getByLabel('ເຫັນດີ ພ້ອມຄຳເຫັນ').check();
    await page.getByLabel('ຄຳເຫັນຂອງອົງການ').fill(comments);
    await page.getByLabel('ຊື່ຜູ້ລົງນາມ').fill('ທ່ານ ສົມພອນ');
    await page.getByLabel('ຕຳແໜ່ງຜູ້ລົງນາມ').fill('ຫົວໜ້າກົມ');
    const check = page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' });
    await check.click();
    // On the confirm step the "check" button (a button.primary) is hidden, and really out of sight.
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).waitFor();
    await expect(check.isVisible()).resolves.toBe(false);
    await expect(
      inPage(page, `getComputedStyle(document.querySelector('button.primary[hidden]')).display`),
    ).resolves.toBe('none');

    proxy.cut();
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    await page.locator('main [role=alert]', { hasText: 'ບໍ່ໄດ້ສົ່ງ:' }).waitFor();
    await expect(page.getByLabel('ຄຳເຫັນຂອງອົງການ').inputValue()).resolves.toBe(comments);
    expect(await answers()).toEqual([{ status: 'PENDING', comments: null }]);

    proxy.restore();
    await page.reload();
    await waitForRoute(page, `/reviews/${reviewId}`);
    await page.locator('main [role=status]', { hasText: 'ມັນຍັງບໍ່ທັນຖືກສົ່ງ' }).waitFor();
    await expect(page.getByLabel('ຄຳເຫັນຂອງອົງການ').inputValue()).resolves.toBe(comments);
    await expect(page.getByLabel('ຊື່ຜູ້ລົງນາມ').inputValue()).resolves.toBe('ທ່ານ ສົມພອນ');
    // The decision chosen is back too.
    await expect(page.getByLabel('ເຫັນດີ ພ້ອມຄຳເຫັນ').isChecked()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await check.click();
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    await page.locator('#review-answered').waitFor();
    expect(await answers()).toEqual([{ status: 'ANSWERED', comments }]);
    expect(await keptKeys(page)).toEqual([]);
    expect(ui.errors.filter((e) => !NO_ANSWER.test(e))).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
  it('the working draft being edited when the session expires is there again after signing in, then saved (English)', async () => {
    const officer = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Officer Dara' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: officer.email, password: PASSWORD }, { english: true });
    const path = `/g/${guidelineId}/draft`;
    await page.goto(`/#${path}`);
    await waitForRoute(page, path);
    const body = 'Names and addresses of victims are not published, nor their photographs.';
    await page.getByLabel('Text', { exact: true }).first().fill(body);
    await page.getByLabel('Change summary').fill('Photographs');

    const ended = await t.http().post(`/api/users/${officer.id}/sessions/end`).set(bearer(t.admin));
    expect(ended.status).toBe(200);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(officer.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, path);
    await page
      .locator('#save-message [role=status]', { hasText: 'it has not been sent yet' })
      .waitFor();
    await expect(page.getByLabel('Text', { exact: true }).first().inputValue()).resolves.toBe(body);
    await expect(page.getByLabel('Change summary').inputValue()).resolves.toBe('Photographs');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#save-message [role=status]', { hasText: 'Draft saved' }).waitFor();
    const draft = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/draft`)
      .set(bearer(secretariat));
    expect(draft.body).toMatchObject({ changeSummary: 'Photographs', sections: [{ body }] });
    expect(await keptKeys(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 401, method: 'PUT', path: `/api/guidelines/${guidelineId}/draft` },
    ]);
    await ui.context.close();
  });
});
