import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox } from '../components';
import { announce, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import { localLink } from '../links';
import type { View, ViewContext } from '../router';
import { refreshUnread } from '../session';

type Notification = Schema<'NotificationView'>;
const PAGE = 50;

/** #/c/<comment id>: opens the section thread the comment belongs to. */
export async function commentLinkView({ params }: ViewContext): Promise<View> {
  const comment = await api.get('/api/comments/{id}', { path: { id: params.id } });
  const target = `/g/${comment.guidelineId}/v/${comment.versionNumber}/s/${encodeURIComponent(comment.sectionKey)}`;
  history.replaceState(null, '', `#${target}`);
  return { redirect: target, title: '', node: h('p', {}, '') };
}

export async function notificationsView({ rerender }: ViewContext): Promise<View> {
  const first = await api.get('/api/notifications', { query: { limit: PAGE } });
  const message = h('div', {});
  const markRead = async (n: Notification) => {
    try {
      await api.post('/api/notifications/{id}/read', { path: { id: n.id } });
      await refreshUnread();
      await rerender({ keepFocus: true, focusSelector: '#notifications-heading' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
    }
  };
  const markAll = h(
    'button',
    { type: 'button', class: 'secondary', id: 'mark-all-read' },
    t('notifications.markAllRead'),
  );
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try {
      const done = await api.post('/api/notifications/read-all');
      await refreshUnread();
      await rerender({ keepFocus: true, focusSelector: '#notifications-heading' });
      announce(t('notifications.allMarked', { count: done.marked }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
      markAll.disabled = false;
    }
  });
  const item = (n: Notification) => {
    const unread = !n.readAt;
    const href = localLink(n.link, location.origin);
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
      h('p', { class: 'muted' }, h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt))),
      n.body ? h('p', {}, n.body) : null,
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
  };

  const list = h('ul', { class: 'plain-list panel', id: 'inbox' }, first.items.map(item));
  let next = first.next;
  const more = h(
    'button',
    { type: 'button', class: 'secondary', hidden: !next },
    t('notifications.more'),
  );
  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      const page = await api.get('/api/notifications', { query: { limit: PAGE, cursor: next } });
      const added = page.items.map(item);
      list.append(...added);
      next = page.next;
      more.hidden = !next;
      added[0]?.querySelector<HTMLElement>('a, button')?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
    } finally {
      more.disabled = false;
    }
  });

  return {
    title: t('notifications.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('notifications.title') }]),
      h('h1', { id: 'notifications-heading', tabindex: '-1' }, t('notifications.title')),
      h(
        'p',
        { class: 'muted' },
        h('a', { href: '#/account/notifications' }, t('notifications.emailChoices')),
      ),
      message,
      first.unreadCount > 0 ? h('p', { class: 'actions' }, markAll) : null,
      first.items.length
        ? [list, h('p', { class: 'actions' }, more)]
        : h('p', { class: 'muted' }, t('notifications.none')),
    ),
  };
}
