import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  signInAs,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * A thread of 230 replies: a comment's detail carries the first 100 and a cursor, the replies
 * route gives the rest a page at a time, and the thread page shows them as the reader asks.
 * No answer holds more than one page, however long the thread.
 */
describe('long threads, a page of replies at a time', () => {
  const REPLIES = 230;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let other: TestUser;
  let guidelineId: string;
  let rootId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  const threadPath = () => `/g/${guidelineId}/v/1/s/hearing`;

  beforeAll(async () => {
    t = await startTestApp('ui_long_threads');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en' });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    other = await t.user(Role.JUDGE, { locale: 'en', name: 'Judge Noy' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({ code: 'VSC-LONG', title: { en: 'Hearings', lo: 'ການໄຕ່ສວນ' } });
    guidelineId = g.body.id;
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'v1',
        sections: [{ key: 'hearing', heading: 'Hearing', body: 'Victims are heard apart.' }],
      });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const root = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(judge))
      .send({ sectionKey: 'hearing', body: 'ຄວນມີຫ້ອງແຍກ.' });
    rootId = root.body.id;
    for (let i = 1; i <= REPLIES; i += 1) {
      const reply = await t
        .http()
        .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
        .set(bearer(i % 2 ? other : judge))
        .send({ parentId: rootId, body: `Reply ${i}` });
      expect(reply.status).toBe(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('answers the first 100 replies with the detail, then the rest a page at a time, each once and in order', async () => {
    const detail = await t.http().get(`/api/comments/${rootId}`).set(bearer(judge));
    expect(detail.status).toBe(200);
    expect(detail.body.replies).toHaveLength(100);
    expect(detail.body.repliesNext).toEqual(expect.any(String));
    const bodies: string[] = detail.body.replies.map((r: { body: string }) => r.body);
    let cursor: string | null = detail.body.repliesNext;
    const pages: number[] = [];
    while (cursor) {
      const page = await t
        .http()
        .get(`/api/comments/${rootId}/replies`)
        .query({ cursor, limit: 100 })
        .set(bearer(other));
      expect(page.status).toBe(200);
      pages.push(page.body.items.length);
      bodies.push(...page.body.items.map((r: { body: string }) => r.body));
      cursor = page.body.next;
    }
    expect(pages).toEqual([100, 30]);
    expect(bodies).toEqual(Array.from({ length: REPLIES }, (_, i) => `Reply ${i + 1}`));

    // The first page of the route is the detail's; a reply has no replies of its own.
    const first = await t
      .http()
      .get(`/api/comments/${rootId}/replies`)
      .query({ limit: 5 })
      .set(bearer(judge));
    expect(first.body.items.map((r: { body: string }) => r.body)).toEqual(bodies.slice(0, 5));
    const ofReply = await t
      .http()
      .get(`/api/comments/${detail.body.replies[0].id}/replies`)
      .set(bearer(judge));
    expect(ofReply.body).toEqual({ items: [], next: null });
  });

  it('refuses a cursor it did not give and an unknown comment, in the error shape', async () => {
    const forged = Buffer.from(JSON.stringify(['epoch', 'x'])).toString('base64url');
    const bad = await t
      .http()
      .get(`/api/comments/${rootId}/replies`)
      .query({ cursor: forged })
      .set(bearer(judge));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, details: [{ field: 'cursor' }] });
    const unknown = await t
      .http()
      .get(`/api/comments/00000000-0000-4000-8000-000000000000/replies`)
      .set(bearer(judge));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, details: [] });
  });

  const signIn = (user: TestUser, english = false): Promise<UiPage> =>
    signInAs(browser, baseUrl, { email: user.email, password: PASSWORD }, { english });

  for (const [language, user, more, shown] of [
    ['Lao', () => judge, 'ສະແດງຄຳຕອບເພີ່ມເຕີມ', 'ສະແດງຄຳຕອບອີກ 100 ຂໍ້ແລ້ວ'],
    ['English', () => other, 'Show more replies', '100 more replies shown'],
  ] as const) {
    it(`shows a long thread's replies a page at a time as the reader asks (${language})`, async () => {
      const ui = await signIn(user(), language === 'English');
      const { page } = ui;
      await page.goto(`/#${threadPath()}`);
      await waitForRoute(page, threadPath());
      const replies = page.locator('#thread .replies > article.comment');
      const reply = (n: number) =>
        page.locator('#thread .replies .comment-body').getByText(`Reply ${n}`, { exact: true });
      await reply(100).waitFor();
      await expect(replies.count()).resolves.toBe(100);
      await expect(reply(101).count()).resolves.toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      const button = page.getByRole('button', { name: more });
      await button.click();
      await page.locator('#live', { hasText: shown }).waitFor();
      await expect(replies.count()).resolves.toBe(200);
      await button.click();
      await reply(REPLIES).waitFor();
      await expect(replies.count()).resolves.toBe(REPLIES);
      // The whole thread is shown: the button is gone, and the replies are in their order.
      await expect(button.count()).resolves.toBe(0);
      const order = await replies.locator('.comment-body').allInnerTexts();
      expect(order).toEqual(Array.from({ length: REPLIES }, (_, i) => `Reply ${i + 1}`));
      expect(ui.errors).toEqual([]);
      expect(ui.httpErrors).toEqual([]);
      await ui.context.close();
    });
  }
});
