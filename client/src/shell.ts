// The header around every page: brand, navigation, language switch, bell, who is signed in.
import { announce, h, replace, svg } from './dom';
import {
  lang,
  LANGUAGES,
  loadLanguage,
  rememberLanguage,
  t,
  type Language,
  type MessageKey,
} from './i18n';
import { navigate, onRendered, parseHash, render } from './router';
import { currentUser, onSessionChange, onUnreadChange, signOut, unreadCount } from './session';

/** The menu: what /api/me says this person may open (yourActions), no list of roles here. */
function navItems(): { href: string; key: MessageKey }[] {
  const user = currentUser();
  const items: { href: string; key: MessageKey }[] = [{ href: '#/', key: 'nav.home' }];
  if (!user) return items;
  const may = user.yourActions;
  if (may.administer) items.push({ href: '#/admin/users', key: 'nav.admin.users' });
  if (may.readReviews) {
    // An agency's reviewer sees their own agency's requests: the same list, named for them.
    const own = user.role === 'AGENCY_REVIEWER';
    items.push({ href: '#/reviews', key: own ? 'nav.reviews.agency' : 'nav.reviews' });
  }
  if (may.readReports) items.push({ href: '#/reports', key: 'nav.reports' });
  return items;
}

/** The bell's words: its accessible name, with the unread count, in the page's language. */
function bellLabel(count: number): string {
  return count ? t('bell.unread', { count }) : t('bell.none');
}

/** The bell follows the unread count in place (focus and the rest of the header untouched). */
function updateBell(count: number, previous: number): void {
  const label = document.getElementById('bell-label');
  const badge = document.getElementById('bell-count');
  if (label) label.textContent = bellLabel(count);
  if (badge) badge.textContent = String(count);
  if (count > previous) announce(t('bell.new', { count }));
}

function bellIcon(): SVGSVGElement {
  return svg(
    'svg',
    { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', {
      d: 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
    }),
  );
}

export function renderHeader(): void {
  const top = document.getElementById('top')!;
  document.getElementById('skip-link')!.textContent = t('skip');
  const user = currentUser();
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
  const parts: Node[] = [h('a', { class: 'brand', href: '#/' }, t('app.name'))];
  if (user) {
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
  const tools: Node[] = [languageSwitch];
  if (user) {
    tools.push(
      h(
        'a',
        { class: 'bell', href: '#/notifications', id: 'bell' },
        bellIcon(),
        h('span', { class: 'visually-hidden', id: 'bell-label' }, bellLabel(unreadCount())),
        h(
          'span',
          { class: 'count', id: 'bell-count', 'aria-hidden': 'true' },
          String(unreadCount()),
        ),
      ),
      h('span', { class: 'who' }, `${user.name} · ${t(`role.${user.role}`)}`),
      h('a', { class: 'linkish', href: '#/account/password' }, t('nav.password')),
      h('a', { class: 'linkish', href: '#/account/sessions' }, t('nav.sessions')),
      h('a', { class: 'linkish', href: '#/account/two-factor' }, t('nav.twoFactor')),
      h('a', { class: 'linkish', href: '#/account/notifications' }, t('nav.notificationPrefs')),
      h('button', { type: 'button', class: 'linkish', onclick: logout }, t('nav.logout')),
    );
  }
  replace(top, ...parts, h('div', { class: 'tools' }, tools));
}

async function switchLanguage(code: Language): Promise<void> {
  rememberLanguage(code);
  await loadLanguage(code);
  renderHeader();
  await render({ keepFocus: true });
  document.querySelector<HTMLElement>(`.lang-switch button[lang="${code}"]`)?.focus();
  announce(t('lang.changed'));
}

async function logout(): Promise<void> {
  try {
    await signOut();
  } finally {
    navigate('/login');
  }
}

/** The header follows the session (sign-in, bell count) and every page render. */
export function startShell(): void {
  onSessionChange(renderHeader);
  onUnreadChange(updateBell);
  onRendered(renderHeader);
  document.getElementById('skip-link')!.addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main')!.focus();
  });
  renderHeader();
}
