import { api, apiAll, ApiError } from '../api.js';
import { crumbs, errorBox } from '../components.js';
import { h } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import { refreshBell } from '../main.js';

const LINK_PAGES = [
  [/^\/guidelines\/([0-9a-f-]{36})\/comments\/([0-9a-f-]{36})\/?$/i, (m) => `#/c/${m[2]}`],
  [/^\/guidelines\/([0-9a-f-]{36})\/?$/i, (m) => `#/g/${m[1]}`],
  [/^\/reviews\/([0-9a-f-]{36})\/?$/i, (m) => `#/reviews/${m[1]}`],
];

/** A notification's link (PUBLIC_URL + /guidelines/…) as the page of this interface it names. */
function localLink(link) {
  if (!link) return null;
  try {
    const url = new URL(link, location.origin);
    if (url.hash.startsWith('#/')) return url.hash;
    for (const [pattern, page] of LINK_PAGES) {
      const match = url.pathname.match(pattern);
      if (match) return page(match);
    }
    return url.href;
  } catch {
    return null;
  }
}

/** #/c/<comment id>: opens the section thread the comment belongs to. */
export async function commentLinkView({ params }) {
  const comment = await api(`/comments/${params.id}`);
  const target = `/g/${comment.guidelineId}/v/${comment.versionNumber}/s/${encodeURIComponent(comment.sectionKey)}`;
  history.replaceState(null, '', `#${target}`);
  return { redirect: target, title: '', node: h('p', {}, '') };
}

export async function notificationsView({ rerender }) {
  const items = await apiAll('/notifications');
  const message = h('div', {});
  const markRead = async (n) => {
    try {
      await api(`/notifications/${n.id}/read`, { method: 'POST' });
      await refreshBell();
      await rerender({ keepFocus: true, focusSelector: '#notifications-heading' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
    }
  };
  return {
    title: t('notifications.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('notifications.title') }]),
      h('h1', { id: 'notifications-heading' }, t('notifications.title')),
      message,
      items.length
        ? h(
            'ul',
            { class: 'plain-list panel', id: 'inbox' },
            items.map((n) => {
              const unread = !n.readAt;
              const href = localLink(n.link);
              return h(
                'li',
                { class: unread ? 'unread' : '' },
                h(
                  'p',
                  {},
                  unread ? h('span', { class: 'badge warn' }, t('notifications.new')) : null,
                  unread ? ' ' : '',
                  n.subject,
                ),
                h(
                  'p',
                  { class: 'muted' },
                  h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt)),
                ),
                n.body ? h('p', { style: null }, n.body) : null,
                h(
                  'p',
                  { class: 'actions' },
                  href ? h('a', { href }, t('notifications.open')) : null,
                  unread
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary small',
                          onclick: () => markRead(n),
                          'aria-label': `${t('notifications.markRead')}: ${n.subject}`,
                        },
                        t('notifications.markRead'),
                      )
                    : null,
                ),
              );
            }),
          )
        : h('p', { class: 'muted' }, t('notifications.none')),
    ),
  };
}
