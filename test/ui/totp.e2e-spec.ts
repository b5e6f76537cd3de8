import type { AddressInfo } from 'node:net';
import { generate } from 'otplib';
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
import { ADMIN_PASSWORD, PASSWORD, startTestApp, TestApp } from '../support/test-app';

const PERIOD = 30;
const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD);

/** The authenticator's code for the first time step after `last` the server accepts. */
async function codeAfter(secret: string, last: number): Promise<{ code: string; step: number }> {
  const step = Math.max(currentStep(), last + 1);
  return { code: await generate({ secret, epoch: step * PERIOD }), step };
}

/**
 * Two-step sign-in in the browser: a judge sets it up from the header and signs in with a code
 * (Lao); a secretariat officer, whose role needs it (REQUIRE_TOTP_ROLES=SECRETARIAT), is sent to
 * set it up at sign-in, then signs in with a code and, after losing the phone, with a recovery
 * code; an administrator resets it (English).
 */
describe('two-step sign-in (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  const L = {
    lo: {
      email: 'ອີເມວ',
      password: 'ລະຫັດຜ່ານ',
      signIn: 'ເຂົ້າສູ່ລະບົບ',
      signOut: 'ອອກຈາກລະບົບ',
      header: 'ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
      start: 'ຕັ້ງຄ່າການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
      code: 'ລະຫັດ',
      confirm: 'ເປີດການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
      recoveryTitle: 'ລະຫັດກູ້ຄືນຂອງທ່ານ',
      continue: 'ຂ້ອຍເກັບໄວ້ແລ້ວ: ສືບຕໍ່',
      loginCode: 'ລະຫັດຈາກແອັບຢືນຢັນຕົວຕົນ',
      codeNeeded: 'ບັນຊີຂອງທ່ານໃຊ້ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ',
      codeWrong: 'ລະຫັດບໍ່ຖືກຕ້ອງ, ໝົດອາຍຸ ຫຼື ຖືກໃຊ້ແລ້ວ',
    },
    en: {
      email: 'E-mail',
      password: 'Password',
      signIn: 'Sign in',
      signOut: 'Sign out',
      header: 'Two-step sign-in',
      start: 'Set up two-step sign-in',
      code: 'Code',
      confirm: 'Turn on two-step sign-in',
      recoveryTitle: 'Your recovery codes',
      continue: 'I have kept them: continue',
      loginCode: 'Code from your authenticator app',
      codeNeeded: 'Your account uses two-step sign-in',
      codeWrong: 'The code is wrong, has expired or was already used',
    },
  };

  async function typePassword(
    ui: UiPage,
    email: string,
    lang: 'lo' | 'en',
    password = PASSWORD,
  ): Promise<void> {
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await waitForLang(page, 'en');
    }
    await page.getByLabel(L[lang].email).fill(email);
    await page.getByLabel(L[lang].password, { exact: true }).fill(password);
    await page.getByRole('button', { name: L[lang].signIn }).click();
  }

  /** Sets up two-step sign-in on the page shown; the secret and the step of the confirming code. */
  async function enrolOnPage(ui: UiPage, lang: 'lo' | 'en', shot: string) {
    const { page } = ui;
    await page.getByRole('button', { name: L[lang].start }).click();
    const qr = page.locator('img.qr-code');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.locator('.totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `${shot}-qr`);
    const first = await codeAfter(secret, 0);
    await page.getByLabel(L[lang].code, { exact: true }).fill(first.code);
    await page.getByRole('button', { name: L[lang].confirm }).click();
    await page.getByRole('heading', { name: L[lang].recoveryTitle }).waitFor();
    const codes = await page.locator('.recovery-codes li').allTextContents();
    expect(codes).toHaveLength(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `${shot}-recovery-codes`);
    return { secret, step: first.step, codes };
  }

  async function signOut(ui: UiPage, lang: 'lo' | 'en'): Promise<void> {
    await ui.page.getByRole('button', { name: L[lang].signOut }).click();
    await waitForRoute(ui.page, '/login');
  }

  beforeAll(async () => {
    t = await startTestApp('ui_totp', { REQUIRE_TOTP_ROLES: 'SECRETARIAT' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a judge sets up two-step sign-in from the header and signs in with a code, in Lao', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ສົມພອນ' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await typePassword(ui, judge.email, 'lo');
    await waitForRoute(page, '/');
    await page.getByRole('link', { name: L.lo.header }).click();
    await waitForRoute(page, '/account/two-factor');
    await page.locator('h1', { hasText: L.lo.header }).waitFor();
    await page.getByText('ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນປິດຢູ່.').waitFor();
    const { secret, step } = await enrolOnPage(ui, 'lo', 'totp-lo');
    await page.getByRole('button', { name: L.lo.continue }).click();
    await page.getByText(/^ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນເປີດຢູ່ຕັ້ງແຕ່ /).waitFor();
    await page.getByText('ລະຫັດກູ້ຄືນທີ່ຍັງບໍ່ໄດ້ໃຊ້: 10.').waitFor();

    await signOut(ui, 'lo');
    await typePassword(ui, judge.email, 'lo');
    await page.locator('#login-message', { hasText: L.lo.codeNeeded }).waitFor();
    const codeBox = page.getByLabel(L.lo.loginCode);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'totp-login-lo');
    // The code that turned it on has been used: asked again.
    await codeBox.fill(await generate({ secret, epoch: step * PERIOD }));
    await page.getByRole('button', { name: L.lo.signIn }).click();
    await page.locator('#login-message', { hasText: L.lo.codeWrong }).waitFor();
    await codeBox.fill((await codeAfter(secret, step)).code);
    await page.getByRole('button', { name: L.lo.signIn }).click();
    await waitForRoute(page, '/');
    expect(ui.errors).toEqual([]);
    // The password alone, then the used code: both answered 401 by the web sign-in.
    expect(ui.httpErrors).toEqual([
      { status: 401, method: 'POST', path: '/api/auth/session' },
      { status: 401, method: 'POST', path: '/api/auth/session' },
    ]);
    await ui.context.close();
  });

  it('a secretariat officer is sent to set it up at sign-in, then signs in with a code and with a recovery code; an administrator resets it, in English', async () => {
    const officer = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Officer Keo' });
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await typePassword(ui, officer.email, 'en');
    // The role needs it: every page leads here until it is set up.
    await waitForRoute(page, '/account/two-factor');
    await page
      .locator('main [role=status]', {
        hasText: 'Your role needs two-step sign-in: set it up before you go on.',
      })
      .waitFor();
    await page.goto('/#/reviews');
    await waitForRoute(page, '/account/two-factor');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const { secret, step, codes } = await enrolOnPage(ui, 'en', 'totp-en');
    await page.getByRole('button', { name: L.en.continue }).click();
    await page.getByText(/^Two-step sign-in is on since /).waitFor();
    await page
      .getByText('Your role needs two-step sign-in: it cannot be turned off.', { exact: false })
      .waitFor();
    await page.goto('/#/reviews');
    await waitForRoute(page, '/reviews');

    await signOut(ui, 'en');
    await typePassword(ui, officer.email, 'en');
    await page.locator('#login-message', { hasText: L.en.codeNeeded }).waitFor();
    await page.getByLabel(L.en.loginCode).fill((await codeAfter(secret, step)).code);
    await page.getByRole('button', { name: L.en.signIn }).click();
    await waitForRoute(page, '/');

    // The phone is lost: a recovery code, typed in small letters.
    await signOut(ui, 'en');
    await typePassword(ui, officer.email, 'en');
    await page.locator('#login-message', { hasText: L.en.codeNeeded }).waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(codes[0].toLowerCase());
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: L.en.signIn }).click();
    await waitForRoute(page, '/');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 401, method: 'POST', path: '/api/auth/session' },
      { status: 401, method: 'POST', path: '/api/auth/session' },
    ]);

    // An administrator resets it: recorded in the user's two-step history.
    const admin = await openPage(browser, baseUrl);
    await typePassword(admin, t.admin.email, 'en', ADMIN_PASSWORD);
    await waitForRoute(admin.page, '/');
    await admin.page.goto(`/#/admin/users/${officer.id}`);
    await waitForRoute(admin.page, `/admin/users/${officer.id}`);
    const section = admin.page.locator('section', {
      has: admin.page.getByRole('heading', { name: 'Two-step sign-in' }),
    });
    await section.getByText(/^On since .*; recovery codes left: 9\.$/).waitFor();
    await section.getByText(/a recovery code used by Officer Keo/).waitFor();
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await section.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await section.locator('[role=status]', { hasText: 'Two-step sign-in is reset.' }).waitFor();
    await section.getByText('Off.', { exact: true }).waitFor();
    await section
      .locator('#user-two-factor-history li')
      .first()
      .getByText(/reset by /)
      .waitFor();
    await screenshot(admin.page, 'totp-admin-reset-en');
    expect(admin.errors).toEqual([]);
    expect(admin.httpErrors).toEqual([]);

    // Its owner, still signed in, is sent to set it up again at the next page: the server refuses
    // it (403 TOTP_ENROLMENT_REQUIRED), the screen reads /api/me again and follows.
    await page.goto('/#/reviews');
    await waitForRoute(page, '/account/two-factor');
    await page
      .locator('main [role=status]', {
        hasText: 'Your role needs two-step sign-in: set it up before you go on.',
      })
      .waitFor();
    expect(ui.errors).toEqual([]);
    await ui.context.close();
    await admin.context.close();
  });
});
