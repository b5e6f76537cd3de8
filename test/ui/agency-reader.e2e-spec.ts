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
import { auth, localDay, move } from '../support/review-road';
import { PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

const DAY = 86_400_000;
const OTHER_AGENCY = /(?<![A-Za-z0-9_])MOJ(?![A-Za-z0-9_])|Ministry of Justice|ກະຊວງຍຸຕິທຳ/;

/**
 * An agency reviewer's guideline page shows what its agency was asked about and nothing else: the
 * one version it reviewed (no comparison with a version it may not read), the stage history
 * without the court's reasons, no move list; the screens ask the server for nothing it refuses.
 */
describe('an agency reviewer reads its own part of the record (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let mojReviewer: TestUser;
  const mps: Record<'lo' | 'en', TestUser> = {} as Record<'lo' | 'en', TestUser>;
  let guidelineId: string;

  const publish = async (n: number) => {
    const res = await t
      .http()
      .post(`/api/guidelines/${guidelineId}/versions`)
      .set(auth(secretariat))
      .send({
        changeSummary: `Version ${n}`,
        sections: [{ key: 'privacy', heading: 'Privacy', body: `Names are not published (${n}).` }],
      });
    expect(res.status).toBe(201);
  };
  const answer = async (who: TestUser, decision: string, comments: string) => {
    const listed = await t.http().get('/api/reviews?status=PENDING').set(auth(who));
    const res = await t
      .http()
      .post(`/api/reviews/${listed.body.items[0].id}/response`)
      .set(auth(who))
      .send({ decision, comments, signatory: { name: 'Signatory', title: 'Director' } });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp('ui_agency_reader');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    secretariat = await t.user(Role.SECRETARIAT);
    mojReviewer = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MOJ', locale: 'en' });
    mps.lo = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MPS', locale: 'lo' });
    mps.en = await t.user(Role.AGENCY_REVIEWER, { agencyCode: 'MPS', locale: 'en' });
    const g = await t
      .http()
      .post('/api/guidelines')
      .set(auth(secretariat))
      .send({ code: 'VSC-AR', title: { en: 'Victim-sensitive courts', lo: 'ສານທີ່ເປັນມິດ' } });
    guidelineId = g.body.id;
    await publish(1);
    await move(t, secretariat, guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    await t.sql((q) =>
      q.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [guidelineId],
      ),
    );
    await move(t, secretariat, guidelineId, { to: 'TECHNICAL_WORKING_GROUP' });
    await publish(2);
    await move(t, secretariat, guidelineId, { to: 'COUNCIL_OF_JUDGES' });
    await move(t, secretariat, guidelineId, {
      to: 'INTERAGENCY_REVIEW',
      reviewDueAt: localDay(14),
      agencies: ['MOJ', 'MPS'],
    });
    await answer(mojReviewer, 'OBJECT', 'MOJ objects to the privacy section');
    await answer(mps.en, 'APPROVE', '');
    await move(t, secretariat, guidelineId, {
      to: 'TECHNICAL_WORKING_GROUP',
      reason: 'Objected to by MOJ: the privacy section is revised',
    });
    await publish(3);
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

  const words = {
    en: {
      version2: 'Version 2',
      history: 'Stage history',
      compare: 'Compare with the previous version',
      move: 'Move the stage',
      reason: 'Reason:',
    },
    lo: {
      version2: 'ສະບັບທີ 2',
      history: 'ປະຫວັດຂັ້ນຕອນ',
      compare: 'ປຽບທຽບກັບສະບັບກ່ອນ',
      move: 'ປ່ຽນຂັ້ນຕອນ',
      reason: 'ເຫດຜົນ:',
    },
  };

  for (const locale of ['lo', 'en'] as const) {
    it(`shows the version it reviewed and the history without the court's reasons (${locale})`, async () => {
      const ui = await signIn(mps[locale]);
      const { page } = ui;
      const w = words[locale];
      await page.goto(`/#/g/${guidelineId}`);
      await waitForRoute(page, `/g/${guidelineId}`);
      await page.getByRole('heading', { name: w.history }).waitFor();
      await page.getByRole('link', { name: w.version2, exact: true }).waitFor();
      // Versions 1 and 3 are not its agency's to read: not listed, not compared with.
      for (const n of [1, 3]) {
        const name = locale === 'en' ? `Version ${n}` : `ສະບັບທີ ${n}`;
        expect(await page.getByRole('link', { name, exact: true }).count()).toBe(0);
      }
      expect(await page.getByRole('link', { name: w.compare }).count()).toBe(0);
      expect(await page.getByRole('link', { name: w.move }).count()).toBe(0);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain(w.reason);
      expect(text).not.toMatch(OTHER_AGENCY);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `agency-reader-guideline-${locale}`);

      // Its version opens; the page asks nothing the server refuses.
      await page.getByRole('link', { name: w.version2, exact: true }).click();
      await waitForRoute(page, `/g/${guidelineId}/v/2`);
      await page.getByRole('heading', { name: 'Privacy' }).first().waitFor();
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(OTHER_AGENCY);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
      expect(ui.httpErrors).toEqual([]);
    });
  }

  it('the court still compares every version on the same page', async () => {
    const ui = await signIn(secretariat);
    await ui.page.goto(`/#/g/${guidelineId}`);
    await waitForRoute(ui.page, `/g/${guidelineId}`);
    await ui.page.getByRole('link', { name: 'Version 1', exact: true }).waitFor();
    expect(
      await ui.page.getByRole('link', { name: 'Compare with the previous version' }).count(),
    ).toBe(2);
    await ui.page.getByText('Objected to by MOJ').waitFor();
    expect(ui.errors).toEqual([]);
    expect(ui.httpErrors).toEqual([]);
  });
});
