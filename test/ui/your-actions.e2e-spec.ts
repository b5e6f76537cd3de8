import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Committee, Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The screens offer what the server says the caller may do, and nothing from a copy of a rule: a
 * judge of the working group replies in a thread of an older version (the server takes it), a judge
 * outside it is offered no form; the secretariat's home counts open comments from the guidelines'
 * answers without downloading any matrix; times read in the court's zone from /api/me.
 */
describe('the server says what the caller may do (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let twgJudge: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  let commentId: string;
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
  // Not the zone the browser runs in (Asia/Vientiane): times must follow the server's setting.
  const ZONE = 'America/New_York';

  beforeAll(async () => {
    t = await startTestApp('ui_your_actions', { APP_TIMEZONE: ZONE });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida' });
    twgJudge = await t.user(Role.JUDGE, {
      locale: 'en',
      name: 'Judge Somsack',
      committees: [Committee.TWG],
    });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ບຸນມີ' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-YA',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    const sections = (body: string) => [{ key: 'privacy', heading: 'Privacy', body }];
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({ changeSummary: 'v1', sections: sections('Names of victims are not published.') });
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const c = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(twgJudge))
      .send({ sectionKey: 'privacy', body: 'Addresses too.' });
    commentId = c.body.id;
    await t.sql((q) =>
      q.query(`UPDATE comments SET created_at = '2026-03-01T03:30:00Z' WHERE id = $1`, [commentId]),
    );
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
      .send({ changeSummary: 'v2', sections: sections('Names and addresses are not published.') });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(user: TestUser): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.locator('input[type=email]').fill(user.email);
    await ui.page.locator('input[type=password]').fill(PASSWORD);
    await ui.page.locator('form button[type=submit]').click();
    await waitForRoute(ui.page, '/');
    return ui;
  }

  it('a working-group judge replies in a thread of the older version; times read in the court’s zone', async () => {
    const ui = await signIn(twgJudge);
    const { page } = ui;
    await page.goto(`/#/g/${guidelineId}/v/1/s/privacy`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/privacy`);
    // 03:30 UTC on 1 March is 22:30 on 28 February in New York.
    await expect(page.locator('#thread article time').first().textContent()).resolves.toBe(
      '28 Feb 2026, 22:30',
    );
    // No new comment on an older version, but the thread takes replies.
    await page.getByText('This is an older version: comment on the current one.').waitFor();
    await page.locator('#thread summary', { hasText: 'Reply' }).click();
    await page.getByLabel('Your reply').fill('Still needed in version 2.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('#thread .replies', { hasText: 'Still needed in version 2.' }).waitFor();
    await screenshot(page, 'reply-on-older-version');
    const stored = await t.http().get(`/api/comments/${commentId}`).set(bearer(twgJudge));
    expect(stored.body.replies.map((r: { body: string }) => r.body)).toEqual([
      'Still needed in version 2.',
    ]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('a judge outside the working group is offered no form, in Lao', async () => {
    const ui = await signIn(judge);
    const { page } = ui;
    await page.getByText('ບໍ່ມີຮ່າງທີ່ເປີດໃຫ້ທ່ານໃຫ້ຄຳເຫັນໃນຕອນນີ້.').waitFor();
    await page.goto(`/#/g/${guidelineId}/v/2/s/privacy`);
    await waitForRoute(page, `/g/${guidelineId}/v/2/s/privacy`);
    await page.getByText('ທ່ານບໍ່ສາມາດໃຫ້ຄຳເຫັນໃນຂັ້ນຕອນນີ້.').waitFor();
    expect(await page.locator('#thread form').count()).toBe(0);
    await page.goto(`/#/g/${guidelineId}/v/1/s/privacy`);
    await waitForRoute(page, `/g/${guidelineId}/v/1/s/privacy`);
    expect(await page.locator('#thread form, #thread summary').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('the secretariat’s home counts open comments from the guidelines, downloading no matrix', async () => {
    const ui = await openPage(browser, baseUrl);
    const asked: string[] = [];
    ui.page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.locator('input[type=email]').fill(secretariat.email);
    await ui.page.locator('input[type=password]').fill(PASSWORD);
    await ui.page.locator('form button[type=submit]').click();
    await waitForRoute(ui.page, '/');
    const open = ui.page.locator('section', { hasText: 'Comments without a disposition' });
    await expect(open.textContent()).resolves.toContain('Victim-sensitive courts — 1 comments');
    // The guideline page offers what the secretariat may do in the working group's stage.
    await ui.page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(ui.page, `/g/${guidelineId}`);
    for (const name of ['Publish a new version', 'Move the stage', 'Record a consultation event']) {
      await ui.page.getByRole('link', { name }).waitFor();
    }
    expect(asked.filter((path) => path.includes('comment-matrix'))).toEqual([]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
