import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Committee, Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  openPage,
  screenshot,
  SCREENSHOTS,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { openCsvInCalc } from '../support/office';
import { settled } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Issue 7's acceptance, in a real browser: a judge comments in Lao on a quoted passage and
 * replies; the secretariat gives dispositions, sees a refused move with its reasons and moves
 * the guideline into interagency review; a reviewer answers its request; the judge sees the
 * notification. Data the UI is not testing is set up through the API.
 */
describe('web interface: from comment to interagency review (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let otherJudge: TestUser;
  let reviewer: TestUser;
  let guidelineId: string;

  const PASSAGE = 'ຫ້ອງພິຈາລະນາຄະດີແຍກຕ່າງຫາກ';
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const pages: UiPage[] = [];

  beforeAll(async () => {
    t = await startTestApp('ui_workflow');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida (Secretariat)' });
    judge = await t.user(Role.JUDGE, {
      locale: 'lo',
      name: 'ທ່ານ ສົມສັກ',
      committees: [Committee.TWG],
    });
    otherJudge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    reviewer = await t.user(Role.AGENCY_REVIEWER, {
      agencyCode: 'MOJ',
      locale: 'lo',
      name: 'ທ່ານ ຄຳພອນ',
    });

    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-UI',
        title: { en: 'Victim-sensitive courts', lo: 'ຂໍ້ແນະນຳສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    expect(g.status).toBe(201);
    guidelineId = g.body.id;
    const v = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'ຮ່າງທຳອິດ',
        sections: [
          { key: 'purpose', heading: 'ຈຸດປະສົງ', body: 'ແນວທາງນີ້ຊ່ວຍໃຫ້ສານປະຕິບັດຕໍ່ຜູ້ເຄາະຮ້າຍຢ່າງເປັນທຳ.' },
          {
            key: 'privacy',
            heading: 'ຄວາມເປັນສ່ວນຕົວ',
            body: `ສານຄວນຈັດ${PASSAGE}ສຳລັບຜູ້ເຄາະຮ້າຍ ແລະ ປົກປ້ອງຊື່ຂອງເຂົາເຈົ້າ.`,
          },
        ],
      });
    expect(v.status).toBe(201);
    const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const toConsultation = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/transitions`)
      .set(bearer(secretariat))
      .send({ to: 'CONSULTATION', consultationClosesAt: closes });
    expect(toConsultation.status).toBe(200);
    const seeded = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(otherJudge))
      .send({ sectionKey: 'purpose', body: 'ຄວນກ່າວເຖິງເດັກນ້ອຍນຳ.' });
    expect(seeded.status).toBe(201);
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

  async function expectAccessible(ui: UiPage) {
    expect(await seriousA11yViolations(ui.page)).toEqual([]);
  }

  it('a judge signs in in Lao, quotes a passage in a comment, and replies in a thread', async () => {
    const ui = await signIn(judge.email);
    const { page } = ui;
    expect(await inPage(page, 'document.documentElement.lang')).toBe('lo');
    await expect(page.locator('h1').textContent()).resolves.toBe('ສະບາຍດີ, ທ່ານ ສົມສັກ');
    await page.getByRole('heading', { name: 'ລໍຖ້າຄຳເຫັນຂອງທ່ານ' }).waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'home-judge', SCREENSHOTS);

    await page.getByRole('link', { name: /ຂໍ້ແນະນຳສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ — ສະບັບທີ 1/ }).click();
    await waitForRoute(page, `/g/${guidelineId}/v/1`);
    await expectAccessible(ui);

    // Open the privacy section's thread, select a passage of its text and quote it.
    await page
      .locator('li.section', { hasText: 'ຄວາມເປັນສ່ວນຕົວ' })
      .getByRole('link', { name: 'ຄຳເຫັນ (0)' })
      .click();
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/privacy`);
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
    await expect(page.getByLabel('ຂໍ້ຄວາມທີ່ອ້າງອີງ (ບໍ່ບັງຄັບ)').inputValue()).resolves.toBe(PASSAGE);
    await page.getByLabel('ຄຳເຫັນຂອງທ່ານ').fill('ຄວນລະບຸວ່າຫ້ອງນີ້ຕ້ອງມີຢູ່ທຸກສານ.');
    await page.getByRole('button', { name: 'ສົ່ງຄຳເຫັນ' }).click();
    await page.locator('#thread blockquote', { hasText: PASSAGE }).waitFor();
    await page.locator('#thread', { hasText: 'ຄວນລະບຸວ່າຫ້ອງນີ້ຕ້ອງມີຢູ່ທຸກສານ.' }).waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'judge-quoted-comment');

    // Reply to the other judge's comment on the purpose section.
    await page
      .locator('li.section', { hasText: 'ຈຸດປະສົງ' })
      .getByRole('link', { name: 'ຄຳເຫັນ (1)' })
      .click();
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/purpose`);
    await page.locator('#thread summary', { hasText: 'ຕອບກັບ' }).click();
    await page.getByLabel('ຄຳຕອບຂອງທ່ານ').fill('ເຫັນດີ, ເດັກນ້ອຍຕ້ອງການການປົກປ້ອງພິເສດ.');
    await page.getByRole('button', { name: 'ສົ່ງຄຳຕອບ' }).click();
    await page
      .locator('#thread .replies', { hasText: 'ເຫັນດີ, ເດັກນ້ອຍຕ້ອງການການປົກປ້ອງພິເສດ.' })
      .waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'judge-reply');

    const stored = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/1/comments?sectionKey=privacy`)
      .set(bearer(judge));
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        quote: PASSAGE,
        author: expect.objectContaining({ id: judge.id }),
      }),
    ]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('the secretariat gives dispositions, sees a refused move with its reasons, then moves to interagency review', async () => {
    // The consultation is still open: an administrator closes it early (not what this test is about).
    const admin = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/transitions`)
      .set(bearer(t.admin))
      .send({ to: 'TECHNICAL_WORKING_GROUP', override: true, reason: 'Workshop finished early' });
    expect(admin.status).toBe(200);

    const ui = await signIn(secretariat.email);
    const { page } = ui;
    expect(await inPage(page, 'document.documentElement.lang')).toBe('en');
    await page.getByRole('heading', { name: 'Comments without a disposition' }).waitFor();
    await expect(
      page.locator('section', { hasText: 'Comments without a disposition' }).textContent(),
    ).resolves.toContain('2 comments');
    await expectAccessible(ui);
    await screenshot(page, 'home-secretariat', SCREENSHOTS);

    // One disposition in the matrix.
    await page.goto(`/#/g/${guidelineId}/matrix`);
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    await expectAccessible(ui);
    const firstRow = page.locator('#matrix-row-0');
    await firstRow.getByLabel(/^Decision/).selectOption('ACCEPTED');
    await firstRow.getByLabel(/^Response/).fill('Added to section 1.');
    await firstRow.getByRole('button', { name: 'Save' }).click();
    await page.getByText('2 comments, 1 without a disposition.').waitFor();
    await expect(
      page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'),
    ).resolves.toContain('format=csv');
    await expect(
      page.getByRole('link', { name: 'Download Word (DOCX)' }).getAttribute('href'),
    ).resolves.toContain('format=docx');
    // The download carries the guideline's code and the language on screen; a spreadsheet reads it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('VSC-UI-comment-matrix-all-versions-en.csv');
    const rows = await openCsvInCalc(await readFile(await download.path()));
    expect(rows[0].slice(0, 3).map((c) => c.text)).toEqual(['Version', 'Section', 'Heading']);
    expect(rows).toHaveLength(3);

    // The move to the Council is refused while a comment has no disposition: the reasons show.
    await page.goto(`/#/g/${guidelineId}/move`);
    await waitForRoute(page, `/g/${guidelineId}/move`);
    const toCouncil = page.locator('section.move[data-to="COUNCIL_OF_JUDGES"]');
    const noDisposition = /^\d+ comments? still ha(s|ve) no disposition from the secretariat$/;
    await expect(toCouncil.locator('.alert li').allTextContents()).resolves.toEqual([
      expect.stringMatching(noDisposition),
    ]);
    await expectAccessible(ui);
    await toCouncil.getByRole('button', { name: 'Move to Council of Judges' }).click();
    const refusal = toCouncil.getByRole('alert').filter({ hasText: 'The move was refused' });
    await refusal.waitFor();
    await expect(refusal.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(noDisposition),
    ]);
    await expectAccessible(ui);
    await screenshot(page, 'secretariat-refused-move');

    // The other disposition, then the moves go through.
    await page.goto(`/#/g/${guidelineId}/matrix`);
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    const open = page.locator('tbody tr', { hasText: 'ຄວນລະບຸວ່າຫ້ອງນີ້ຕ້ອງມີຢູ່ທຸກສານ.' });
    await open.getByLabel(/^Decision/).selectOption('NOTED');
    await open.getByRole('button', { name: 'Save' }).click();
    await page.getByText('2 comments, 0 without a disposition.').waitFor();

    await page.goto(`/#/g/${guidelineId}/move`);
    await waitForRoute(page, `/g/${guidelineId}/move`);
    await page
      .locator('section.move[data-to="COUNCIL_OF_JUDGES"]')
      .getByRole('button', { name: 'Move to Council of Judges' })
      .click();
    await page.locator('#move-done', { hasText: 'Moved to Council of Judges.' }).waitFor();
    const toReview = page.locator('section.move[data-to="INTERAGENCY_REVIEW"]');
    await expect(toReview.getByLabel('MOJ', { exact: false }).isChecked()).resolves.toBe(true);
    await toReview.getByRole('button', { name: 'Move to Interagency review' }).click();
    await page.locator('#move-done', { hasText: 'Moved to Interagency review.' }).waitFor();
    await page
      .locator('.timeline li', { hasText: 'Council of Judges → Interagency review' })
      .waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'secretariat-moved');

    const g = await t.http().get(`/api/guidelines/${guidelineId}`).set(bearer(secretariat));
    expect(g.body.stage).toBe('INTERAGENCY_REVIEW');
    expect(g.body.openReviewCount).toBe(4);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 422, method: 'POST', path: `/api/guidelines/${guidelineId}/transitions` },
    ]);
  });

  it('a reviewer sees the request with its due date, reads the version and answers after confirming', async () => {
    const ui = await signIn(reviewer.email);
    const { page } = ui;
    const waiting = page.locator('section', { hasText: 'ຄຳຮ້ອງຂໍທົບທວນທີ່ລໍຖ້າຄຳຕອບ' });
    await waiting
      .getByText(/ກຳນົດສົ່ງ/)
      .first()
      .waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'home-reviewer', SCREENSHOTS);

    await waiting.getByRole('link', { name: /ຂໍ້ແນະນຳສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ/ }).click();
    await waitForRoute(page, '/reviews/*');
    await expect(page.locator('main dl').textContent()).resolves.toContain('MOJ');
    await expectAccessible(ui);
    await page.getByRole('radio', { name: 'ເຫັນດີ ພ້ອມຄຳເຫັນ' }).check();
    await page.getByLabel('ຄຳເຫັນຂອງອົງການ').fill('ເຫັນດີ, ຂໍໃຫ້ເພີ່ມການຝຶກອົບຮົມ.');
    await page.getByLabel('ຊື່ຜູ້ລົງນາມ').fill('ທ່ານ ຄຳພອນ');
    await page.getByLabel('ຕຳແໜ່ງຜູ້ລົງນາມ').fill('ຫົວໜ້າກົມ');
    await page.getByRole('button', { name: 'ກວດຄືນກ່ອນສົ່ງ' }).click();
    const confirm = page.getByRole('group', { name: 'ຢືນຢັນຄຳຕອບ' });
    await confirm.waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'reviewer-confirm');
    await confirm.getByRole('button', { name: 'ຢືນຢັນ ແລະ ສົ່ງ' }).click();
    await page.locator('#review-answered').waitFor();
    await expectAccessible(ui);
    await screenshot(page, 'reviewer-answered');

    const mine = await t.http().get('/api/reviews?status=ANSWERED').set(bearer(reviewer));
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        status: 'ANSWERED',
        answer: expect.objectContaining({
          decision: 'APPROVE_WITH_COMMENTS',
          signatory: { name: 'ທ່ານ ຄຳພອນ', title: 'ຫົວໜ້າກົມ' },
        }),
      }),
    ]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('the judge sees the notification in the bell and the inbox', async () => {
    // Notifications are written by the workers from the outbox: wait until one has arrived.
    const deadline = Date.now() + 30_000;
    let unread = 0;
    while (Date.now() < deadline) {
      const inbox = await t.http().get('/api/notifications?unread=true').set(bearer(judge));
      unread = inbox.body.unreadCount ?? inbox.body.items.length;
      if (unread > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(unread).toBeGreaterThan(0);
    // And every other notice on its way has arrived: the bell and the inbox are compared below.
    await settled(t);

    const ui = await signIn(judge.email);
    const { page } = ui;
    await page.locator('#bell-count', { hasText: /^[1-9][0-9]*$/ }).waitFor();
    await page.locator('#bell').click();
    await waitForRoute(page, '/notifications');
    const shown = Number(await page.locator('#bell-count').textContent());
    expect(shown).toBeGreaterThanOrEqual(unread);
    expect(await page.locator('#inbox li.unread').count()).toBe(shown);
    const first = page.locator('#inbox li').first();
    await expect(first.textContent()).resolves.toMatch(/[\u0E80-\u0EFF]/);
    await expectAccessible(ui);
    await screenshot(page, 'judge-notifications');
    await first.getByRole('button', { name: /ໝາຍວ່າອ່ານແລ້ວ/ }).click();
    await page.locator('#bell-count', { hasText: new RegExp(`^${shown - 1}$`) }).waitFor();
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
