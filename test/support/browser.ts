import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no downloaded browser). `.ci/install-chromium.sh`
 * installs it when missing. One browser per test file; one context per person.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const ARTIFACTS = join(__dirname, '..', 'artifacts');
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 375, height: 740 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** An API answer of 400 or more that the page received (and, the test checks, expected). */
export interface HttpError {
  status: number;
  method: string;
  path: string;
}

/**
 * A signed-out browser tab. `errors` gets every console error and uncaught page error, except
 * Chromium's own "Failed to load resource: … status of N" line for an HTTP error answer: those
 * answers are listed in `httpErrors` instead, so a test states exactly which refusals it caused.
 */
export interface UiPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  httpErrors: HttpError[];
}

const HTTP_ERROR_LOG = /^Failed to load resource: the server responded with a status of \d{3}/;

export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = LAPTOP,
): Promise<UiPage> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'lo-LA',
    timezoneId: 'Asia/Vientiane',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const httpErrors: HttpError[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    if (HTTP_ERROR_LOG.test(message.text())) return;
    errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const url = new URL(response.url());
    httpErrors.push({
      status: response.status(),
      method: response.request().method(),
      path: url.pathname,
    });
  });
  return { context, page, errors, httpErrors };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays as
 * it is) and returns the serious and critical violations, readable in a failed expectation.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Evaluates a browser expression (a string: tests are compiled without the DOM library). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export async function screenshot(page: Page, name: string, folder = ARTIFACTS): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage: folder !== SCREENSHOTS });
  return path;
}

/** The little of the page's globals the wait below reads (tests compile without the DOM library). */
interface RouterGlobals {
  location: { hash: string };
  document: {
    documentElement: { dataset: Record<string, string | undefined> };
    getElementById(
      id: string,
    ): { hasAttribute(name: string): boolean; dataset: Record<string, string | undefined> } | null;
  };
}

/**
 * Waits until the router has rendered this hash path (query ignored; a trailing `*` matches any
 * path starting so) and the page is idle. A function, not a string: the CSP forbids page eval.
 */
export async function waitForRoute(page: Page, path: string): Promise<void> {
  const prefix = path.endsWith('*');
  const want = prefix ? path.slice(0, -1) : path;
  await page.waitForFunction(
    ({ want, prefix }) => {
      const { location, document } = globalThis as unknown as RouterGlobals;
      const main = document.getElementById('main');
      // Both the address and what the page last rendered (hashchange arrives a moment later).
      const inHash = (location.hash.slice(1) || '/').split('?')[0];
      const rendered = main?.dataset.path ?? '';
      const on = (path: string) => (prefix ? path.startsWith(want) : path === want);
      return (
        on(inHash) &&
        on(rendered) &&
        document.documentElement.dataset.ready === 'true' &&
        !main?.hasAttribute('aria-busy')
      );
    },
    { want, prefix },
  );
}

/** Waits until a browser expression holds (a function of no DOM types, for the CSP). */
export async function waitForLang(page: Page, lang: string): Promise<void> {
  await page.waitForFunction(
    (lang) =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
        .documentElement.lang === lang,
    lang,
  );
}

/**
 * Signs in on an open page through the login screen, in English when asked (the screen starts in
 * Lao), finding the fields and the button by their names in that language, and waits for the
 * home screen.
 */
export async function signInOn(
  ui: UiPage,
  user: { email: string; password: string },
  { english = false }: { english?: boolean } = {},
): Promise<void> {
  const { page } = ui;
  await page.goto('/');
  await waitForRoute(page, '/login');
  if (english) {
    await page.getByRole('button', { name: 'English' }).click();
    await waitForLang(page, 'en');
  }
  await page.getByLabel(english ? 'E-mail' : 'ອີເມວ').fill(user.email);
  await page.getByLabel(english ? 'Password' : 'ລະຫັດຜ່ານ', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: english ? 'Sign in' : 'ເຂົ້າສູ່ລະບົບ' }).click();
  await waitForRoute(page, '/');
}

/** Opens a page and signs in on it ({@link signInOn}). */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  user: { email: string; password: string },
  { english = false, viewport = LAPTOP }: { english?: boolean; viewport?: typeof LAPTOP } = {},
): Promise<UiPage> {
  const ui = await openPage(browser, baseUrl, viewport);
  await signInOn(ui, user, { english });
  return ui;
}
