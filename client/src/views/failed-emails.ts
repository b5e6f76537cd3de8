// E-mails that could not be delivered after every retry (administrators): who, what, why.
import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox } from '../components';
import { announce, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { View } from '../router';

type Failed = Schema<'FailedEmailView'>;
const PAGE = 50;

function item(failed: Failed): HTMLElement {
  return h(
    'li',
    {},
    h('p', {}, h('strong', {}, failed.subject)),
    h(
      'p',
      { class: 'muted' },
      h('time', { datetime: failed.createdAt }, formatDateTime(failed.createdAt)),
      ` · ${failed.recipient.name} <${failed.recipient.email}>`,
    ),
    h(
      'p',
      {},
      t('admin.failed.attempts', { count: failed.email.attempts }),
      failed.email.error
        ? [' · ', t('admin.failed.error'), ' ', h('code', {}, failed.email.error)]
        : null,
    ),
  );
}

export async function failedEmailsView(): Promise<View> {
  const first = await api.get('/api/notifications/failed-emails', { query: { limit: PAGE } });
  const list = h('ul', { class: 'plain-list panel', id: 'failed-emails' }, first.items.map(item));
  const message = h('div', {});
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
      const page = await api.get('/api/notifications/failed-emails', {
        query: { limit: PAGE, cursor: next },
      });
      const added = page.items.map(item);
      list.append(...added);
      next = page.next;
      more.hidden = !next;
      announce(t('admin.users.moreShown', { count: added.length }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
    } finally {
      more.disabled = false;
    }
  });
  return {
    title: t('admin.failed.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('admin.failed.title') }]),
      h('h1', {}, t('admin.failed.title')),
      h('p', {}, t('admin.failed.intro')),
      message,
      first.items.length
        ? [list, h('p', { class: 'actions' }, more)]
        : h('p', { class: 'muted' }, t('admin.failed.none')),
    ),
  };
}
