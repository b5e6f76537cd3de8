import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  signInOn,
  seriousA11yViolations,
  waitForRoute,
} from '../support/browser';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The e-mail preferences screen: a person chooses, kind by kind, whether a notice's e-mail comes
 * at once, in the daily digest or not at all (Lao), and the official notices cannot be turned off
 * (English); the link a digest carries opens the screen.
 */
describe('notification preferences (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  const stored = async (who: TestUser) =>
    (
      await t
        .http()
        .get('/api/me/notification-preferences')
        .set('Authorization', `Bearer ${who.token}`)
    ).body.email as Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp('ui_prefs');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('gathers the stage changes into the daily digest, in Lao', async () => {
    const officer = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ທ່ານ ນາງ ແສງ' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: officer.email, password: PASSWORD });
    await page.getByRole('link', { name: 'ອີເມວແຈ້ງການຂອງຂ້ອຍ' }).click();
    await waitForRoute(page, '/account/notifications');
    await page.getByRole('heading', { name: 'ການແຈ້ງການທາງອີເມວ', level: 1 }).waitFor();
    await page.getByText('ສະຫຼຸບປະຈຳວັນຈະຖືກສົ່ງເວລາ 08:00 (Asia/Vientiane)').waitFor();

    const moved = page.getByRole('group', { name: 'ຂໍ້ແນະນຳຍ້າຍໄປຂັ້ນຕອນອື່ນ' });
    await expect(moved.getByRole('radio', { name: 'ທັນທີ, ອີເມວລະສະບັບ' }).isChecked()).resolves.toBe(
      true,
    );
    await moved.getByRole('radio', { name: 'ໃນສະຫຼຸບປະຈຳວັນ' }).check();
    // A review request is an official notice: at once or in the digest, never off.
    const requests = page.getByRole('group', { name: 'ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ', exact: true });
    await expect(requests.getByRole('radio').count()).resolves.toBe(2);
    await expect(
      requests.getByRole('radio', { name: 'ບໍ່ສົ່ງອີເມວ (ສະເພາະກ່ອງແຈ້ງການ)' }).count(),
    ).resolves.toBe(0);
    await requests.getByText('ແຈ້ງການທາງການຂອງສານ: ບໍ່ສາມາດປິດອີເມວໄດ້.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ບັນທຶກການເລືອກຂອງຂ້ອຍ' }).click();
    await page.locator('main [role=status]', { hasText: 'ບັນທຶກການເລືອກອີເມວຂອງທ່ານແລ້ວ.' }).waitFor();
    await screenshot(page, 'notification-preferences-lo');
    expect(await stored(officer)).toMatchObject({
      STAGE_CHANGED: 'DAILY',
      REVIEW_REQUESTED: 'IMMEDIATE',
      COMMENT_REPLIED: 'IMMEDIATE',
    });

    // The link every digest carries (List-Unsubscribe) opens this screen, with the choice kept.
    await page.goto('/account/notifications');
    await waitForRoute(page, '/account/notifications');
    await expect(
      page
        .getByRole('group', { name: 'ຂໍ້ແນະນຳຍ້າຍໄປຂັ້ນຕອນອື່ນ' })
        .getByRole('radio', { name: 'ໃນສະຫຼຸບປະຈຳວັນ' })
        .isChecked(),
    ).resolves.toBe(true);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('turns off the e-mail of replies and gathers review requests, in English', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Khamla' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: judge.email, password: PASSWORD }, { english: true });
    expect(await page.getByRole('link', { name: 'My e-mail notices' }).count()).toBe(1);
    // From the inbox too.
    await page.locator('#bell').click();
    await waitForRoute(page, '/notifications');
    await page
      .getByRole('link', {
        name: 'Choose which notices also come by e-mail, at once or in a daily digest',
      })
      .click();
    await waitForRoute(page, '/account/notifications');
    await page.getByRole('heading', { name: 'E-mail notices', level: 1 }).waitFor();
    await page
      .getByRole('group', { name: 'Replies to your comments' })
      .getByRole('radio', { name: 'No e-mail (inbox only)' })
      .check();
    const requests = page.getByRole('group', { name: 'Review requests', exact: true });
    await expect(
      requests.getByRole('radio', { name: 'No e-mail (inbox only)' }).count(),
    ).resolves.toBe(0);
    await requests
      .getByText('An official notice of the court: its e-mail cannot be turned off.')
      .waitFor();
    await requests.getByRole('radio', { name: 'In the daily digest' }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page
      .locator('main [role=status]', { hasText: 'Your e-mail choices are saved.' })
      .waitFor();
    await screenshot(page, 'notification-preferences-en');
    expect(await stored(judge)).toMatchObject({
      COMMENT_REPLIED: 'OFF',
      REVIEW_REQUESTED: 'DAILY',
      STAGE_CHANGED: 'IMMEDIATE',
    });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
