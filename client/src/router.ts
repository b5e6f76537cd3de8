// The hash router: which page the address names, rendering it into <main>, and moving between
// pages. Views import navigate() from here; the table of routes is given by main.ts at start,
// so this module never imports a view.
import { api, ApiError } from './api/client';
import { h, replace } from './dom';
import { t } from './i18n';
import { currentUser, signedIn, type Me } from './session';

export interface RenderOptions {
  /** A re-render after an action on the same page: focus stays where it is. */
  keepFocus?: boolean;
  /** The element to focus after rendering. */
  focusSelector?: string;
}

export interface ViewContext<U = Me> {
  params: Record<string, string>;
  query: Record<string, string>;
  user: U;
  rerender: (options?: RenderOptions) => Promise<void>;
}

/** What a view gives the router: the page's title and content, and where focus goes. */
export interface View {
  title: string;
  node: Node;
  focus?: string | null;
  /** The view replaced the address with another page: render that one instead. */
  redirect?: string;
}

export type Route =
  | { path: string; public?: false; view: (context: ViewContext) => Promise<View> }
  | { path: string; public: true; view: (context: ViewContext<Me | null>) => Promise<View> };

let routes: Route[] = [];
/** Where a person with a temporary password is sent (the one page the server lets them use). */
export const CHANGE_PASSWORD = '/account/password';
/** Where a person whose role needs a second factor is sent until it is set up. */
export const TWO_FACTOR = '/account/two-factor';
/** The pages the server keeps open before that (403 TOTP_ENROLMENT_REQUIRED elsewhere). */
const OPEN_BEFORE_TWO_FACTOR = [TWO_FACTOR, CHANGE_PASSWORD, '/account/sessions'];
const renderedListeners = new Set<(path: string) => void>();

/** Called after every page render (the header follows the page). */
export function onRendered(listener: (path: string) => void): void {
  renderedListeners.add(listener);
}

export function parseHash(): { path: string; query: Record<string, string> } {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(search)) };
}

export function matchRoute(
  table: Route[],
  path: string,
): { route: Route; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of table) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) void render({ keepFocus: false });
  else location.hash = path;
}

/** Sends to another page in place of this one (no history entry), keeping the focus rules. */
function redirect(path: string, options: RenderOptions): Promise<void> {
  history.replaceState(null, '', `#${path}`);
  return render(options);
}

function errorView(error: unknown): View {
  const status = error instanceof ApiError ? error.status : 0;
  const message =
    status === 404
      ? t('error.notFound')
      : status === 403
        ? t('error.forbidden')
        : t('error.generic');
  const detail = error instanceof Error && !/^HTTP \d+$/.test(error.message) ? error.message : '';
  return {
    title: t('error.title'),
    node: h(
      'section',
      { class: 'panel' },
      h('h1', { tabindex: '-1' }, t('error.title')),
      h('p', { class: 'alert', role: 'alert' }, message, detail ? ` (${detail})` : ''),
      h('p', {}, h('a', { href: '#/' }, t('nav.backHome'))),
    ),
  };
}

/** The page of a screen this person may not use (the server's answers said so). */
export function forbiddenView(): View {
  return errorView(new ApiError(403, { message: '' }));
}

/**
 * The server answered that this person must first change the password or set up two-step sign-in
 * (an administrator set it since the page was loaded): read /api/me again so that the router
 * sends them there. True when /api/me now says so (never a loop when it does not).
 */
async function blockedMeanwhile(error: ApiError): Promise<boolean> {
  if (error.code !== 'TOTP_ENROLMENT_REQUIRED' && error.code !== 'PASSWORD_CHANGE_REQUIRED') {
    return false;
  }
  try {
    const me = await api.get('/api/me');
    await signedIn(me);
    return me.mustChangePassword || me.totpEnrolmentRequired;
  } catch (refused) {
    // Signed out meanwhile (401: the session listener takes them to sign in) or unreachable.
    if (refused instanceof ApiError) return false;
    throw refused;
  }
}

let renderCount = 0;
/** Renders the route in the hash. */
export async function render(options: RenderOptions = {}): Promise<void> {
  const { keepFocus = false, focusSelector } = options;
  const ticket = ++renderCount;
  const { path, query } = parseHash();
  const found = matchRoute(routes, path);
  const main = document.getElementById('main')!;
  const user = currentUser();
  if (!found) return redirect('/', options);
  if (!found.route.public && !user) {
    return redirect(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`, options);
  }
  if (found.route.path === '/login' && user) return redirect('/', options);
  // A temporary password: the server opens nothing else until it is changed (403 elsewhere).
  if (user?.mustChangePassword && !found.route.public && found.route.path !== CHANGE_PASSWORD) {
    return redirect(CHANGE_PASSWORD, options);
  }
  // The role needs two-step sign-in and it is not set up: the server says so in /api/me.
  if (
    user?.totpEnrolmentRequired &&
    !found.route.public &&
    !OPEN_BEFORE_TWO_FACTOR.includes(found.route.path)
  ) {
    return redirect(TWO_FACTOR, options);
  }
  main.setAttribute('aria-busy', 'true');
  let view: View;
  try {
    const context = { params: found.params, query, rerender: render };
    view = found.route.public
      ? await found.route.view({ ...context, user })
      : await found.route.view({ ...context, user: user! });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    if (error instanceof ApiError && (await blockedMeanwhile(error))) return render(options);
    view = errorView(error);
  }
  if (ticket !== renderCount) return; // a newer navigation won
  if (view.redirect) return render(options);
  replace(main, view.node);
  main.dataset.path = path;
  main.removeAttribute('aria-busy');
  document.title = `${view.title} · ${t('app.name')}`;
  renderedListeners.forEach((listener) => listener(path));
  const selector = focusSelector ?? (keepFocus ? null : view.focus);
  const target = selector ? main.querySelector<HTMLElement>(selector) : null;
  if (target) target.focus();
  else if (!keepFocus) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
  document.dispatchEvent(new CustomEvent('cg:rendered', { detail: { path } }));
}

/** Starts routing with this table: renders the current address, then every hash change. */
export async function startRouter(table: Route[]): Promise<void> {
  routes = table;
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/') || location.hash === '') void render();
  });
  await render({ keepFocus: true });
}
