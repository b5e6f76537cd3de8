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
  type UiPage,
} from '../support/browser';
import { PASSWORD, startTestApp, TestApp } from '../support/test-app';

/**
 * The sign-in page when the limits refuse: an e-mail locked after failed attempts (Lao), and a
 * client address whose budget is spent (English). The words are the server's, in the screen's
 * language, with how long to wait; the page stays usable and accessible.
 */
describe('sign-in limits (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  async function submit(
    ui: UiPage,
    email: string,
    password: string,
    labels: { email: string; password: string; submit: string },
  ): Promise<string> {
    const { page } = ui;
    const alert = page.locator('#login-message [role=alert]');
    await page.getByLabel(labels.email).fill(email);
    await page.getByLabel(labels.password, { exact: true }).fill(password);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'));
    await page.getByRole('button', { name: labels.submit }).click();
    await answered;
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  const LAO = { email: 'ອີເມວ', password: 'ລະຫັດຜ່ານ', submit: 'ເຂົ້າສູ່ລະບົບ' };
  const ENGLISH = { email: 'E-mail', password: 'Password', submit: 'Sign in' };

  beforeAll(async () => {
    t = await startTestApp('ui_sign_in_limits');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says in Lao that the e-mail is locked after five failed sign-ins, even with the right password', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ຄຳແພງ' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    for (let i = 0; i < 5; i += 1) {
      const wrong = await submit(ui, judge.email, `wrong-password-${i}`, LAO);
      expect(wrong).toBe('ອີເມວ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.');
    }
    const locked = await submit(ui, judge.email, PASSWORD, LAO);
    expect(locked).toContain('ຖືກລັອກໄວ້ 15 ນາທີ');
    expect(locked).toContain('ລືມລະຫັດຜ່ານ?');
    // Still on the sign-in page, with the way out offered.
    await waitForRoute(page, '/login');
    await page.getByRole('link', { name: 'ລືມລະຫັດຜ່ານ?' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-locked-lo');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      ...Array(5).fill({ status: 401, method: 'POST', path: '/api/auth/session' }),
      { status: 429, method: 'POST', path: '/api/auth/session' },
    ]);
    await ui.context.close();
  });

  it('says in English that there were too many attempts from here, and for how long', async () => {
    const observer = await t.user(Role.OBSERVER, { locale: 'en' });
    // The address has five failures already (above): five more, with other e-mails, spend it.
    for (let i = 0; i < 5; i += 1) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email: `guess-${i}@test.court.la`, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    const throttled = await submit(ui, observer.email, 'not-the-password', ENGLISH);
    expect(throttled).toMatch(/^Too many sign-in attempts from here: try again in 1 minute$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-throttled-en');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([{ status: 429, method: 'POST', path: '/api/auth/session' }]);
    await ui.context.close();
  });
});
