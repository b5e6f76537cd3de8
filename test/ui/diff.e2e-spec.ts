import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(120_000);

const WORDS = ['court', 'victim', 'the', 'interpreter', 'shall', 'protect', 'hearing', 'of'];
function text(length: number): string {
  let s = '';
  for (let x = 7; s.length < length; x = (x * 1103515245 + 12345) & 0x7fffffff) {
    s += `${WORDS[x % WORDS.length]} `;
  }
  return s.slice(0, length);
}

/** A reader of a diff is told, in their language, which sections were too changed to compare. */
describe('the diff page when the budget runs out (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let guidelineId: string;

  beforeAll(async () => {
    t = await startTestApp('ui_diff');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const secretariat = await t.user(Role.SECRETARIAT);
    const as = { Authorization: `Bearer ${secretariat.token}` };
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(as)
      .send({
        code: 'VSC-UD',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    const long = text(60_000);
    const rewritten = long
      .split(' ')
      .map((w, i) => (i % 10 === 5 ? w.toUpperCase() : w))
      .join(' ');
    for (const [body, hearing] of [
      [long, 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.'],
      [rewritten, 'ຜູ້ພິພາກສາຄວນຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.'],
    ]) {
      const res = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(as)
        .send({
          changeSummary: 'v',
          sections: [
            { key: 'annex', heading: 'Annex: procedures', body },
            { key: 'hearing', heading: 'ການຮັບຟັງ', body: hearing },
          ],
        });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(ui: UiPage, user: TestUser) {
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.getByLabel(/ອີເມວ|E-mail/).fill(user.email);
    await ui.page.getByLabel(/ລະຫັດຜ່ານ|Password/).fill(PASSWORD);
    await ui.page.getByRole('button', { name: /ເຂົ້າສູ່ລະບົບ|Sign in/ }).click();
    await waitForRoute(ui.page, '/');
  }

  for (const [locale, message, changedWord] of [
    ['lo', 'ມີການປ່ຽນແປງຫຼາຍເກີນໄປທີ່ຈະປຽບທຽບເທື່ອລະຄຳ', 'ຄວນ'],
    ['en', 'Too many changes to compare word by word', 'ຄວນ'],
  ] as const) {
    it(`says in ${locale} which section was shown as replaced, and still marks the word changed elsewhere`, async () => {
      const judge = await t.user(Role.JUDGE, { locale });
      const ui = await openPage(browser, baseUrl);
      await signIn(ui, judge);
      await ui.page.goto(`/#/g/${guidelineId}/diff/1/2`);
      await waitForRoute(ui.page, `/g/${guidelineId}/diff/1/2`);
      const notes = ui.page.locator('.diff-budget');
      await expect(notes.count()).resolves.toBe(1);
      await expect(notes.first().textContent()).resolves.toContain(message);
      const annex = ui.page.locator('li.diff-section', { has: ui.page.locator('.diff-budget') });
      // A changed section whose heading did not change is titled by its key.
      await expect(annex.locator('h2').textContent()).resolves.toBe('annex');
      const hearing = ui.page
        .locator('li.diff-section')
        .filter({ has: ui.page.locator('h2', { hasText: /^hearing$/ }) });
      await expect(hearing.locator('ins').textContent()).resolves.toContain(changedWord);
      expect(await seriousA11yViolations(ui.page)).toEqual([]);
      expect(ui.errors).toEqual([]);
      expect(ui.httpErrors).toEqual([]);
      await ui.context.close();
    });
  }
});
