import { Document, HeadingLevel, ImageRun, Packer, Paragraph } from 'docx';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Committee, Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(180_000);

const PASSAGE = 'ອົດທົນ';
const SUGGESTED = 'ລະມັດລະວັງ';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The secretariat's Word draft: Heading 1 articles in Lao and English, with one picture. */
function wordDraft(): Promise<Buffer> {
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, text });
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            heading('ມາດຕາ 1: ການຮັບຟັງ'),
            new Paragraph(`ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງ${PASSAGE} ແລະ ບໍ່ຂັດຈັງຫວະ.`),
            heading('Privacy of hearings'),
            new Paragraph('Hearings may be closed.'),
            new Paragraph({
              children: [
                new ImageRun({ type: 'png', data: PNG, transformation: { width: 8, height: 8 } }),
              ],
            }),
            heading('ມາດຕາ 3: ເດັກ'),
            new Paragraph('ເດັກຕ້ອງມີຜູ້ປົກຄອງຢູ່ນຳ.'),
          ],
        },
      ],
    }),
  );
}

/**
 * Issue 15's loop in a real browser: the secretariat imports a Word file, edits a section and
 * publishes the draft; a judge suggests wording on a quoted Lao passage; the secretariat accepts
 * and applies it, publishes again, and the redline shows the change. Stage moves are set up
 * through the API (not what this test is about).
 */
