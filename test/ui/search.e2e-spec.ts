import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  inPage,
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  waitForRoute,
} from '../support/browser';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Search from the guideline page: a Lao substring from the middle of a comment on an older version
 * finds it, and the result lands on that comment in its thread; sections match too.
 */
describe('search in a guideline (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  let commentId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const COMMENT = 'ຄວນມີຫ້ອງລໍຖ້າແຍກຕ່າງຫາກສຳລັບເດັກນ້ອຍທີ່ເປັນຜູ້ເຄາະຮ້າຍ';
  // A piece from the middle of a word run: Lao is written without spaces between words.
  const PIECE = 'ແຍກຕ່າງຫາກສຳລັບເດັກ';

  beforeAll(async () => {
    t = await startTestApp('ui_search');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ສົມສັກ' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({ code: 'VSC-S', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' } });
    guidelineId = g.body.id;
    const sections = [
      { key: 'rooms', heading: 'ຫ້ອງລໍຖ້າ', body: 'ສານຈັດຫ້ອງລໍຖ້າໃຫ້ຜູ້ເຄາະຮ້າຍ.' },
      { key: 'names', heading: 'ຊື່', body: 'ບໍ່ເປີດເຜີຍຊື່ຂອງຜູ້ເຄາະຮ້າຍ.' },
    ];
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({ changeSummary: 'v1', sections });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    for (const body of ['ເຫັນດີ.', COMMENT]) {
      const c = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
        .set(bearer(judge))
        .send({ sectionKey: 'rooms', body });
      commentId = c.body.id;
    }
    await t.sql((q) =>
      q.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [guidelineId],
      ),
    );
    await move(t, secretariat, guidelineId, { to: 'TECHNICAL_WORKING_GROUP' });
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({ changeSummary: 'v2', sections });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds a Lao comment by a substring and lands on it; in English a section matches too', async () => {
    const ui = await openPage(browser, baseUrl);
    const { page } = ui;
    await page.goto('/');
    await waitForRoute(page, '/login');
    await page.locator('input[type=email]').fill(judge.email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await waitForRoute(page, '/');
    await page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(page, `/g/${guidelineId}`);
    const box = page.getByRole('search', { name: 'ຄົ້ນຫາໃນຂໍ້ແນະນຳນີ້' });
    await box.getByLabel('ຄົ້ນຫາໃນທຸກສະບັບ ແລະ ຄຳເຫັນ').fill(PIECE);
    await box.getByRole('button', { name: 'ຄົ້ນຫາ' }).click();
    await waitForRoute(page, `/g/${guidelineId}/search`);
    await page.getByRole('heading', { name: `ພົບ 1 ລາຍການສຳລັບ “${PIECE}”` }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'search-lao');

    await page.locator('#search-results a').first().click();
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/rooms`);
    // Focus is on the comment found, in its thread on version 1.
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
          .activeElement?.id === `comment-${id}`,
      commentId,
    );
    await expect(page.locator(`#comment-${commentId}`).textContent()).resolves.toContain(COMMENT);
    expect(await inPage(page, 'location.hash')).toBe(
      `#/g/${guidelineId}/v/1/s/rooms?c=${commentId}`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    // In English: a word of the sections finds them in both versions and the comments.
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`/#/g/${guidelineId}/search?q=${encodeURIComponent('ຫ້ອງລໍຖ້າ')}`);
    await waitForRoute(page, `/g/${guidelineId}/search`);
    const results = page.locator('#search-results li');
    await page.getByRole('heading', { name: /results for “ຫ້ອງລໍຖ້າ”/ }).waitFor();
    const texts = await results.allTextContents();
    expect(texts.filter((x) => x.includes('section')).length).toBe(2);
    expect(texts.filter((x) => x.includes('comment')).length).toBe(1);
    await page.goto(`/#/g/${guidelineId}/search?q=nothing-here`);
    await waitForRoute(page, `/g/${guidelineId}/search`);
    await page.getByText('Nothing found.').waitFor();
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
