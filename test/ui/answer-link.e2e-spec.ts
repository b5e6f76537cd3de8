import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import {
  auth,
  eventually,
  guidelineAtCouncil,
  localDay,
  move,
  reviewRequests,
  ReviewRow,
} from '../support/review-road';
import { parseMail, startSmtp, TestSmtp } from '../support/smtp';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * An agency's official answers from the e-mailed link in the browser, without an account (Lao
 * and English, with the confirmation step); the secretariat sees when the link was opened and
 * sends a new one.
 */
describe('answer link (browser)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let requests: ReviewRow[];
  const byCode = (code: string) => requests.find((r) => r.code === code)!;

  /** The path of the newest answer link e-mailed to an address (PUBLIC_URL is not this server). */
  const linkPathFor = async (address: string, count = 1) => {
    const mails = await eventually(async () => {
      const got = smtp.messages.filter((m) => m.to.includes(address));
      return got.length >= count ? got : undefined;
    }, `the e-mail to ${address}`);
    const text = (await parseMail(mails[count - 1])).text ?? '';
    return new URL(/http:\/\/localhost:3000\/answer\/\S+/.exec(text)![0]).pathname;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('ui_answer_link', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai' });
    await t
      .http()
      .patch(`/api/agencies/${await agencyId('MOFA')}`)
      .set(auth(t.admin))
      .send({ locale: 'en' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOJ', 'MOFA', 'OSPP'],
    });
    requests = await reviewRequests(t, id);
  });

  async function agencyId(code: string): Promise<string> {
    const list = await t.http().get('/api/agencies').set(auth(t.admin));
    return list.body.items.find((a: { code: string }) => a.code === code).id;
  }

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('reads, downloads and answers from the link in Lao, with a confirmation step', async () => {
    const path = await linkPathFor('review@moj.example.la');
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto(path);
    await waitForRoute(page, '/answer/*');
    await page.getByRole('heading', { level: 1, name: /^ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: ສານທີ່ເປັນມິດ/ }).waitFor();
    await page.getByRole('heading', { name: 'Article 1' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const download = page.getByRole('link', { name: 'ດາວໂຫຼດສະບັບທີ 1 (Word)' });
    const file = await t.http().get((await download.getAttribute('href'))!);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename=".+-v1\.docx"$/);

    await page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('ເຫັນດີ ພ້ອມຄຳເຫັນ').check();
    await page.getByLabel('ຄຳເຫັນຂອງອົງການ').fill('ມາດຕາ 1 ຄວນລະບຸສະຫະພັນແມ່ຍິງລາວ.');
    await page.getByLabel('ຊື່ຜູ້ລົງນາມ').fill('ທ່ານ ຄຳເພັດ ວົງສາ');
    await page.getByLabel('ຕຳແໜ່ງຜູ້ລົງນາມ').fill('ຫົວໜ້າກົມ');
    await page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' }).click();
    await page.getByRole('heading', { name: 'ຢືນຢັນຄຳຕອບ' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    await page.getByRole('status').filter({ hasText: 'ຂອບໃຈ. ຄຳຕອບໄດ້ຖືກບັນທຶກແລ້ວ' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const answered = await t
      .http()
      .get(`/api/reviews/${byCode('MOJ').id}`)
      .set(auth(secretariat));
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: { decision: 'APPROVE_WITH_COMMENTS', through: 'LINK', answeredBy: null },
    });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('answers in English, goes back to edit before sending; the used link then says it no longer works', async () => {
    const path = await linkPathFor('review@mofa.example.la');
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto(path);
    await waitForRoute(page, '/answer/*');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page
      .getByRole('heading', { level: 1, name: /^Review request: Victim-sensitive/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel("The agency's comments").fill('No objection.');
    await page.getByLabel('Signatory name').fill('Vilay Phommachanh');
    await page.getByLabel('Signatory title').fill('Deputy Director');
    await page.getByRole('button', { name: 'Check before sending' }).click();
    await page.getByRole('button', { name: 'Go back and edit' }).click();
    await page.getByLabel('Signatory title').fill('Director');
    await page.getByRole('button', { name: 'Check before sending' }).click();
    await page.getByText('Vilay Phommachanh, Director').waitFor();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Thank you. The answer has been recorded' })
      .waitFor();

    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'This link no longer works' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors.map((e) => e.status)).toEqual([404]);
    await ui.context.close();
  });

  it('shows the secretariat when the link was last opened, and sends a new one', async () => {
    const first = await linkPathFor('review@ospp.example.la');
    await t.http().get(`/api/review-links/${first.split('/').pop()}`);
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page.getByLabel('E-mail').fill(secretariat.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForRoute(page, '/');
    await page.goto(`/#/reviews/${byCode('OSPP').id}`);
    await waitForRoute(page, '/reviews/*');
    const panel = page.getByRole('region', { name: 'Answer link' });
    await panel.getByText('Last opened').waitFor();
    expect(await panel.getByText('Not yet').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Send a new link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'A new link was e-mailed to the agency' })
      .waitFor();
    const fresh = await linkPathFor('review@ospp.example.la', 2);
    expect(fresh).not.toBe(first);
    expect((await t.http().get(`/api/review-links/${first.split('/').pop()}`)).status).toBe(404);
    expect((await t.http().get(`/api/review-links/${fresh.split('/').pop()}`)).status).toBe(200);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
