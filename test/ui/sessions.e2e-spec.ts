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
import { ADMIN_PASSWORD, PASSWORD, startTestApp, TestApp } from '../support/test-app';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * Sessions in the browser: a person sees where they are signed in and signs out a device from
 * the list (Lao); an administrator signs a person out everywhere (English).
 */
describe('sessions (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  const me = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
  const loginFrom = async (email: string, userAgent: string) => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('User-Agent', userAgent)
      .send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };

  beforeAll(async () => {
    t = await startTestApp('ui_sessions');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists where one is signed in and signs out another device, in Lao', async () => {
    const judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    const laptop = await loginFrom(judge.email, FIREFOX);
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signInOn(ui, { email: judge.email, password: PASSWORD });
    await page.getByRole('link', { name: 'ການເຂົ້າສູ່ລະບົບຂອງຂ້ອຍ' }).click();
    await waitForRoute(page, '/account/sessions');
    await page.locator('h1', { hasText: 'ບ່ອນທີ່ທ່ານເຂົ້າສູ່ລະບົບຢູ່' }).waitFor();
    const items = page.locator('#sessions > li');
    // t.user()'s own sign-in, the Firefox one and this browser.
    await expect(items.count()).resolves.toBe(3);
    await expect(
      items.filter({ hasText: 'ບຣາວເຊີນີ້' }).locator('strong').textContent(),
    ).resolves.toMatch(/^Chrome on Linux$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sessions-lo');

    const firefox = items.filter({ hasText: 'Firefox on Linux' });
    await firefox
      .getByRole('button', { name: /^ອອກຈາກລະບົບຢູ່ບ່ອນນັ້ນ: Firefox on Linux, ໃຊ້ຄັ້ງສຸດທ້າຍ / })
      .click();
    await firefox.waitFor({ state: 'detached' });
    await expect(items.count()).resolves.toBe(2);
    expect((await me(laptop)).status).toBe(401);
    // This browser is still signed in.
    await page.reload();
    await waitForRoute(page, '/account/sessions');
    await expect(items.count()).resolves.toBe(2);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('an administrator signs a person out everywhere, in English', async () => {
    const observer = await t.user(Role.OBSERVER, { locale: 'en', name: 'Observer Noy' });
    const theirs = await openPage(browser, baseUrl);
    await signInOn(theirs, { email: observer.email, password: PASSWORD }, { english: true });

    const admin = await openPage(browser, baseUrl);
    const { page } = admin;
    await signInOn(admin, { email: t.admin.email, password: ADMIN_PASSWORD }, { english: true });
    await page.goto(`/#/admin/users/${observer.id}`);
    await waitForRoute(page, `/admin/users/${observer.id}`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    // t.user()'s sign-in and the browser's.
    await page
      .locator('main [role=status]', { hasText: 'Signed out everywhere: 2 sessions ended.' })
      .waitFor();
    await screenshot(page, 'sessions-admin-en');
    expect((await me(observer.token)).status).toBe(401);

    // Their browser finds itself signed out at its next request.
    await theirs.page.reload();
    await waitForRoute(theirs.page, '/login');
    expect(admin.errors).toEqual([]);
    expect(admin.httpErrors).toEqual([]);
    expect(theirs.errors).toEqual([]);
    expect(theirs.httpErrors).toEqual([{ status: 401, method: 'GET', path: '/api/me' }]);
    await admin.context.close();
    await theirs.context.close();
  });
});
