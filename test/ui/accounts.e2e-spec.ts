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
import { checkRealEmail, parseMail, startSmtp, TestSmtp } from '../support/smtp';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * A person's own password in the browser: a forgotten one reset through the e-mailed link (real
 * SMTP server, Lao), and one's own changed from the header (English).
 */
describe('own password (browser)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let judge: TestUser;

  const login = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('ui_accounts', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    await t.app.listen(0, '127.0.0.1');
    // Links in e-mails point at this server.
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ສົມສັກ' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('resets a forgotten password from the e-mailed link, in Lao; the link works once', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.getByRole('link', { name: 'ລືມລະຫັດຜ່ານ?' }).click();
    await waitForRoute(page, '/forgot');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('ອີເມວ').fill(judge.email);
    await page.getByRole('button', { name: 'ສົ່ງລິ້ງ' }).click();
    await page.locator('main [role=status]', { hasText: judge.email }).waitFor();

    const [mail] = await smtp.waitFor(1);
    const parsed = await parseMail(mail);
    expect(checkRealEmail(parsed)).toEqual([]);
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value[0].address : '').toBe(judge.email);
    const link = /https?:\/\/\S+#\/reset\?token=[A-Za-z0-9_-]+/.exec(parsed.text ?? '')![0];
    // The e-mail names PUBLIC_URL; this test's server listens on its own port.
    const address = new URL(link);
    await page.goto(`${baseUrl}/${address.hash}`);
    await waitForRoute(page, '/reset');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const password = page.getByLabel('ລະຫັດຜ່ານໃໝ່', { exact: true });
    const again = page.getByLabel('ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ');
    await password.fill('ດອກເກດ-ບານ-2026');
    await again.fill('ດອກເກດ-ບານ-2027');
    await page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານໃໝ່' }).click();
    await page.getByRole('alert').filter({ hasText: 'ກະລຸນາພິມລະຫັດຜ່ານໃໝ່ໃຫ້ຄືກັນສອງເທື່ອ' }).waitFor();
    await password.fill('aaaaaaaaaaaa');
    await again.fill('aaaaaaaaaaaa');
    await page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານໃໝ່' }).click();
    await page.getByRole('alert').filter({ hasText: 'ລະຫັດຜ່ານເປັນຕົວອັກສອນດຽວກັນຊ້ຳໆ' }).waitFor();
    await password.fill('ດອກເກດ-ບານ-2026');
    await again.fill('ດອກເກດ-ບານ-2026');
    await page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານໃໝ່' }).click();
    await waitForRoute(page, '/login');
    await page.locator('main [role=status]', { hasText: 'ຕັ້ງລະຫັດຜ່ານໃໝ່ແລ້ວ' }).waitFor();
    await screenshot(page, 'accounts-reset-done-lo');
    expect((await login(judge.email, PASSWORD)).status).toBe(401);

    await page.getByLabel('ອີເມວ').fill(judge.email);
    await page.getByLabel('ລະຫັດຜ່ານ', { exact: true }).fill('ດອກເກດ-ບານ-2026');
    await page.getByRole('button', { name: 'ເຂົ້າສູ່ລະບົບ' }).click();
    await waitForRoute(page, '/');
    await expect(page.locator('h1').textContent()).resolves.toBe('ສະບາຍດີ, ທ່ານ ສົມສັກ');

    // The same link again: refused, with the way to ask for a new one.
    const second = await openPage(browser, baseUrl);
    await second.page.goto(`${baseUrl}/${address.hash}`);
    await waitForRoute(second.page, '/reset');
    await second.page.getByLabel('ລະຫັດຜ່ານໃໝ່', { exact: true }).fill('ຕົ້ນໄມ້-ສີຂຽວ-3000');
    await second.page.getByLabel('ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ').fill('ຕົ້ນໄມ້-ສີຂຽວ-3000');
    await second.page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານໃໝ່' }).click();
    await second.page
      .getByRole('alert')
      .filter({ hasText: 'ລິ້ງນີ້ຖືກໃຊ້ແລ້ວ, ໝົດອາຍຸແລ້ວ ຫຼື ບໍ່ຖືກຕ້ອງ' })
      .waitFor();
    await second.page.getByRole('link', { name: 'ຂໍລິ້ງໃໝ່' }).waitFor();
    expect(await seriousA11yViolations(second.page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await ui.context.close();
    await second.context.close();
  });

  it('changes one’s own password from the header, in English', async () => {
    const observer = await t.user(Role.OBSERVER, { locale: 'en', name: 'Observer Dara' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page.getByLabel('E-mail').fill(observer.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForRoute(page, '/');
    await page.getByRole('link', { name: 'My password' }).click();
    await waitForRoute(page, '/account/password');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill('river-bank-lantern-42');
    await page.getByLabel('New password again').fill('river-bank-lantern-42');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The current password is wrong' }).waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.locator('main [role=status]', { hasText: 'Your password is changed.' }).waitFor();
    expect((await login(observer.email, PASSWORD)).status).toBe(401);
    expect((await login(observer.email, 'river-bank-lantern-42')).status).toBe(200);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([{ status: 400, method: 'POST', path: '/api/me/password' }]);
    await ui.context.close();
  });
  it('sent every e-mail as a real one: text and HTML, its language, auto-submitted, To with a name', async () => {
    const parsed = await smtp.everyMessageReal();
    expect(parsed.length).toBeGreaterThan(0);
  });
});
