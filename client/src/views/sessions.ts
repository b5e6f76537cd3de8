// Where one is signed in: every browser and API token of the account, the current one marked; any
// other can be signed out from here, at once.
import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox } from '../components';
import { announce, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { View } from '../router';

type Session = Schema<'SessionItemView'>;

function deviceName(session: Session): string {
  return session.device || t('sessions.unknownDevice');
}

export async function sessionsView(): Promise<View> {
  const { items } = await api.get('/api/me/sessions');
  const message = h('div', {});
  const list = h('ul', { class: 'plain-list panel', id: 'sessions' });

  function item(session: Session): HTMLElement {
    const name = deviceName(session);
    const lastSeen = formatDateTime(session.lastSeenAt);
    const end = session.current
      ? h('p', {}, h('span', { class: 'badge' }, t('sessions.current')))
      : h(
          'p',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': t('sessions.endLabel', { device: name, when: lastSeen }),
              onclick: async (event: Event) => {
                const button = event.currentTarget as HTMLButtonElement;
                button.disabled = true;
                message.replaceChildren();
                try {
                  await api.delete('/api/me/sessions/{id}', { path: { id: session.id } });
                  row.remove();
                  announce(t('sessions.ended', { device: name }));
                  list.querySelector<HTMLElement>('li')?.setAttribute('tabindex', '-1');
                  list.querySelector<HTMLElement>('li')?.focus();
                } catch (error) {
                  button.disabled = false;
                  if (!(error instanceof ApiError)) throw error;
                  message.replaceChildren(errorBox(error));
                }
              },
            },
            t('sessions.end'),
          ),
        );
    const row = h(
      'li',
      { 'data-session': session.id },
      h('p', {}, h('strong', {}, name)),
      h(
        'p',
        { class: 'muted' },
        t('sessions.signedInAt'),
        ' ',
        h('time', { datetime: session.signedInAt }, formatDateTime(session.signedInAt)),
        ' · ',
        t('sessions.lastSeenAt'),
        ' ',
        h('time', { datetime: session.lastSeenAt }, lastSeen),
        session.address ? ` · ${t('sessions.address')} ${session.address}` : null,
      ),
      end,
    );
    return row;
  }

  list.append(...items.map(item));
  return {
    title: t('sessions.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('sessions.title') }]),
      h('h1', {}, t('sessions.title')),
      h('p', {}, t('sessions.intro')),
      message,
      list,
    ),
  };
}
