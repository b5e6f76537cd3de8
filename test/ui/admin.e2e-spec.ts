import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import { eventually } from '../support/review-road';
import { startSmtp, TestSmtp } from '../support/smtp';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  PASSWORD,
  startTestApp,
  TestApp,
  TestUser,
} from '../support/test-app';

/**
 * The administrator's whole job in the browser, in Lao and English: a judge on the technical
 * working group created, a user deactivated (and signed out) and reactivated, a temporary password
 * its owner must change at sign-in, an agency created and its contact address changed, the
 * undelivered e-mails, the queue dashboard and the move pages. Checks go through the API; every
 * action is the browser's.
 */
describe('administrator screens (browser)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let guidelineId: string;
  const pages: UiPage[] = [];

  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const apiGet = async (path: string) => (await t.http().get(path).set(bearer(t.admin))).body;

  beforeAll(async () => {
    // Refuses every message: a password reset e-mail becomes an undelivered one for the list.
    smtp = await startSmtp('reject');
    t = await startTestApp('ui_admin', {
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      EMAIL_ATTEMPTS: '1',
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { name: 'Vanida' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-ADM',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  async function signIn(email: string, password = PASSWORD, landing = '/'): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    pages.push(ui);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    // Chosen on this device: Lao, whatever the account's own language.
    await ui.page.getByRole('button', { name: 'ລາວ' }).click();
    await ui.page.getByLabel('ອີເມວ').fill(email);
    await ui.page.getByLabel('ລະຫັດຜ່ານ', { exact: true }).fill(password);
    await ui.page.getByRole('button', { name: 'ເຂົ້າສູ່ລະບົບ' }).click();
    await waitForRoute(ui.page, landing);
    return ui;
  }

  async function accessible(page: Page) {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  async function go(page: Page, hash: string, route = hash.split('?')[0]) {
    await page.goto(`/#${hash}`);
    await waitForRoute(page, route);
  }

  it('creates a judge on the technical working group, and finds them by part of the name', async () => {
    const ui = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const { page } = ui;
    await expect(page.getByRole('heading', { name: 'ການບໍລິຫານລະບົບ' }).isVisible()).resolves.toBe(
      true,
    );
    await accessible(page);
    await page.getByRole('link', { name: 'ຜູ້ໃຊ້', exact: true }).first().click();
    await waitForRoute(page, '/admin/users');
    await page.getByRole('link', { name: 'ຜູ້ໃຊ້ໃໝ່' }).click();
    await waitForRoute(page, '/admin/users/new');
    await accessible(page);
    await page.getByLabel('ຊື່', { exact: true }).fill('ທ່ານ ບົວພັນ ວົງສາ');
    await page.getByLabel('ອີເມວ', { exact: true }).fill('bouaphan@court.gov.la');
    await page.getByLabel('ບົດບາດ').selectOption('JUDGE');
    await page.getByLabel('ຄະນະເຮັດວຽກວິຊາການ').check();
    await page.getByLabel('ລະຫັດຜ່ານທຳອິດ').fill('ດອກຈຳປາ-ບານ-2026');
    await page.getByRole('button', { name: 'ສ້າງຜູ້ໃຊ້' }).click();
    await waitForRoute(page, '/admin/users/*');
    await page.locator('main [role=status]', { hasText: 'ສ້າງຜູ້ໃຊ້ແລ້ວ.' }).waitFor();
    await accessible(page);

    const found = await apiGet('/api/users?q=bouaphan');
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      name: 'ທ່ານ ບົວພັນ ວົງສາ',
      role: 'JUDGE',
      committees: ['TWG'],
      locale: 'lo',
      active: true,
      mustChangePassword: true,
    });

    await go(page, '/admin/users');
    await page.getByLabel('ຊື່ ຫຼື ອີເມວ').fill('ບົວພັນ');
    await page.getByLabel('ບົດບາດ').selectOption('JUDGE');
    await page.getByRole('button', { name: 'ຊອກຫາ', exact: true }).click();
    await waitForRoute(page, '/admin/users');
    const rows = page.locator('table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('ຄະນະເຮັດວຽກວິຊາການ');
    await accessible(page);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('deactivates a user, who is then signed out, and reactivates them', async () => {
    const judge = await t.user(Role.JUDGE, { name: 'Judge Khamla', locale: 'lo' });
    const judgeUi = await signIn(judge.email);
    const admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await go(admin.page, `/admin/users?q=${encodeURIComponent('Khamla')}`, '/admin/users');
    await admin.page.getByRole('link', { name: 'Judge Khamla' }).click();
    await waitForRoute(admin.page, `/admin/users/${judge.id}`);
    await admin.page.getByRole('button', { name: 'ປິດການນຳໃຊ້ ແລະ ອອກຈາກລະບົບ' }).click();
    await eventually(
      async () =>
        (await admin.page.locator('#user-access-status').textContent())?.startsWith(
          'ບັນຊີນີ້ຖືກປິດການນຳໃຊ້',
        ),
      'the deactivated status',
    );
    await accessible(admin.page);
    expect((await apiGet(`/api/users/${judge.id}`)).active).toBe(false);

    // The judge's next step finds the session ended: back at the sign-in page.
    await judgeUi.page.locator('#bell').click();
    await waitForRoute(judgeUi.page, '/login');
    await expect(
      judgeUi.page.locator('main [role=status]').first().textContent(),
    ).resolves.toContain('ໝົດເວລາ');
    expect((await t.http().get('/api/me').set(bearer(judge))).status).toBe(401);

    await admin.page.getByRole('button', { name: 'ເປີດການນຳໃຊ້ຄືນ' }).click();
    await eventually(
      async () =>
        (await admin.page.locator('#user-access-status').textContent()) === 'ບັນຊີນີ້ສາມາດເຂົ້າສູ່ລະບົບໄດ້.',
      'the active status',
    );
    expect((await apiGet(`/api/users/${judge.id}`)).active).toBe(true);
    expect(admin.errors).toEqual([]);
    expect(admin.httpErrors).toEqual([]);
  });

  it('sets a temporary password, which its owner must change when signing in', async () => {
    const observer = await t.user(Role.OBSERVER, { name: 'Observer Noy', locale: 'lo' });
    const admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await go(admin.page, `/admin/users/${observer.id}`);
    const temporary = 'ຕົ້ນກ້ວຍ-ຊົ່ວຄາວ-88';
    await admin.page.getByLabel('ລະຫັດຜ່ານໃໝ່').fill('password12');
    await admin.page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານ', exact: true }).click();
    // The policy's reason, in Lao.
    await admin.page
      .getByRole('alert')
      .filter({ hasText: 'ລະຫັດຜ່ານນີ້ເປັນໜຶ່ງໃນລະຫັດຜ່ານທີ່ໃຊ້ກັນຫຼາຍທີ່ສຸດ' })
      .waitFor();
    await admin.page.getByLabel('ລະຫັດຜ່ານໃໝ່').fill(temporary);
    await admin.page.getByRole('button', { name: 'ຕັ້ງລະຫັດຜ່ານ', exact: true }).click();
    await admin.page.locator('main [role=status]', { hasText: 'ເຈົ້າຂອງຕ້ອງປ່ຽນລະຫັດ' }).waitFor();
    expect((await apiGet(`/api/users/${observer.id}`)).mustChangePassword).toBe(true);
    expect(admin.httpErrors).toEqual([
      { status: 400, method: 'PATCH', path: `/api/users/${observer.id}` },
    ]);

    const owner = await signIn(observer.email, temporary, '/account/password');
    const { page } = owner;
    await expect(page.locator('h1').textContent()).resolves.toBe('ປ່ຽນລະຫັດຜ່ານ');
    await accessible(page);
    // Nothing else opens until it is changed.
    await page.goto('/#/reports');
    await waitForRoute(page, '/account/password');
    await page.getByLabel('ລະຫັດຜ່ານຊົ່ວຄາວທີ່ທ່ານໄດ້ຮັບ').fill(temporary);
    await page.getByLabel('ລະຫັດຜ່ານໃໝ່', { exact: true }).fill('ແມ່ນ້ຳຂອງ-ໄຫຼ-ຍາວ-5');
    await page.getByLabel('ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ').fill('ແມ່ນ້ຳຂອງ-ໄຫຼ-ຍາວ-5');
    await page.getByRole('button', { name: 'ປ່ຽນລະຫັດຜ່ານ' }).click();
    await page.locator('main [role=status]', { hasText: 'ປ່ຽນລະຫັດຜ່ານແລ້ວ.' }).waitFor();
    await page.getByRole('link', { name: 'ກັບໄປໜ້າຫຼັກ' }).click();
    await waitForRoute(page, '/');
    expect((await apiGet(`/api/users/${observer.id}`)).mustChangePassword).toBe(false);
    expect(
      (await t.http().post('/api/auth/login').send({ email: observer.email, password: temporary }))
        .status,
    ).toBe(401);
    expect(owner.errors).toEqual([]);
  });

  it('creates an agency and changes its contact address, in English', async () => {
    const ui = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const { page } = ui;
    await go(page, '/admin/agencies');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
    await page.getByLabel('Code').fill('MOLSW');
    await page.getByLabel('Name in Lao').fill('ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ');
    await page.getByLabel('Name in English').fill('Ministry of Labour and Social Welfare');
    await page.getByLabel('Contact address').fill('review@molsw.gov.la');
    await page.getByRole('button', { name: 'Add the agency' }).click();
    await waitForRoute(page, '/admin/agencies/*');
    await page.locator('main [role=status]', { hasText: 'Agency added.' }).waitFor();
    await accessible(page);
    await page.getByLabel('Contact address').fill('letters@molsw.gov.la');
    await page.getByRole('button', { name: 'Save the agency' }).click();
    await waitForRoute(page, '/admin/agencies');
    await page.locator('table', { hasText: 'letters@molsw.gov.la' }).waitFor();
    await accessible(page);
    const agencies = (await apiGet('/api/agencies')).items as { code: string; email: string }[];
    expect(agencies.find((a) => a.code === 'MOLSW')).toMatchObject({
      email: 'letters@molsw.gov.la',
      name: { lo: 'ກະຊວງແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ', en: 'Ministry of Labour and Social Welfare' },
    });
    await screenshot(page, 'admin-agencies-en');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('lists undelivered e-mails, opens the queue dashboard and every move page', async () => {
    // A reset e-mail the mail server refuses: recorded as undelivered after its one attempt.
    await t.http().post('/api/auth/password-reset').send({ email: secretariat.email });
    await eventually(
      async () => (await apiGet('/api/notifications/failed-emails')).items.length === 1,
      'the undelivered e-mail',
    );
    const ui = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const { page } = ui;
    await page.getByRole('link', { name: 'ອີເມວທີ່ສົ່ງບໍ່ສຳເລັດ' }).click();
    await waitForRoute(page, '/admin/failed-emails');
    const item = page.locator('#failed-emails li');
    await expect(item.count()).resolves.toBe(1);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(secretariat.email);
    expect(text).toContain('ລອງແລ້ວ 1 ຄັ້ງ');
    expect(text).toContain('554');
    expect(text).not.toContain('#/reset?token=');
    await accessible(page);

    await go(page, '/');
    await expect(
      page.getByRole('link', { name: /ປ່ຽນຂັ້ນຕອນ: ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ/ }).getAttribute('href'),
    ).resolves.toBe(`#/g/${guidelineId}/move`);
    expect(ui.errors).toEqual([]);
    await page.getByRole('button', { name: 'ເປີດໜ້າຕິດຕາມຄິວວຽກ' }).click();
    await page.waitForURL(/\/admin\/queues/);
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/queues/);
    // The dashboard answered the admin's cookie (its own page, not a refusal).
    expect(ui.httpErrors.filter((e) => e.path.startsWith('/admin/queues'))).toEqual([]);
    await page.locator('#root').waitFor({ state: 'attached' });
  });
});
