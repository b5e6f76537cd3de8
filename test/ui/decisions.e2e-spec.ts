import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousA11yViolations,
  UiPage,
  waitForRoute,
} from '../support/browser';
import { eventually } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Decisions on comments are never overwritten unseen, in the browser: the matrix shows the saved
 * decision after a reload; changing it is a deliberate act with the previous one shown, and the
 * judge is told once per change; a decision changed in another tab meanwhile is refused (409) and
 * shown before anything else is saved.
 */
describe('comment matrix: saved decisions and deliberate changes (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let secretariatLo: TestUser;
  let judge: TestUser;
  let guidelineId: string;
  let commentId: string;
  const pages: UiPage[] = [];
  const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp('ui_decisions', { OUTBOX_POLL_MS: '100' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'en', name: 'Vanida (Secretariat)' });
    secretariatLo = await t.user(Role.SECRETARIAT, { locale: 'lo', name: 'ທ່ານ ວັນນະ' });
    judge = await t.user(Role.JUDGE, { locale: 'lo', name: 'ທ່ານ ສົມສັກ' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(bearer(secretariat))
      .send({
        code: 'VSC-DEC',
        title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      });
    guidelineId = g.body.id;
    await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(bearer(secretariat))
      .send({
        changeSummary: 'ຮ່າງທຳອິດ',
        sections: [{ key: 'privacy', heading: 'ຄວາມເປັນສ່ວນຕົວ', body: 'ສານປົກປ້ອງຊື່ຂອງຜູ້ເຄາະຮ້າຍ.' }],
      });
    const closes = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const moved = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/transitions`)
      .set(bearer(secretariat))
      .send({ to: 'CONSULTATION', consultationClosesAt: closes });
    expect(moved.status).toBe(200);
    const c = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions/1/comments`)
      .set(bearer(judge))
      .send({ sectionKey: 'privacy', body: 'ຄວນປົກປ້ອງທີ່ຢູ່ນຳ.' });
    expect(c.status).toBe(201);
    commentId = c.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(user: TestUser): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    pages.push(ui);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.locator('input[type=email]').fill(user.email);
    await ui.page.locator('input[type=password]').fill(PASSWORD);
    await ui.page.locator('form button[type=submit]').click();
    await waitForRoute(ui.page, '/');
    return ui;
  }

  async function openMatrix(ui: UiPage) {
    await ui.page.goto(`/#/g/${guidelineId}/matrix`);
    await waitForRoute(ui.page, `/g/${guidelineId}/matrix`);
  }

  const toldJudge = () =>
    t.sql(async (q) =>
      (
        await q.query(
          `SELECT data->>'status' AS status FROM notifications
              WHERE user_id = $1 AND kind = 'DISPOSITION_GIVEN' AND data->>'commentId' = $2
              ORDER BY created_at, id`,
          [judge.id, commentId],
        )
      ).rows.map((r: { status: string }) => r.status),
    );
  const announced = () =>
    t.sql(
      async (q) =>
        (
          await q.query(
            `SELECT count(*)::int AS n FROM outbox
              WHERE job_name = 'comment.disposition-given' AND payload->>'commentId' = $1`,
            [commentId],
          )
        ).rows[0].n as number,
    );

  it('shows the saved decision after a reload; changing it is deliberate, shows the previous one, and tells the judge once', async () => {
    const ui = await signIn(secretariat);
    const { page } = ui;
    await openMatrix(ui);
    const row = page.locator('#matrix-row-0');
    await row.getByLabel(/^Decision/).selectOption('ACCEPTED');
    await row.getByLabel(/^Response/).fill('The address is protected in section 1.');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('1 comments, 0 without a disposition.').waitFor();

    await page.reload();
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    await expect(row.locator('.saved-status').textContent()).resolves.toBe('Accepted');
    await expect(row.locator('.saved-response').textContent()).resolves.toBe(
      'The address is protected in section 1.',
    );
    // No form is offered until the change is asked for.
    expect(await row.getByLabel(/^New decision/).isVisible()).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const change = row.getByRole('button', { name: /^Change decision/ });
    expect(await change.getAttribute('aria-expanded')).toBe('false');
    await change.click();
    expect(await change.getAttribute('aria-expanded')).toBe('true');
    await expect(row.locator('.previous-decision').textContent()).resolves.toBe(
      'Decision until now: Accepted — The address is protected in section 1.',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'matrix-change-decision');
    // "Keep the decision" closes the form and changes nothing.
    await row.getByRole('button', { name: 'Keep the decision' }).click();
    expect(await row.getByLabel(/^New decision/).isVisible()).toBe(false);

    await change.click();
    await row.getByLabel(/^New decision/).selectOption('PARTIALLY_ACCEPTED');
    await row.getByLabel(/^Response/).fill('The address is protected; the workplace is not.');
    await row.getByRole('button', { name: 'Save the new decision' }).click();
    await row.locator('.saved-status', { hasText: 'Partially accepted' }).waitFor();
    await page.reload();
    await waitForRoute(page, `/g/${guidelineId}/matrix`);
    await expect(row.locator('.saved-status').textContent()).resolves.toBe('Partially accepted');

    // Saving the same decision again records nothing and tells nobody.
    await row.getByRole('button', { name: /^Change decision/ }).click();
    await row.getByRole('button', { name: 'Save the new decision' }).click();
    await row.getByRole('button', { name: /^Change decision/ }).waitFor();
    await expect(row.locator('.saved-status').textContent()).resolves.toBe('Partially accepted');

    // Two decisions, two announcements; the judge gets each once, and nothing more is queued.
    expect(await announced()).toBe(2);
    await expect(
      eventually(async () => {
        const told = await toldJudge();
        return told.length === 2 ? told : undefined;
      }, 'the judge told of both decisions'),
    ).resolves.toEqual(['ACCEPTED', 'PARTIALLY_ACCEPTED']);
    const history = await t.http().get(`/api/comments/${commentId}`).set(bearer(secretariat));
    expect(history.body.dispositions.map((d: { status: string }) => d.status)).toEqual([
      'ACCEPTED',
      'PARTIALLY_ACCEPTED',
    ]);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });

  it('refuses, in Lao, a change over a decision made in another tab meanwhile, and shows that decision', async () => {
    const ui = await signIn(secretariatLo);
    const { page } = ui;
    await openMatrix(ui);
    const row = page.locator('#matrix-row-0');
    await row.getByRole('button', { name: /^ປ່ຽນການພິຈາລະນາ/ }).click();
    await expect(row.locator('.previous-decision').textContent()).resolves.toContain('ຮັບເອົາບາງສ່ວນ');

    // Meanwhile, someone else changes it.
    const other = await t
      .http()
      .put(`/api/comments/${commentId}/disposition`)
      .set(bearer(secretariat))
      .send({ status: 'NOTED', expectedStatus: 'PARTIALLY_ACCEPTED' });
    expect(other.status).toBe(200);

    await row.getByLabel(/^ຜົນການພິຈາລະນາໃໝ່/).selectOption('REJECTED');
    await row.getByLabel(/^ຄຳຕອບ/).fill('ບໍ່ຮັບເອົາ');
    await row.getByRole('button', { name: 'ບັນທຶກການພິຈາລະນາໃໝ່' }).click();
    const refusal = row.getByRole('alert');
    await refusal.filter({ hasText: 'ການຕັດສິນຕອນນີ້ແມ່ນ "ຮັບຊາບ"' }).waitFor();
    expect(await row.getByRole('button', { name: 'ບັນທຶກການພິຈາລະນາໃໝ່' }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'matrix-decision-changed-meanwhile');
    await row.getByRole('button', { name: 'ສະແດງການພິຈາລະນາປັດຈຸບັນ' }).click();
    await row.locator('.saved-status', { hasText: 'ຮັບຊາບ' }).waitFor();

    const stored = await t.http().get(`/api/comments/${commentId}`).set(bearer(secretariat));
    expect(stored.body.disposition.status).toBe('NOTED');
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([
      { status: 409, method: 'PUT', path: `/api/comments/${commentId}/disposition` },
    ]);
  });

  it('the judge marks every notice read at once, in Lao; the bell follows', async () => {
    const ui = await signIn(judge);
    const { page } = ui;
    await page.locator('#bell-count', { hasText: /^[1-9][0-9]*$/ }).waitFor();
    await page.locator('#bell').click();
    await waitForRoute(page, '/notifications');
    expect(await page.locator('#inbox li.unread').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ໝາຍທັງໝົດວ່າອ່ານແລ້ວ' }).click();
    await page.locator('#bell-count', { hasText: /^0$/ }).waitFor();
    // The bell is told first, then the inbox is drawn again: without an unread notice, the
    // button is gone once it has been.
    await page.getByRole('button', { name: 'ໝາຍທັງໝົດວ່າອ່ານແລ້ວ' }).waitFor({ state: 'detached' });
    expect(await page.locator('#inbox li.unread').count()).toBe(0);
    const inbox = await t.http().get('/api/notifications?unread=true').set(bearer(judge));
    expect(inbox.body.unreadCount).toBe(0);
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