describe('web interface: the drafting loop (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const pages: UiPage[] = [];

  beforeAll(async () => {
    t = await startTestApp('ui_drafting');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida (Secretariat)' });
    judge = await t.user(Role.JUDGE, {
      locale: 'lo',
      name: 'ທ່ານ ສົມສັກ',
      committees: [Committee.TWG],
    });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({ code: 'VSC-DRAFT', title: { en: 'Hearing victims', lo: 'ການຮັບຟັງຜູ້ເຄາະຮ້າຍ' } });
    expect(g.status).toBe(201);
    guidelineId = g.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    pages.push(ui);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.locator('input[type=email]').fill(email);
    await ui.page.locator('input[type=password]').fill(PASSWORD);
    await ui.page.locator('form button[type=submit]').click();
    await waitForRoute(ui.page, '/');
    return ui;
  }
  const expectAccessible = async (ui: UiPage) =>
    expect(await seriousA11yViolations(ui.page)).toEqual([]);

  it('the secretariat imports a Word file, edits a section and publishes the draft', async () => {
    const ui = await signIn(secretariat.email);
    const { page } = ui;
    await page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(page, `/g/${guidelineId}`);
    await page.getByRole('link', { name: 'Working draft' }).click();
    await waitForRoute(page, `/g/${guidelineId}/draft`);
    await page.getByText('The draft has no sections yet').waitFor();
    await expectAccessible(ui);

    await page.getByLabel('Word file (.docx)').setInputFiles({
      name: 'draft.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await wordDraft(),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('3 sections imported. Check them below.').waitFor();
    await page.locator('.import-warnings', { hasText: '1 image was left out' }).waitFor();
    const editors = page.locator('fieldset.section-editor');
    await expect(editors.count()).resolves.toBe(3);
    await expect(editors.nth(0).locator('input[name=heading]').inputValue()).resolves.toBe(
      'ມາດຕາ 1: ການຮັບຟັງ',
    );
    await expect(editors.nth(1).locator('input[name=key]').inputValue()).resolves.toBe(
      'privacy-of-hearings',
    );
    await expectAccessible(ui);
    await screenshot(page, 'draft-imported');

    // Edit a section, save, and publish with a change summary.
    await editors
      .nth(1)
      .locator('textarea[name=body]')
      .fill('Hearings may be closed to the public.');
    await page.getByLabel('Change summary').fill('Imported from the Word draft');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByText(/last saved by Vanida \(Secretariat\)/).waitFor();

    // Someone else saves meanwhile: this officer is told in words, and nothing is overwritten.
    const current = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/draft`)
      .set(bearer(secretariat));
    const other = await t
      .http()
      .put(`/api/guidelines/${guidelineId}/draft`)
      .set(bearer(secretariat))
      .send({
        sections: current.body.sections,
        changeSummary: 'Imported from the Word draft',
        revision: current.body.revision,
      });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The draft was saved again since you opened it' })
      .waitFor();
    await page.getByRole('button', { name: 'Reload the draft' }).click();
    await page.getByText('The draft as last saved.').waitFor();
    await expectAccessible(ui);

    await page.getByRole('button', { name: 'Publish draft' }).click();
    await waitForRoute(page, `/g/${guidelineId}/v/1`);
    await page.getByText('Hearings may be closed to the public.').waitFor();
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 409, method: 'PUT', path: `/api/guidelines/${guidelineId}/draft` },
    ]);
  });

  it('a judge suggests wording on a quoted Lao passage', async () => {
    const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const move = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/transitions`)
      .set(bearer(secretariat))
      .send({ to: 'CONSULTATION', consultationClosesAt: closes });
    expect(move.status).toBe(200);

    const ui = await signIn(judge.email);
    const { page } = ui;
    await page.goto(`/#/g/${guidelineId}/v/1/s/art-1`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/art-1`);
    await inPage(
      page,
      `(() => {
        const node = document.getElementById('open-section-body').firstChild;
        const start = node.textContent.indexOf(${JSON.stringify(PASSAGE)});
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + ${PASSAGE.length});
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      })()`,
    );
    await page.getByRole('button', { name: 'ອ້າງອີງຂໍ້ຄວາມທີ່ເລືອກ' }).click();
    await page.getByLabel('ຄຳເຫັນຂອງທ່ານ').fill('ຄຳນີ້ບໍ່ພຽງພໍ.');
    await page.getByLabel('ສະເໜີຖ້ອຍຄຳ (ບໍ່ບັງຄັບ)').fill(SUGGESTED);
    await page.getByRole('button', { name: 'ສົ່ງຄຳເຫັນ' }).click();
    await page.locator('#thread .suggestion', { hasText: SUGGESTED }).waitFor();
    await page.locator('#thread .suggestion', { hasText: 'ຍັງເປີດ' }).waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'judge-suggested-wording');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('the secretariat accepts and applies it, publishes, and the redline shows the change', async () => {
    const admin = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/transitions`)
      .set(bearer(t.admin))
      .send({ to: 'TECHNICAL_WORKING_GROUP', override: true, reason: 'Workshop finished early' });
    expect(admin.status).toBe(200);

    const ui = await signIn(secretariat.email);
    const { page } = ui;
    await page.goto(`/#/g/${guidelineId}/v/1/s/art-1`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/art-1`);
    await page.locator('#thread').getByLabel('Response').fill('Taken into the next version.');
    await page.getByRole('button', { name: 'Accept and apply to the draft' }).click();
    await page.locator('#thread .suggestion', { hasText: 'written into the draft' }).waitFor();
    await expectAccessible(ui);

    // A second suggestion on the same passage cannot apply any more: the matrix says why in words.
    const second = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(judge))
      .send({
        sectionKey: 'art-1',
        quote: PASSAGE,
        body: 'ຄຳອື່ນດີກວ່າ.',
        suggestion: { text: 'ສະຫງົບ' },
      });
    expect(second.status).toBe(201);
    await page.goto(`/#/g/${guidelineId}/matrix`);
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    const row = page.locator('tr', { hasText: 'ຄຳອື່ນດີກວ່າ.' });
    await row.getByLabel(/^Decision/).selectOption('ACCEPTED');
    await row.getByLabel(/^Response/).fill('Also accepted.');
    await row.getByRole('checkbox', { name: /Accept and apply to the draft/ }).check();
    await row.getByRole('button', { name: 'Save' }).click();
    await row
      .getByRole('alert')
      .filter({ hasText: 'The quoted passage no longer occurs in section "art-1" of the draft' })
      .waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'matrix-apply-refused');

    await page.goto(`/#/g/${guidelineId}/draft`);
    await waitForRoute(page, `/g/${guidelineId}/draft`);
    await page.getByText('1 suggested wordings written in').waitFor();
    await expect(
      page.locator('fieldset.section-editor').nth(0).locator('textarea[name=body]').inputValue(),
    ).resolves.toBe(`ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງ${SUGGESTED} ແລະ ບໍ່ຂັດຈັງຫວະ.`);
    await page.getByLabel('Change summary').fill('The judges’ wording on listening');
    await page.getByRole('button', { name: 'Publish draft' }).click();
    await waitForRoute(page, `/g/${guidelineId}/v/2`);

    await page.getByRole('link', { name: 'What changed (redline)' }).click();
    await waitForRoute(page, `/g/${guidelineId}/v/2/redline/1`);
    await page.locator('.redline-view del', { hasText: PASSAGE }).waitFor();
    await expect(page.locator('.redline-view ins').allTextContents()).resolves.toEqual([SUGGESTED]);
    await expect(page.locator('.redline-view del').allTextContents()).resolves.toEqual([PASSAGE]);
    await expect(
      page
        .getByRole('link', { name: 'Download the redline (Word, tracked changes)' })
        .getAttribute('href'),
    ).resolves.toBe(`/api/guidelines/${guidelineId}/versions/2/redline?against=1&format=docx`);
    await expectAccessible(ui);
    await screenshot(page, 'redline-view');

    const version = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/2`)
      .set(bearer(secretariat));
    expect(version.body.appliedSuggestions).toEqual([
      expect.objectContaining({ sectionKey: 'art-1' }),
    ]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 409, method: 'PUT', path: `/api/comments/${second.body.id}/disposition` },
    ]);
  });
});
