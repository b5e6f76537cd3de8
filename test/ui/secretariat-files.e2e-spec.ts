import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  waitForRoute,
} from '../support/browser';
import { convertWithLibreOffice, openCsvInCalc } from '../support/office';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The secretariat records a workshop with its institutions by kind, and the participation report
 * (filtered by stage and province) shows them; its CSV opens in LibreOffice Calc; the guideline
 * page gives every version's Word and Markdown and the adopted text, which opens in Writer.
 */
describe('secretariat: workshop, report CSV and adopted text (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('ui_secretariat_files');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({ code: 'VSC-F', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    guidelineId = g.body.id;
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'v1',
        sections: [{ key: 'art-1', heading: 'ມາດຕາ 1', body: 'ສານຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.' }],
      });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function download(page: Page, click: () => Promise<void>) {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  }

  it('records a workshop with institution kinds; the filtered report shows them and its CSV opens in Calc', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(secretariat.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, '/');
    await page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(page, `/g/${guidelineId}`);
    await page.getByRole('link', { name: 'Record a consultation event' }).click();
    await waitForRoute(page, `/g/${guidelineId}/event`);
    await page.getByLabel('Event', { exact: true }).fill('Provincial workshop');
    await page.getByLabel('Place').fill('Savannakhet');
    await page.getByLabel('Female', { exact: true }).fill('12');
    await page.getByLabel('Male', { exact: true }).fill('8');
    for (const [name, kind, count] of [
      ['Savannakhet Provincial Court', 'COURT', '14'],
      ['Provincial police', 'POLICE', '6'],
    ]) {
      await page.getByRole('button', { name: 'Add an institution' }).click();
      const row = page.locator('fieldset.institution').last();
      await row.getByLabel('Institution', { exact: true }).fill(name);
      await row.getByLabel('Kind of institution').selectOption(kind);
      await row.getByLabel('People').fill(count);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save the event' }).click();
    await page.getByText('Event saved.').waitFor();
    const stored = await t
      .http()
      .get(`/api/events?guidelineId=${guidelineId}`)
      .set(bearer(secretariat));
    expect(stored.body.items[0].institutions).toEqual([
      expect.objectContaining({
        name: 'Savannakhet Provincial Court',
        category: 'COURT',
        count: 14,
      }),
      expect.objectContaining({ name: 'Provincial police', category: 'POLICE', count: 6 }),
    ]);

    await page.goto(`/#/reports?guidelineId=${guidelineId}`);
    await waitForRoute(page, '/reports');
    await page.getByLabel('Stage of the events').selectOption('CONSULTATION');
    await page.getByLabel('Province').fill('savannakhet');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes(
        'province=savannakhet',
      ),
    );
    await waitForRoute(page, '/reports');
    const byKind = page.locator('section', {
      has: page.getByRole('heading', { name: 'Participants by kind of institution' }),
    });
    await expect(byKind.locator('table').textContent()).resolves.toMatch(
      /Court.*Police|Police.*Court/s,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'report-filtered');

    const csv = await download(page, () =>
      page.getByRole('link', { name: 'Download CSV' }).click(),
    );
    expect(csv.name).toMatch(/\.csv$/);
    const cells = (await openCsvInCalc(csv.bytes)).map((row) => row.map((c) => c.text));
    const flat = cells.flat();
    expect(flat).toEqual(expect.arrayContaining(['Court', 'Police']));
    expect(flat.some((c) => /savannakhet/i.test(c))).toBe(true);
    expect(cells.flat().some((c) => c.startsWith('='))).toBe(false);

    // In a stage without events the report counts nothing.
    await page.getByLabel('Stage of the events').selectOption('COUNCIL_OF_JUDGES');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes(
        'stage=COUNCIL_OF_JUDGES',
      ),
    );
    await waitForRoute(page, '/reports');
    const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csvHref).toContain('stage=COUNCIL_OF_JUDGES');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('downloads any version’s Word and Markdown and the adopted text, which LibreOffice opens', async () => {
    // Adoption itself is the workflow's business: here the guideline is simply marked adopted.
    const v = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/1`)
      .set(bearer(secretariat));
    await t.sql((q) =>
      q.query(
        `UPDATE guidelines SET stage = 'ADOPTED', adopted_version_number = 1,
                adopted_content_hash = $2, adopted_at = now() WHERE id = $1`,
        [guidelineId, v.body.contentHash],
      ),
    );
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(secretariat.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, '/');
    await page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(page, `/g/${guidelineId}`);
    const adopted = page.locator('#adopted');
    await adopted.getByRole('heading', { name: 'Adopted text: version 1' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const docx = await download(page, () =>
      adopted.getByRole('link', { name: /^Word \(DOCX\)/ }).click(),
    );
    expect(docx.name).toBe('VSC-F-v1.docx');
    const text = (await convertWithLibreOffice(docx.bytes, 'adopted.docx', 'txt:Text')).toString(
      'utf8',
    );
    expect(text).toContain('ສານຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.');
    const md = await download(page, () =>
      page.getByRole('link', { name: 'Markdown — Version 1' }).click(),
    );
    expect(md.bytes.toString('utf8')).toContain('ສານຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
