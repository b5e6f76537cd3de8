import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  waitForLang,
  waitForRoute,
} from '../support/browser';
import { jpegLetter, pdfLetter, pngLetter, textPretendingToBePdf } from '../support/letter-files';
import {
  agencyWithoutAccounts,
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

jest.setTimeout(150_000);

/**
 * The agency's signed letter in the browser: attached on the answer page of the e-mailed link
 * (Lao and English, named again in the confirmation step, a refused file shown and replaced), by a
 * reviewer in the application, and downloaded by the secretariat from the review list.
 */
describe('signed letters (browser)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let mojReviewer: TestUser;
  let requests: ReviewRow[];
  const byCode = (code: string) => requests.find((r) => r.code === code)!;
  const molswLetter = pdfLetter(300_000);
  const mofaScan = pngLetter(120, 120);
  const mojScan = jpegLetter();

  /** The path of the answer link e-mailed to an address (PUBLIC_URL is not this server). */
  const linkPathFor = async (address: string) => {
    const mail = await eventually(
      async () => smtp.messages.find((m) => m.to.includes(address)),
      `the e-mail to ${address}`,
    );
    const text = (await parseMail(mail)).text ?? '';
    return new URL(/http:\/\/localhost:3000\/answer\/\S+/.exec(text)![0]).pathname;
  };
  const letterOf = async (code: string) =>
    (
      await t
        .http()
        .get(`/api/reviews/${byCode(code).id}`)
        .set(auth(secretariat))
    ).body;

  async function agencyId(code: string): Promise<string> {
    const list = await t.http().get('/api/agencies').set(auth(t.admin));
    return list.body.items.find((a: { code: string }) => a.code === code).id;
  }

  async function signIn(page: Page, email: string) {
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, '/');
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('ui_letters', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Somchai' });
    mojReviewer = await t.user(Role.AGENCY_REVIEWER, {
      agencyCode: 'MOJ',
      locale: 'lo',
      name: 'MOJ reviewer',
    });
    const created = await agencyWithoutAccounts(t, 'letters@molsw.example.la');
    expect(created.status).toBe(201);
    await t
      .http()
      .patch(`/api/agencies/${await agencyId('MOFA')}`)
      .set(auth(t.admin))
      .send({ locale: 'en' });
    const id = await guidelineAtCouncil(t, secretariat);
    await move(t, secretariat, id, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(10),
      agencies: ['MOLSW', 'MOFA', 'MOJ'],
    });
    requests = await reviewRequests(t, id);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('attaches a signed PDF on the answer page in Lao, named again before it is sent', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto(await linkPathFor('letters@molsw.example.la'));
    await waitForRoute(page, '/answer/*');
    await page.getByRole('heading', { level: 1, name: /^ຄຳຮ້ອງຂໍໃຫ້ທົບທວນ: / }).waitFor();
    await page.getByLabel('ເຫັນດີ ພ້ອມຄຳເຫັນ').check();
    await page.getByLabel('ຄຳເຫັນຂອງອົງການ').fill('ມາດຕາ 1 ຄວນລະບຸສະຫະພັນແມ່ຍິງລາວ.');
    await page.getByLabel('ຊື່ຜູ້ລົງນາມ').fill('ທ່ານ ຄຳເພັດ ວົງສາ');
    await page.getByLabel('ຕຳແໜ່ງຜູ້ລົງນາມ').fill('ຫົວໜ້າກົມ');
    await page.getByLabel('ໜັງສືທີ່ລົງລາຍເຊັນ').setInputFiles({
      name: 'ໜັງສືຕອບ.pdf',
      mimeType: 'application/pdf',
      buffer: molswLetter,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' }).click();
    const confirm = page.getByRole('group', { name: 'ຢືນຢັນຄຳຕອບ' });
    await confirm.getByText('ໜັງສືຕອບ.pdf (293 KB)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    await page.getByRole('status').filter({ hasText: 'ຂອບໃຈ. ຄຳຕອບໄດ້ຖືກບັນທຶກແລ້ວ' }).waitFor();
    await page.getByText('ໜັງສືຕອບ.pdf (293 KB)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const answered = await letterOf('MOLSW');
    expect(answered).toMatchObject({
      status: 'ANSWERED',
      answer: {
        through: 'LINK',
        letter: { fileName: 'ໜັງສືຕອບ.pdf', mediaType: 'application/pdf', size: molswLetter.length },
      },
    });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('shows in English why a text file named .pdf is refused, and takes a PNG scan instead', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto(await linkPathFor('review@mofa.example.la'));
    await waitForRoute(page, '/answer/*');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await page.getByRole('heading', { level: 1, name: /^Review request: / }).waitFor();
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel("The agency's comments").fill('No objection.');
    await page.getByLabel('Signatory name').fill('Vilay Phommachanh');
    await page.getByLabel('Signatory title').fill('Director');
    const letter = page.getByLabel('Signed letter');
    await letter.setInputFiles({
      name: 'letter.pdf',
      mimeType: 'application/pdf',
      buffer: textPretendingToBePdf(),
    });
    await page.getByRole('button', { name: 'Check before sending' }).click();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The letter must be a PDF, JPEG or PNG file' })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await letterOf('MOFA')).status).toBe('PENDING');

    await letter.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: mofaScan });
    await page.getByRole('button', { name: 'Check before sending' }).click();
    await page
      .getByRole('group', { name: 'Confirm the answer' })
      .getByText(/^scan\.png \(/)
      .waitFor();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Thank you. The answer has been recorded' })
      .waitFor();
    expect((await letterOf('MOFA')).answer.letter).toMatchObject({
      fileName: 'scan.png',
      mediaType: 'image/png',
    });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors.map((e) => e.status)).toEqual([415]);
    await ui.context.close();
  });

  it('lets a reviewer attach a scan to the answer in the application (Lao)', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await signIn(page, mojReviewer.email);
    await page.goto(`/#/reviews/${byCode('MOJ').id}`);
    await waitForRoute(page, '/reviews/*');
    await page.getByLabel('ເຫັນດີ', { exact: true }).check();
    await page.getByLabel('ຄຳເຫັນຂອງອົງການ').fill('ບໍ່ມີຄຳຄັດຄ້ານ.');
    await page.getByLabel('ຊື່ຜູ້ລົງນາມ').fill('ທ່ານ ສົມພອນ');
    await page.getByLabel('ຕຳແໜ່ງຜູ້ລົງນາມ').fill('ຮອງລັດຖະມົນຕີ');
    await page.getByLabel('ໜັງສືທີ່ລົງລາຍເຊັນ').setInputFiles({
      name: 'scan-moj.jpg',
      mimeType: 'image/jpeg',
      buffer: mojScan,
    });
    await page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' }).click();
    await page
      .getByRole('group', { name: 'ຢືນຢັນຄຳຕອບ' })
      .getByText(/^scan-moj\.jpg \(/)
      .waitFor();
    await page.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    // The request's page again, the answer with its letter to download (the agency's own).
    const own = page.getByRole('link', { name: /^ດາວໂຫຼດໜັງສືທີ່ລົງລາຍເຊັນ \(scan-moj\.jpg/ });
    await own.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), own.click()]);
    expect(Buffer.compare(await readFile((await download.path())!), mojScan)).toBe(0);
    expect((await letterOf('MOJ')).answer).toMatchObject({
      through: 'ACCOUNT',
      letter: { fileName: 'scan-moj.jpg', mediaType: 'image/jpeg' },
    });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('shows the secretariat each signed letter in the review list and downloads the same bytes', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
    await signIn(page, secretariat.email);
    await page.goto('/#/reviews');
    await waitForRoute(page, '/reviews');
    const molsw = page.getByRole('link', {
      name: 'Download the signed letter (MOLSW, ໜັງສືຕອບ.pdf)',
    });
    await molsw.waitFor();
    await page.getByRole('link', { name: 'Download the signed letter (MOFA, scan.png)' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), molsw.click()]);
    expect(download.suggestedFilename()).toMatch(/^RV-[\w.-]+-v1-MOLSW-signed-letter\.pdf$/);
    expect(Buffer.compare(await readFile((await download.path())!), molswLetter)).toBe(0);

    await page.goto(`/#/reviews/${byCode('MOFA').id}`);
    await waitForRoute(page, '/reviews/*');
    await page.getByRole('link', { name: /^Download the signed letter \(scan\.png \(/ }).waitFor();
    await page.getByText(/through the agency's answer link/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
