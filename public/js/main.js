// Boots the web interface: language, session, the header and the hash router.
import { api, ApiError, hasSession, onUnauthorized } from './api.js';
import { announce, h, replace, svg } from './dom.js';
import { lang, LANGUAGES, loadLanguage, rememberLanguage, storedLanguage, t } from './i18n.js';
import { routes } from './routes.js';

const state = { user: null, unread: 0, current: null };

function parseHash() {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(search)) };
}

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
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

export function navigate(path) {
  if (location.hash === `#${path}`) render({ keepFocus: false });
  else location.hash = path;
}

/** Sends to another page in place of this one (no history entry), keeping the focus rules. */
function redirect(path, options) {
  history.replaceState(null, '', `#${path}`);
  return render(options);
}

function navItems() {
  const role = state.user?.role;
  const items = [{ href: '#/', key: 'nav.home' }];
  if (role === 'AGENCY_REVIEWER') items.push({ href: '#/reviews', key: 'nav.reviews.agency' });
  if (role === 'SECRETARIAT' || role === 'OBSERVER' || role === 'ADMIN') {
    items.push({ href: '#/reviews', key: 'nav.reviews' });
    items.push({ href: '#/reports', key: 'nav.reports' });
  }
  return items;
}

function bellIcon() {
  return svg(
    'svg',
    { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', {
      d: 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
    }),
  );
}

function renderHeader() {
  const top = document.getElementById('top');
  document.getElementById('skip-link').textContent = t('skip');
  const current = parseHash().path;
  const languageSwitch = h(
    'fieldset',
    { class: 'lang-switch' },
    h('legend', {}, t('lang.label')),
    LANGUAGES.map((code) =>
      h(
        'button',
        {
          type: 'button',
          lang: code,
          'aria-pressed': String(lang() === code),
          onclick: () => switchLanguage(code),
        },
        t(`lang.${code}`),
      ),
    ),
  );
  const parts = [h('a', { class: 'brand', href: '#/' }, t('app.name'))];
  if (state.user) {
    parts.push(
      h(
        'nav',
        { 'aria-label': t('nav.label') },
        h(
          'ul',
          {},
          navItems().map((item) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: item.href, 'aria-current': current === item.href.slice(1) ? 'page' : null },
                t(item.key),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const tools = [languageSwitch];
  if (state.user) {
    tools.push(
      h(
        'a',
        { class: 'bell', href: '#/notifications', id: 'bell' },
        bellIcon(),
        h('span', { class: 'visually-hidden' }, `${t('bell.label')} `),
        h('span', { class: 'count', id: 'bell-count' }, String(state.unread)),
      ),
      h('span', { class: 'who' }, `${state.user.name} · ${t(`role.${state.user.role}`)}`),
      h('button', { type: 'button', class: 'linkish', onclick: logout }, t('nav.logout')),
    );
  }
  replace(top, ...parts, h('div', { class: 'tools' }, tools));
}

export async function refreshBell() {
  if (!state.user) return;
  try {
    const inbox = await api('/notifications', { query: { unread: 'true', limit: 100 } });
    state.unread = inbox.unreadCount ?? inbox.items?.length ?? 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Notifications are a convenience in the header: a failure there must not break the page.
    state.unread = 0;
  }
  renderHeader();
}

async function switchLanguage(code) {
  rememberLanguage(code);
  await loadLanguage(code);
  renderHeader();
  await render({ keepFocus: true });
  document.querySelector(`.lang-switch button[lang="${code}"]`)?.focus();
  announce(t('lang.changed'));
}

async function logout() {
  try {
    await api('/auth/session', { method: 'DELETE' });
  } finally {
    state.user = null;
    state.unread = 0;
    renderHeader();
    navigate('/login');
  }
}

export async function signedIn(user) {
  state.user = user;
  if (!storedLanguage() && LANGUAGES.includes(user.locale)) await loadLanguage(user.locale);
  renderHeader();
  refreshBell();
}

function errorView(error) {
  const status = error instanceof ApiError ? error.status : 0;
  const message =
    status === 404
      ? t('error.notFound')
      : status === 403
        ? t('error.forbidden')
        : t('error.generic');
  return {
    title: t('error.title'),
    node: h(
      'section',
      { class: 'panel' },
      h('h1', { tabindex: '-1' }, t('error.title')),
      h(
        'p',
        { class: 'alert', role: 'alert' },
        message,
        error?.message ? ` (${error.message})` : '',
      ),
      h('p', {}, h('a', { href: '#/' }, t('nav.backHome'))),
    ),
  };
}

let renderCount = 0;
/** Renders the route in the hash. keepFocus: a re-render after an action on the same page. */
export async function render(options = {}) {
  const { keepFocus = false, focusSelector } = options;
  const ticket = ++renderCount;
  const { path, query } = parseHash();
  const found = match(path);
  const main = document.getElementById('main');
  if (!found) return redirect('/', options);
  if (!found.route.public && !state.user) {
    return redirect(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`, options);
  }
  if (found.route.path === '/login' && state.user) return redirect('/', options);
  main.setAttribute('aria-busy', 'true');
  let view;
  try {
    view = await found.route.view({
      params: found.params,
      query,
      user: state.user,
      rerender: render,
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    view = errorView(error);
  }
  if (ticket !== renderCount) return; // a newer navigation won
  if (view.redirect) return render(options);
  state.current = path;
  replace(main, view.node);
  main.dataset.path = path;
  main.removeAttribute('aria-busy');
  document.title = `${view.title} · ${t('app.name')}`;
  renderHeader();
  const selector = focusSelector ?? (keepFocus ? null : view.focus);
  const target = selector ? main.querySelector(selector) : null;
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

async function boot() {
  await loadLanguage(storedLanguage() ?? 'lo');
  onUnauthorized(() => {
    if (!state.user) return;
    state.user = null;
    renderHeader();
    navigate(`/login?next=${encodeURIComponent(parseHash().path)}&expired=1`);
  });
  // Only ask who we are when a session cookie exists: a signed-out visit makes no failing call.
  if (hasSession()) {
    try {
      await signedIn(await api('/me'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/') || location.hash === '') render();
  });
  renderHeader();
  await render({ keepFocus: true });
  document.documentElement.dataset.ready = 'true';
}

boot().catch((error) => {
  console.error(error);
  replace(
    document.getElementById('main'),
    h('p', { class: 'alert', role: 'alert' }, String(error?.message ?? error)),
  );
});
