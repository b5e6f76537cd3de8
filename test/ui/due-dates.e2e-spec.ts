import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import { guidelineAtCouncil, localDay, move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The secretariat extends a review's due date in the browser, with its reason: the reminders are
 * planned again from the new day, the old ones listed apart as cancelled, every kind in words.
 */
describe('a review’s due date, extended in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let reviewer: TestUser;
  let reviewId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const ZONE = 'Asia/Vientiane';
  const dayIn = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));

  beforeAll(async () => {
    t = await startTestApp('ui_due_dates');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ທ່ານ ວັນນະ' });
    reviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'lo' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOJ'],
      reviewDueAt: localDay(20),
    });
    const reviews = await t.http().get(`/api/reviews?guidelineId=${id}`).set(bearer(secretariat));
    reviewId = reviews.body.items[0].id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('moves the due date with a reason, in Lao; the reminders move and the cancelled ones show apart, in English too', async () => {
    const before = await t.http().get(`/api/reviews/${reviewId}`).set(bearer(secretariat));
    expect(before.body.reminders.map((r: { kind: string }) => r.kind)).toEqual([
      'D-7',
      'D-2',
      'D',
      'D+3',
    ]);

    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(secretariat.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, '/');
    await page.goto(`/#/reviews/${reviewId}`);
    await waitForRoute(page, `/reviews/${reviewId}`);
    const live = page.locator('#reminders-live li');
    await expect(live.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^7 ມື້ກ່ອນມື້ກຳນົດສົ່ງ — .* — ວາງແຜນໄວ້$/),
      expect.stringMatching(/^2 ມື້ກ່ອນມື້ກຳນົດສົ່ງ — /),
      expect.stringMatching(/^ໃນມື້ກຳນົດສົ່ງ — /),
      expect.stringMatching(/^3 ມື້ຫຼັງມື້ກຳນົດສົ່ງ — /),
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A reason is required.
    const newDue = localDay(35);
    await page.getByLabel('ມື້ກຳນົດສົ່ງໃໝ່').fill(newDue);
    await page.getByRole('button', { name: 'ປ່ຽນມື້ກຳນົດສົ່ງ' }).click();
    await page.getByRole('alert').filter({ hasText: 'ກະລຸນາໃສ່ມື້ໃໝ່ ແລະ ເຫດຜົນ.' }).waitFor();
    await page.getByLabel('ເຫດຜົນ').fill('ອົງການຂໍເວລາເພີ່ມເພື່ອປຶກສາຫາລືພາຍໃນ');
    await page.getByRole('button', { name: 'ປ່ຽນມື້ກຳນົດສົ່ງ' }).click();
    await page.locator('#due-history li', { hasText: 'ອົງການຂໍເວລາເພີ່ມເພື່ອປຶກສາຫາລືພາຍໃນ' }).waitFor();
    await expect(page.locator('#reminders-cancelled li').count()).resolves.toBe(4);
    await expect(live.count()).resolves.toBe(4);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'review-due-date-moved');

    const after = await t.http().get(`/api/reviews/${reviewId}`).set(bearer(secretariat));
    expect(after.body.dueDate).toBe(newDue);
    const planned = after.body.reminders.filter((r: { state: string }) => r.state === 'PLANNED');
    expect(planned.map((r: { kind: string }) => r.kind)).toEqual(['D-7', 'D-2', 'D', 'D+3']);
    expect(dayIn(planned.find((r: { kind: string }) => r.kind === 'D').plannedAt)).toBe(newDue);
    expect(after.body.dueDateChanges).toEqual([
      expect.objectContaining({ to: newDue, reason: 'ອົງການຂໍເວລາເພີ່ມເພື່ອປຶກສາຫາລືພາຍໃນ' }),
    ]);

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page.getByRole('heading', { name: 'Cancelled reminders' }).waitFor();
    await expect(live.first().textContent()).resolves.toMatch(/^7 days before the due day — /);
    await expect(page.locator('#due-history li').first().textContent()).resolves.toMatch(
      /^Moved from .* to .* by ທ່ານ ວັນນະ on /,
    );

    // The reviewer sees the new date, and no form to change it.
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    const mine = await t.http().get(`/api/reviews/${reviewId}`).set(bearer(reviewer));
    expect(mine.body.yourActions.changeDueDate).toBe(false);
  });
});
