import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Committee, Role } from '../../src/court/roles';
import {
  launchBrowser,
  openPage,
  seriousA11yViolations,
  waitForRoute,
  type UiPage,
} from '../support/browser';
import { ADMIN_PASSWORD, PASSWORD, startTestApp, TestApp, TestUser } from '../support/test-app';

const DAY = 86_400_000;
const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * The data this test writes, in the form the screens show it. Whatever of it is Latin script is
 * allowed on a Lao screen: it is the record's own words, not the interface's.
 */
const DATA = {
  code: 'LAO-SWEEP',
  codeB: 'LAO-REVIEW',
  titleLo: 'ຂໍ້ແນະນຳສຳລັບສານທີ່ເປັນມິດກັບຜູ້ເຄາະຮ້າຍ',
  titleEn: 'Victim-sensitive courts',
  titleBLo: 'ຂໍ້ແນະນຳການທົບທວນລະຫວ່າງອົງການ',
  titleBEn: 'Interagency review guideline',
  sections: [
    {
      key: 'hearing',
      heading: 'ມາດຕາ 1: ການຮັບຟັງ',
      body: 'ຜູ້ເຄາະຮ້າຍທີ່ເປັນເດັກຕ້ອງໄດ້ຮັບການຮັບຟັງໃນຫ້ອງແຍກຕ່າງຫາກ.',
    },
    {
      key: 'privacy',
      heading: 'ມາດຕາ 2: ຄວາມເປັນສ່ວນຕົວ',
      body: 'ຂໍ້ມູນສ່ວນຕົວຂອງຜູ້ເຄາະຮ້າຍຕ້ອງຖືກປົກປ້ອງ.',
    },
  ],
  changedBody: 'ຜູ້ເຄາະຮ້າຍທີ່ເປັນເດັກຕ້ອງໄດ້ຮັບການຮັບຟັງໃນຫ້ອງແຍກ ພ້ອມກັບຜູ້ປົກຄອງ.',
  comment: 'ຄວນເພີ່ມວ່າຜູ້ປົກຄອງສາມາດເຂົ້າຮ່ວມໄດ້.',
  reply: 'ເຫັນດີ, ຈະເພີ່ມໃນສະບັບຕໍ່ໄປ.',
  response: 'ຮັບເອົາ: ໄດ້ເພີ່ມໃນສະບັບທີ 2.',
  eventTitle: 'ກອງປະຊຸມປຶກສາຫາລືທີ່ນະຄອນຫຼວງ',
  location: 'ນະຄອນຫຼວງວຽງຈັນ',
};

/** Latin script a Lao screen may show: codes, names of formats and products, the language switch. */
const ALLOWED = [
  /\S+@\S+/g, // e-mail addresses
  /https?:\/\/\S+/g,
  /\b[0-9a-f]{8}-[0-9a-f-]{27}\b/gi, // ids
  /\b[A-Z][A-Z0-9_.-]{1,}\b/g, // codes: LAO-SWEEP, MOJ, TWG, DOCX, PDF
  /\bEnglish\b/g, // the language switch names its language in that language
  /\b(Chrome|Firefox|Safari|Edge|Chromium) on (Linux|Windows|macOS|Android|iOS)\b/g, // devices
  /\b(Word|Markdown|Noto Sans Lao|Phetsarath OT|Times New Roman)\b/g,
];

/** Two or more English words in a row: a sentence of the interface or of the server. */
const ENGLISH_RUN = /[A-Za-z]*[a-z][A-Za-z'’]*(?:[ \t,:;-]+[A-Za-z]*[a-z][A-Za-z'’]*)+/g;
/** A dictionary key shown instead of its words: `error.title`, `stage.CONSULTATION`. */
const RAW_KEY = /\b[a-z]+(?:\.[a-zA-Z]+)+\b/g;

interface Screen {
  role: string;
  path: string;
}

