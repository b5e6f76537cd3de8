import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  signInAs,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

const PHONE_390 = { width: 390, height: 844 };
/** 20,000 characters of Lao without one space: the longest comment the API takes. */
const LONG_LAO = 'ຜູ້ເຄາະຮ້າຍຕ້ອງໄດ້ຮັບການປົກປ້ອງ'.repeat(700).slice(0, 20_000);
const LONG_URL = `https://example.la/${'a1b2c3d4'.repeat(40)}`;

/**
 * A phone, 390 px wide: the thread and the comment matrix never scroll the page sideways, even
 * with unbroken strings (a long link, Lao without spaces) in a section, a comment, a quote and a
 * response; a 20,000-character comment is shown folded with "show all" (Lao and English).
 */
describe('phone width and long text (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const sideways = (page: Page) => inPage<number>(page, 'document.scrollingElement.scrollWidth');

  beforeAll(async () => {
    t = await startTestApp('ui_phone');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-PHONE',
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
          {
            key: 'privacy',
            heading: `Privacy ${LONG_URL}`,
            body: `Names of victims are not published. See ${LONG_URL}`,
          },
        ],
      });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const post = async (body: Record<string, unknown>) => {
      const res = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
        .set(bearer(judge))
        .send({ sectionKey: 'privacy', ...body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    await post({ body: LONG_LAO });
    const linked = await post({ body: `Compare ${LONG_URL}`, quote: LONG_URL });
    await post({ body: `${'ກ'.repeat(300)} ${LONG_URL}`, parentId: linked });
    const decided = await t
      .http()
      .put(`/api/comments/${linked}/disposition`)
      .set(bearer(secretariat))
      .send({ status: 'ACCEPTED', response: `Done: ${LONG_URL}`, expectedStatus: null });
    expect(decided.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (user: TestUser, english = false): Promise<UiPage> =>
    signInAs(
      browser,
      baseUrl,
      { email: user.email, password: PASSWORD },
      { english, viewport: PHONE_390 },
    );

  it('the thread at 390 px: no sideways scrolling, the 20,000-character comment folded with "show all" (Lao)', async () => {
    const ui = await signIn(judge);
    const { page } = ui;
    const path = `/g/${guidelineId}/v/1/s/privacy`;
    await page.goto(`/#${path}`);
    await waitForRoute(page, path);
    expect(await sideways(page)).toBeLessThanOrEqual(390);

    const long = page.locator('#thread article.comment').filter({ hasText: LONG_LAO.slice(0, 40) });
    const toggle = long.getByRole('button', { name: /^ສະແດງທັງໝົດ \(20[,.  ]?000 ຕົວອັກສອນ\)$/ });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    const shown = () => long.locator('.comment-body').textContent();
    expect((await shown())!.length).toBeLessThan(2_000);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'phone-thread-lo');
    await toggle.click();
    const folding = long.locator('.fold-toggle');
    await expect(folding.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(shown()).resolves.toBe(LONG_LAO);
    // All of it, still within the width.
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    await long.getByRole('button', { name: 'ສະແດງໜ້ອຍລົງ' }).click();
    expect((await shown())!.length).toBeLessThan(2_000);

    // Offered the edit form of the long comment: the box takes the width, not more.
    await long.getByRole('button', { name: /^ແກ້ໄຂ/ }).click();
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('the comment matrix at 390 px: one card per comment, no sideways scrolling, long text folded (English, then Lao)', async () => {
    const ui = await signIn(secretariat, true);
    const { page } = ui;
    const path = `/g/${guidelineId}/matrix`;
    await page.goto(`/#${path}`);
    await waitForRoute(page, path);
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    // Each cell names its column on the card.
    await expect(
      inPage(
        page,
        `getComputedStyle(document.querySelector('.matrix td[data-label="Comment"]'), '::before').content`,
      ),
    ).resolves.toBe('"Comment: "');
    const toggle = page.getByRole('button', { name: 'Show all (20,000 characters)' });
    await toggle.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'phone-matrix-en');
    await toggle.click();
    await page.locator('.matrix td', { hasText: LONG_LAO }).waitFor();
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    // The saved decision with its long response, and its change form opened.
    await page.getByRole('button', { name: /^Change decision/ }).click();
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The same cards in Lao.
    await page.getByRole('button', { name: 'ລາວ' }).click();
    await waitForLang(page, 'lo');
    await page.getByRole('button', { name: /^ສະແດງທັງໝົດ \(20[,.  ]?000 ຕົວອັກສອນ\)$/ }).waitFor();
    await expect(
      inPage(
        page,
        `getComputedStyle(document.querySelector('.matrix td[data-label="ຄຳເຫັນ"]'), '::before').content`,
      ),
    ).resolves.toBe('"ຄຳເຫັນ: "');
    expect(await sideways(page)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'phone-matrix-lo');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
