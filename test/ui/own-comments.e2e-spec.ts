import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  signInAs,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * A person edits and deletes their own comment in the thread while it has no disposition, offered
 * only where the server's answers say so (a comment's yourActions.edit and delete, a version's
 * yourActions.comment): never on another's comment, nor on one the secretariat has answered.
 */
describe('editing and deleting one’s own comment (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let other: TestUser;
  let guidelineId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const threadPath = () => `/g/${guidelineId}/v/2/s/privacy`;

  const comment = async (by: TestUser, body: string) => {
    const res = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/2/comments`)
      .set(bearer(by))
      .send({ sectionKey: 'privacy', body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const row = (id: string) =>
    t.sql(async (q) => {
      const { rows } = await q.query<{ body: string; deleted: boolean }>(
        `SELECT body, deleted_at IS NOT NULL AS deleted FROM comments WHERE id = $1`,
        [id],
      );
      return rows[0];
    });

  beforeAll(async () => {
    t = await startTestApp('ui_own_comments');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    other = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Noy' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-OWN',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    for (const body of ['Names are not published.', 'Names and addresses are not published.']) {
      await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions`)
        .set(bearer(secretariat))
        .send({ changeSummary: body, sections: [{ key: 'privacy', heading: 'Privacy', body }] });
    }
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (user: TestUser, english = false): Promise<UiPage> =>
    signInAs(browser, baseUrl, { email: user.email, password: PASSWORD }, { english });

  it('a version answer says whether new comments go on it: the current one only', async () => {
    const read = (n: number) =>
      t.http().get(`/api/guidelines/${guidelineId}/versions/${n}`).set(bearer(judge));
    const [older, current] = [await read(1), await read(2)];
    expect(older.body.yourActions).toEqual({ comment: false, reply: true, commentOnBehalf: false });
    expect(current.body.yourActions).toEqual({
      comment: true,
      reply: true,
      commentOnBehalf: false,
    });
    const bySecretariat = await t
      .http()
      .get(`/api/guidelines/${guidelineId}/versions/2`)
      .set(bearer(secretariat));
    expect(bySecretariat.body.yourActions).toEqual({
      comment: false,
      reply: false,
      commentOnBehalf: true,
    });
  });

  it('edits one’s own comment, and is offered nothing on another’s or an answered one (Lao)', async () => {
    const mine = await comment(judge, 'ຄວນປົກປິດຊື່.');
    const answered = await comment(judge, 'ຄວນປົກປິດບ້ານ.');
    await comment(other, 'Photographs too.');
    const decided = await t
      .http()
      .put(`/api/comments/${answered}/disposition`)
      .set(bearer(secretariat))
      .send({ status: 'NOTED', expectedStatus: null });
    expect(decided.status).toBe(200);

    const ui = await signIn(judge);
    const { page } = ui;
    await page.goto(`/#${threadPath()}`);
    await waitForRoute(page, threadPath());
    const article = (text: string) => page.locator('#thread article.comment', { hasText: text });
    await expect(article('Photographs too.').getByRole('button').count()).resolves.toBe(0);
    await expect(article('ຄວນປົກປິດບ້ານ.').getByRole('button').count()).resolves.toBe(0);
    const own = article('ຄວນປົກປິດຊື່.');
    const edit = own.getByRole('button', { name: 'ແກ້ໄຂ — ຄຳເຫັນຂອງ ທ່ານ ບຸນມີ' });
    await own.getByRole('button', { name: 'ລຶບ — ຄຳເຫັນຂອງ ທ່ານ ບຸນມີ' }).waitFor();
    // The edit form stays folded away (hidden really hides) until asked for.
    await expect(own.locator('form.edit-comment').isVisible()).resolves.toBe(false);
    await expect(edit.getAttribute('aria-expanded')).resolves.toBe('false');
    await edit.click();
    const box = own.getByLabel('ຄຳເຫັນຂອງທ່ານທີ່ແກ້ໄຂ');
    await expect(box.inputValue()).resolves.toBe('ຄວນປົກປິດຊື່.');
    await box.fill('ຄວນປົກປິດຊື່ ແລະ ນາມສະກຸນ.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'own-comment-edit-lo');
    await own.getByRole('button', { name: 'ບັນທຶກການແກ້ໄຂ' }).click();
    const edited = article('ຄວນປົກປິດຊື່ ແລະ ນາມສະກຸນ.');
    await edited.locator('header', { hasText: 'ແກ້ໄຂເມື່ອ' }).waitFor();
    expect(await row(mine)).toEqual({ body: 'ຄວນປົກປິດຊື່ ແລະ ນາມສະກຸນ.', deleted: false });
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });

  it('deletes one’s own comment after a second question, and is offered neither on an older version (English)', async () => {
    const mine = await comment(other, 'Remove this one.');
    const ui = await signIn(other, true);
    const { page } = ui;
    await page.goto(`/#${threadPath()}`);
    await waitForRoute(page, threadPath());
    const own = page.locator('#thread article.comment', { hasText: 'Remove this one.' });
    await own.getByRole('button', { name: 'Delete — Comment by Judge Noy' }).click();
    const question = own.getByRole('group', { name: /^Delete this comment\?/ });
    await question.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // "Keep it" changes nothing.
    await question.getByRole('button', { name: 'Keep it' }).click();
    await expect(question.isVisible()).resolves.toBe(false);
    expect(await row(mine)).toEqual({ body: 'Remove this one.', deleted: false });
    await own.getByRole('button', { name: 'Delete — Comment by Judge Noy' }).click();
    await question.getByRole('button', { name: 'Yes, delete it' }).click();
    await own.waitFor({ state: 'detached' });
    await page.locator('#live', { hasText: 'Comment deleted' }).waitFor();
    expect(await row(mine)).toEqual({ body: 'Remove this one.', deleted: true });

    // On the older version the server says no new comment goes there: the page offers none.
    await page.goto(`/#/g/${guidelineId}/v/1/s/privacy`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/privacy`);
    await page.getByText('This is an older version: comment on the current one.').waitFor();
    await expect(page.getByLabel('Your comment', { exact: true }).count()).resolves.toBe(0);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
    await ui.context.close();
  });
});
