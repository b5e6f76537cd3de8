import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/** The shell: sign-in in Lao, the language switch, sign-out, and the phone width. */
describe('web interface shell (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let judge: TestUser;

  beforeAll(async () => {
    t = await startTestApp('ui_shell');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    judge = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Somsack' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(ui: UiPage, email: string) {
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.getByLabel(/ອີເມວ|E-mail/).fill(email);
    await ui.page.getByLabel(/ລະຫັດຜ່ານ|Password/).fill(PASSWORD);
    await ui.page.getByRole('button', { name: /ເຂົ້າສູ່ລະບົບ|Sign in/ }).click();
    await waitForRoute(ui.page, '/');
  }

  it('shows the sign-in page in Lao with the Lao font, accessible, without console errors', async () => {
    const ui = await openPage(browser, baseUrl);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await expect(ui.page.locator('h1').textContent()).resolves.toBe('ເຂົ້າສູ່ລະບົບ');
    expect(await inPage(ui.page, 'document.documentElement.lang')).toBe('lo');
    await inPage(ui.page, 'document.fonts.ready.then(() => true)');
    expect(await inPage(ui.page, `document.fonts.check('16px "Noto Sans Lao"', 'ສະບາຍດີ')`)).toBe(
      true,
    );
    expect(await seriousA11yViolations(ui.page)).toEqual([]);
    await screenshot(ui.page, 'shell-login-lo');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('says so when the password is wrong, and keeps the token out of reach of scripts', async () => {
    const ui = await openPage(browser, baseUrl);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.getByLabel('ອີເມວ').fill(judge.email);
    await ui.page.getByLabel('ລະຫັດຜ່ານ').fill('not-the-password');
    await ui.page.getByRole('button', { name: 'ເຂົ້າສູ່ລະບົບ' }).click();
    await expect(ui.page.getByRole('alert').textContent()).resolves.toContain(
      'ອີເມວ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ',
    );
    await signIn(ui, judge.email);
    const cookies = await ui.context.cookies();
    expect(cookies.find((c) => c.name === 'cg_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    const visible = await inPage<string>(ui.page, 'document.cookie');
    expect(visible).toContain('cg_csrf=');
    expect(visible).not.toContain('cg_session');
    expect(await inPage<string>(ui.page, 'JSON.stringify(localStorage)')).not.toMatch(/eyJ/);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([{ status: 401, method: 'POST', path: '/api/auth/session' }]);
    await ui.context.close();
  });

  it('switches language, remembers it across reloads, and signs out', async () => {
    const ui = await openPage(browser, baseUrl);
    await signIn(ui, judge.email);
    // No choice stored yet: the judge's own locale (en) applies after sign-in.
    await expect(ui.page.locator('h1').textContent()).resolves.toBe('Hello, Judge Somsack');
    await ui.page.getByRole('button', { name: 'ລາວ' }).click();
    await waitForLang(ui.page, 'lo');
    await expect(ui.page.locator('h1').textContent()).resolves.toBe('ສະບາຍດີ, Judge Somsack');
    await ui.page.reload();
    await waitForRoute(ui.page, '/');
    expect(await inPage(ui.page, 'document.documentElement.lang')).toBe('lo');
    await expect(
      ui.page.getByRole('button', { name: 'ລາວ' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    expect(await seriousA11yViolations(ui.page)).toEqual([]);
    await ui.page.getByRole('button', { name: 'ອອກຈາກລະບົບ' }).click();
    await waitForRoute(ui.page, '/login');
    expect((await ui.context.cookies()).map((c) => c.name)).not.toContain('cg_session');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('works at phone width: no sideways scrolling, controls reachable with the keyboard', async () => {
    const ui = await openPage(browser, baseUrl, PHONE);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.keyboard.press('Tab');
    expect(await inPage(ui.page, 'document.activeElement && document.activeElement.id')).toBe(
      'skip-link',
    );
    await ui.page.keyboard.press('Tab');
    await ui.page.keyboard.press('Tab');
    await ui.page.keyboard.press('Tab');
    await ui.page.keyboard.press('Tab');
    expect(await inPage(ui.page, 'document.activeElement && document.activeElement.type')).toBe(
      'email',
    );
    await ui.page.keyboard.type(judge.email);
    await ui.page.keyboard.press('Tab');
    await ui.page.keyboard.type(PASSWORD);
    await ui.page.keyboard.press('Enter');
    await waitForRoute(ui.page, '/');
    const overflow = await inPage<number>(
      ui.page,
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(ui.page)).toEqual([]);
    await screenshot(ui.page, 'shell-home-phone');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
