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
  UiPage,
  waitForRoute,
} from '../support/browser';
import { move, settled } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/** Elements with the hidden attribute that still take room on the page (a class overriding it). */
const SHOWN_THOUGH_HIDDEN = `Array.from(document.querySelectorAll('[hidden]'))
  .filter((el) => getComputedStyle(el).display !== 'none' || el.getClientRects().length > 0)
  .map((el) => el.outerHTML.slice(0, 80))`;

/**
 * The bell follows the server without a reload (it asks every 30 s while the tab is visible; the
 * test moves the page's clock on instead of waiting) and is named with its count in Lao and
 * English. The menus and the links to forms follow what /api/me says the person may open
 * (yourActions), and the hidden attribute hides whatever class an element has.
 */
describe('the bell and what each role is offered (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('ui_bell_menus');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-BELL',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'v1',
        sections: [{ key: 'privacy', heading: 'Privacy', body: 'Names are not published.' }],
      });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    // The move tells every judge who may comment ("open for your comments"): let that be done
    // before the tests make their judges, whose bells must start with nothing unread.
    await settled(t);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(
    user: { email: string },
    { english = false, password = PASSWORD, clock = false } = {},
  ): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    // The page's timers run on a clock the test moves on (installed before the page loads).
    if (clock) await page.clock.install();
    await signInOn(ui, { email: user.email, password }, { english });
    return ui;
  }

  /** A judge's comment answered by the secretariat: the judge gets one notice, written at once. */
  async function noticeFor(judge: TestUser, body: string): Promise<void> {
    const c = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(judge))
      .send({ sectionKey: 'privacy', body });
    expect(c.status).toBe(201);
    const before = await unreadOf(judge);
    const d = await t
      .http()
      .put(`/api/comments/${c.body.id}/disposition`)
      .set(bearer(secretariat))
      .send({ status: 'ACCEPTED', response: 'Taken in.', expectedStatus: null });
    expect(d.status).toBe(200);
    // The notice is written by the worker from the outbox: wait for its row.
    while ((await unreadOf(judge)) < before + 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const unreadOf = (user: TestUser) =>
    t.sql(async (q) => {
      const { rows } = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL AND in_app`,
        [user.id],
      );
      return rows[0].n;
    });
  const navLinks = (page: Page) =>
    page
      .getByRole('navigation', { name: /^(Main menu|ເມນູຫຼັກ)$/ })
      .getByRole('link')
      .allTextContents();

  it('the bell shows a notice created on the server without a reload, named with its count (Lao)', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    const ui = await signIn(judge, { clock: true });
    const { page } = ui;
    await page.getByRole('link', { name: 'ການແຈ້ງເຕືອນ: ບໍ່ມີອັນໃໝ່' }).waitFor();
    await page.goto(`/#/g/${guidelineId}/v/1/s/privacy`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/privacy`);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/notifications')) requests.push(r.url());
    });
    await inPage(page, 'document.body.dataset.mark = "before-the-notice"');
    await noticeFor(judge, 'ຄວນປົກປິດທີ່ຢູ່.');

    // Half a period on: nothing asked yet, the bell as it was.
    await page.clock.fastForward(15_000);
    expect(requests).toEqual([]);
    await page.clock.fastForward(15_000);
    const bell = page.getByRole('link', { name: 'ການແຈ້ງເຕືອນ: 1 ອັນທີ່ຍັງບໍ່ໄດ້ອ່ານ' });
    await bell.waitFor();
    await expect(page.locator('#bell-count').textContent()).resolves.toBe('1');
    await page.locator('#live', { hasText: 'ມີການແຈ້ງເຕືອນໃໝ່: 1' }).waitFor();
    // No reload: a mark set on the page before the notice is still there.
    expect(await inPage(page, 'document.body.dataset.mark')).toBe('before-the-notice');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'bell-updated-lo');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('a hidden tab asks nothing; showing it again reads the bell at once (English)', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Somsack' });
    const ui = await signIn(judge, { english: true, clock: true });
    const { page } = ui;
    await page.getByRole('link', { name: 'Notifications: none unread' }).waitFor();
    await noticeFor(judge, 'Addresses too.');
    await noticeFor(judge, 'Photographs too.');
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/notifications')) requests.push(r.url());
    });
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((state) => {
        const doc = (globalThis as unknown as { document: EventTarget & object }).document;
        Object.defineProperty(doc, 'visibilityState', { value: state, configurable: true });
        doc.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await page.clock.fastForward(65_000);
    expect(requests).toEqual([]);
    await setVisibility('visible');
    await page.getByRole('link', { name: 'Notifications: 2 unread' }).waitFor();
    expect(requests).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('each role is offered the menus and links /api/me allows, and nothing hidden shows (English and Lao)', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Noy' });
    const me = await t.http().get('/api/me').set(bearer(judge));
    expect(me.body.yourActions).toEqual({
      createGuideline: false,
      readReviews: false,
      readReports: false,
      administer: false,
    });
    // The report is refused to a judge by the same list that leaves it out of their menu.
    expect((await t.http().get('/api/reports/participation').set(bearer(judge))).status).toBe(403);

    // A decided comment: the matrix shows it with its change form folded away.
    await noticeFor(judge, 'Initials only in court lists.');

    const judgeUi = await signIn(judge, { english: true });
    let page = judgeUi.page;
    expect(await navLinks(page)).toEqual(['Home']);
    await expect(page.getByRole('link', { name: 'New guideline' }).count()).resolves.toBe(0);
    await page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(page, `/g/${guidelineId}`);
    await expect(page.getByRole('link', { name: 'Participation report' }).count()).resolves.toBe(0);
    // Typing the address of a form they may not use: told so, and no form.
    await page.goto('/#/new');
    await waitForRoute(page, '/new');
    await page.getByText('You may not see this page.').waitFor();
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await page.goto(`/#/g/${guidelineId}/event`);
    await waitForRoute(page, `/g/${guidelineId}/event`);
    await page.getByText('You may not see this page.').waitFor();
    await expect(page.locator('main form').count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(judgeUi.errors).toEqual([]);
    expect(judgeUi.httpErrors).toEqual([]);
    await judgeUi.context.close();

    const observer = await t.user(Role.OBSERVER, { locale: 'en', name: 'Observer Keo' });
    const observerUi = await signIn(observer, { english: true });
    expect(await navLinks(observerUi.page)).toEqual(['Home', 'Reviews', 'Reports']);
    await observerUi.context.close();

    const reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    const reviewerUi = await signIn(reviewer);
    expect(await navLinks(reviewerUi.page)).toEqual(['ໜ້າຫຼັກ', 'ຄຳຮ້ອງຂໍທົບທວນ']);
    await reviewerUi.context.close();

    const adminUi = await signIn(t.admin, { password: 'admin-password-123' });
    expect(await navLinks(adminUi.page)).toEqual(['Home', 'Users', 'Reviews', 'Reports']);
    await adminUi.context.close();

    // The secretariat: a new guideline, and the forms folded away stay out of sight.
    const secretariatUi = await signIn(secretariat);
    page = secretariatUi.page;
    expect(await navLinks(page)).toEqual(['Home', 'Reviews', 'Reports']);
    await page.getByRole('link', { name: 'New guideline' }).waitFor();
    await page.goto(`/#/g/${guidelineId}/publish`);
    await waitForRoute(page, `/g/${guidelineId}/publish`);
    // A text section's indicator fields (.field-row) are hidden.
    expect(
      await inPage(page, 'document.querySelectorAll(".field-row[hidden]").length'),
    ).toBeGreaterThan(0);
    expect(await inPage(page, SHOWN_THOUGH_HIDDEN)).toEqual([]);
    await page.goto(`/#/g/${guidelineId}/matrix`);
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    // Each saved decision's change form (with its button.primary) waits behind "change decision".
    expect(
      await inPage(page, 'document.querySelectorAll("form[hidden] button.primary").length'),
    ).toBeGreaterThan(0);
    expect(await inPage(page, SHOWN_THOUGH_HIDDEN)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(secretariatUi.errors).toEqual([]);
    expect(secretariatUi.httpErrors).toEqual([]);
    await secretariatUi.context.close();
  });
});