/** Every text the page shows or says: the visible text and the accessible names and hints. */
async function screenTexts(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt],option,[aria-description]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
      if (el.tagName === 'OPTION') out.push(el.textContent || '');
    }
    return out;
  })()`)) as string[];
}

function englishIn(texts: string[], data: string[]): string[] {
  const found = new Set<string>();
  for (let text of texts) {
    for (const d of data) text = text.split(d).join(' ');
    for (const pattern of ALLOWED) text = text.replace(pattern, ' ');
    for (const m of text.match(ENGLISH_RUN) ?? []) found.add(m.trim());
    for (const m of text.match(RAW_KEY) ?? []) found.add(`key ${m}`);
  }
  return [...found];
}

describe('every screen in Lao, with the error states it can reach (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let secretariat: TestUser;
  let judge: TestUser;
  let reviewer: TestUser;
  let observer: TestUser;
  let guidelineId: string;
  let reviewGuidelineId: string;
  let reviewId: string;
  let commentId: string;
  let mojId: string;
  let names: string[];
  const pages: UiPage[] = [];
  const as = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
  const visited: Screen[] = [];
  const findings: string[] = [];

  const call = async (
    method: 'post' | 'put' | 'patch',
    path: string,
    user: TestUser,
    body: object,
    status: number,
  ) => {
    const res = await t.http()[method](path).set(as(user)).send(body);
    if (res.status !== status)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const move = (id: string, body: object) =>
    call('post', `/api/guidelines/${id}/transitions`, secretariat, body, 200);

  beforeAll(async () => {
    t = await startTestApp('ui_lao_sweep');
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();

    names = ['ທ່ານ ສົມສະໜຸກ', 'ທ່ານ ບຸນມີ', 'ທ່ານ ແສງເດືອນ', 'ທ່ານ ຄຳໝັ້ນ', 'ທ່ານ ຜູ້ບໍລິຫານ', 'ທ່ານ ວັນນາ'];
    secretariat = await t.user(Role.SECRETARIAT, { locale: 'lo', name: names[0] });
    judge = await t.user(Role.JUDGE, {
      locale: 'lo',
      name: names[1],
      committees: [Committee.TWG],
    });
    reviewer = await t.user(Role.AGENCY_REVIEWER, {
      locale: 'lo',
      name: names[2],
      agencyCode: 'MOJ',
    });
    observer = await t.user(Role.OBSERVER, { locale: 'lo', name: names[3] });
    await call('patch', `/api/users/${t.admin.id}`, t.admin, { locale: 'lo', name: names[4] }, 200);

    // A guideline in consultation with two versions, a comment, a reply and a decision.
    guidelineId = (
      await call(
        'post',
        '/api/guidelines',
        secretariat,
        { code: DATA.code, title: { lo: DATA.titleLo, en: DATA.titleEn } },
        201,
      )
    ).id;
    const versions = `/api/guidelines/${guidelineId}/versions`;
    await call(
      'post',
      versions,
      secretariat,
      { changeSummary: 'ຮ່າງທຳອິດ', sections: DATA.sections },
      201,
    );
    const v2 = [{ ...DATA.sections[0], body: DATA.changedBody }, DATA.sections[1]];
    await call('post', versions, secretariat, { changeSummary: 'ຮ່າງທີສອງ', sections: v2 }, 201);
    await move(guidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    commentId = (
      await call(
        'post',
        `${versions}/2/comments`,
        judge,
        { sectionKey: 'hearing', body: DATA.comment },
        201,
      )
    ).id;
    const secondJudge = await t.user(Role.JUDGE, { locale: 'lo', name: names[5] });
    await call(
      'post',
      `${versions}/2/comments`,
      secondJudge,
      { sectionKey: 'hearing', body: DATA.reply, parentId: commentId },
      201,
    );
    await call(
      'put',
      `/api/comments/${commentId}/disposition`,
      secretariat,
      { status: 'ACCEPTED', response: DATA.response, expectedStatus: null },
      200,
    );
    await call(
      'post',
      '/api/events',
      secretariat,
      {
        guidelineId,
        title: DATA.eventTitle,
        date: new Date(Date.now() - DAY).toISOString().slice(0, 10),
        location: DATA.location,
        participants: { female: 12, male: 10, other: 1 },
      },
      201,
    );

    // A second guideline in interagency review, so the agency reviewer has a request.
    reviewGuidelineId = (
      await call(
        'post',
        '/api/guidelines',
        secretariat,
        { code: DATA.codeB, title: { lo: DATA.titleBLo, en: DATA.titleBEn } },
        201,
      )
    ).id;
    await call(
      'post',
      `/api/guidelines/${reviewGuidelineId}/versions`,
      secretariat,
      { changeSummary: 'ຮ່າງທຳອິດ', sections: DATA.sections },
      201,
    );
    await move(reviewGuidelineId, {
      to: 'CONSULTATION',
      consultationClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    // Time passing: the consultation has closed.
    await t.sql((c) =>
      c.query(
        `UPDATE guidelines SET consultation_closes_at = now() - interval '1 minute' WHERE id = $1`,
        [reviewGuidelineId],
      ),
    );
    await move(reviewGuidelineId, { to: 'TECHNICAL_WORKING_GROUP' });
    await move(reviewGuidelineId, { to: 'COUNCIL_OF_JUDGES' });
    const review = await move(reviewGuidelineId, {
      to: 'INTERAGENCY_REVIEW',
      agencies: ['MOJ'],
      reviewDueAt: new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10),
    });
    reviewId = review.reviewRequestIds[0];
    const agencies = await t.http().get('/api/agencies').set(as(t.admin));
    mojId = (agencies.body.items ?? agencies.body).find(
      (a: { code: string }) => a.code === 'MOJ',
    ).id;
  });

  afterAll(async () => {
    for (const ui of pages) await ui.context.close();
    await browser?.close();
    await t?.close();
  });

  const data = () => [
    ...names,
    DATA.code,
    DATA.codeB,
    DATA.titleEn,
    DATA.titleBEn,
    'Ministry of Justice',
    "Office of the Supreme People's Prosecutor",
    'Ministry of Foreign Affairs',
  ];

  async function signIn(user: TestUser): Promise<UiPage> {
    const ui = await openPage(browser, baseUrl);
    pages.push(ui);
    await ui.page.goto('/');
    await waitForRoute(ui.page, '/login');
    await ui.page.locator('input[type=email]').fill(user.email);
    await ui.page
      .locator('input[type=password]')
      .fill(user.id === t.admin.id ? ADMIN_PASSWORD : PASSWORD);
    await ui.page.locator('form button[type=submit]').click();
    try {
      await waitForRoute(ui.page, '/');
    } catch (error) {
      const at = await ui.page.evaluate('location.hash');
      throw new Error(`sign-in of ${user.email} stayed at ${at}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return ui;
  }

  /** Goes to a screen and records every English sentence on it. */
  async function sweep(ui: UiPage, role: string, path: string, wait = path): Promise<void> {
    await ui.page.evaluate(`location.hash = ${JSON.stringify(path)}`);
    try {
      await waitForRoute(ui.page, wait);
    } catch (error) {
      throw new Error(`${role} ${path}: ${(error as Error).message}`, { cause: error });
    }
    await check(ui, role, path);
  }

  async function check(ui: UiPage, role: string, path: string): Promise<void> {
    visited.push({ role, path });
    expect(await ui.page.evaluate('document.documentElement.lang')).toBe('lo');
    for (const english of englishIn(await screenTexts(ui.page), data())) {
      findings.push(`${role} ${path}: ${english}`);
    }
  }

  it('shows every screen of every role in Lao', async () => {
    const g = `/g/${guidelineId}`;
    const screens: Record<string, [TestUser, string[]]> = {
      secretariat: [
        secretariat,
        [
          '/',
          '/new',
          g,
          `${g}/v/2`,
          `${g}/v/2/s/hearing`,
          `${g}/v/1`,
          `${g}/diff/1/2`,
          `${g}/v/2/redline/1`,
          `${g}/draft`,
          `${g}/publish`,
          `${g}/matrix`,
          `${g}/move`,
          `${g}/event`,
          `${g}/search?q=${encodeURIComponent('ຜູ້ປົກຄອງ')}`,
          `/c/${commentId}`,
          '/reports',
          '/reviews',
          `/reviews/${reviewId}`,
          `/g/${reviewGuidelineId}`,
          '/notifications',
          '/account/password',
          '/account/sessions',
          '/account/notifications',
        ],
      ],
      judge: [
        judge,
        ['/', g, `${g}/v/2`, `${g}/v/2/s/hearing`, `/c/${commentId}`, '/notifications'],
      ],
      reviewer: [
        reviewer,
        ['/', '/reviews', `/reviews/${reviewId}`, `/g/${reviewGuidelineId}`, '/notifications'],
      ],
      observer: [observer, ['/', g, `${g}/matrix`, '/reports', '/reviews', `/reviews/${reviewId}`]],
      admin: [
        t.admin,
        [
          '/',
          '/admin/users',
          '/admin/users/new',
          `/admin/users/${judge.id}`,
          '/admin/agencies',
          `/admin/agencies/${mojId}`,
          '/admin/failed-emails',
          `${g}/move`,
        ],
      ],
    };
    for (const [role, [user, paths]] of Object.entries(screens)) {
      const ui = await signIn(user);
      for (const path of paths) {
        // A comment's link opens its thread on the version page.
        const wait = path.startsWith('/c/') ? `${g}/v/*` : path.split('?')[0];
        await sweep(ui, role, path, wait);
      }
      expect(ui.errors).toEqual([]);
      expect(await seriousA11yViolations(ui.page)).toEqual([]);
    }
    expect(findings).toEqual([]);
  });

  it('shows section headings, not section keys', async () => {
    const ui = await signIn(judge);
    await sweep(ui, 'judge', `/g/${guidelineId}/v/2`);
    const headings = (await ui.page.evaluate(
      `[...document.querySelectorAll('#main h2, #main h3')].map((h) => h.textContent)`,
    )) as string[];
    expect(headings.join(' | ')).toContain(DATA.sections[0].heading);
    expect(headings.some((h) => /^(hearing|privacy)$/.test(h.trim()))).toBe(false);
  });

  it('words in Lao the error states a person can reach', async () => {
    // A refused sign-in (401).
    const anonymous = await openPage(browser, baseUrl);
    pages.push(anonymous);
    await anonymous.page.goto('/');
    await waitForRoute(anonymous.page, '/login');
    await anonymous.page.locator('input[type=email]').fill(judge.email);
    await anonymous.page.locator('input[type=password]').fill('not-the-password-at-all');
    await anonymous.page.locator('form button[type=submit]').click();
    await anonymous.page.getByRole('alert').waitFor();
    await expect(anonymous.page.locator('#login-message').innerText()).resolves.toContain(
      'ອີເມວ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ',
    );
    await check(anonymous, 'anonymous', '/login (refused)');
    // An answer link that does not work.
    await sweep(anonymous, 'anonymous', '/answer/not-a-token-of-this-court', '/answer/*');
    await anonymous.page.getByRole('alert').first().waitFor();
    await check(anonymous, 'anonymous', '/answer (gone)');
    // The forgotten password pages.
    await sweep(anonymous, 'anonymous', '/forgot');
    await sweep(anonymous, 'anonymous', '/reset?token=x', '/reset');

    const ui = await signIn(secretariat);
    // A guideline that does not exist (404 from the server).
    await sweep(ui, 'secretariat', `/g/${MISSING}`);
    await ui.page.getByRole('alert').waitFor();
    // The screen's words and the server's, both Lao.
    await expect(ui.page.getByRole('alert').innerText()).resolves.toContain('ບໍ່ພົບຂໍ້ແນະນຳ');
    await check(ui, 'secretariat', '/g/<missing> (404)');

    // A validation error from the server: a code the rules refuse.
    await sweep(ui, 'secretariat', '/new');
    const form = ui.page.locator('#main form');
    await form.locator('input[name=code]').fill('not a code!');
    await form.locator('input[name=titleLo]').fill('ຂໍ້ແນະນຳໃໝ່');
    // The English title is the record's words (allowed as data).
    await form.locator('input[name=titleEn]').fill(DATA.titleEn);
    await form.locator('button[type=submit]').click();
    await ui.page.getByRole('alert').waitFor();
    await expect(ui.page.getByRole('alert').innerText()).resolves.toContain('ລະຫັດຕ້ອງມີ 1-40 ຕົວ');
    await check(ui, 'secretariat', '/new (400)');

    // A refused move: the consultation is still open (422 with the unmet gate).
    await sweep(ui, 'secretariat', `/g/${guidelineId}/move`);
    await expect(
      ui.page.locator('li[data-gate=CONSULTATION_STILL_OPEN]').first().innerText(),
    ).resolves.toContain('ການປຶກສາຫາລືຍັງເປີດຢູ່ຈົນຮອດ');

    // An expired session: the person is signed out everywhere meanwhile.
    await call('post', `/api/users/${secretariat.id}/sessions/end`, t.admin, {}, 200);
    await ui.page.evaluate(`location.hash = '/notifications'`);
    await waitForRoute(ui.page, '/login');
    await check(ui, 'secretariat', '/login (session ended)');
    expect(await ui.page.locator('#main').innerText()).toContain('ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ');

    expect(findings).toEqual([]);
    expect(visited.length).toBeGreaterThan(40);
  });
});
