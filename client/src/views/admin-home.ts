// What an administrator's home page offers: the administration pages, the queue dashboard, and the
// move page of every guideline (where an administrator withdraws or overrides a gate).
import { api, ApiError, type Schema } from '../api/client';
import { errorBox, guidelineTitle, stageBadge } from '../components';
import { h, uid } from '../dom';
import { t } from '../i18n';

type Guideline = Schema<'GuidelineView'>;

/** Opens the queue dashboard: the server sets its cookie, then the browser goes there. */
async function openQueueDashboard(message: HTMLElement): Promise<void> {
  try {
    const { url } = await api.post('/api/queue-dashboard/session');
    location.assign(url);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    message.replaceChildren(errorBox(error));
  }
}

export function adminPanel(guidelines: Guideline[]): HTMLElement {
  const adminId = uid('admin');
  const movesId = uid('moves');
  const message = h('div', {});
  const dashboard = h(
    'button',
    { type: 'button', class: 'secondary', id: 'open-queues' },
    t('admin.queues'),
  );
  dashboard.addEventListener('click', () => openQueueDashboard(message));
  return h(
    'div',
    {},
    h(
      'section',
      { class: 'panel', 'aria-labelledby': adminId },
      h('h2', { id: adminId }, t('admin.title')),
      h(
        'ul',
        { class: 'plain-list' },
        h(
          'li',
          {},
          h('a', { href: '#/admin/users' }, t('admin.users.title')),
          h('p', { class: 'muted' }, t('admin.users.intro')),
        ),
        h(
          'li',
          {},
          h('a', { href: '#/admin/agencies' }, t('admin.agencies.title')),
          h('p', { class: 'muted' }, t('admin.agencies.intro')),
        ),
        h(
          'li',
          {},
          h('a', { href: '#/admin/failed-emails' }, t('admin.failed.title')),
          h('p', { class: 'muted' }, t('admin.failed.intro')),
        ),
        h('li', {}, dashboard, h('p', { class: 'muted' }, t('admin.queuesIntro'))),
      ),
      message,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': movesId },
      h('h2', { id: movesId }, t('admin.moves')),
      h('p', { class: 'muted' }, t('admin.movesIntro')),
      guidelines.length
        ? h(
            'ul',
            { class: 'plain-list' },
            guidelines.map((g) =>
              h(
                'li',
                {},
                h('a', { href: `#/g/${g.id}/move` }, `${t('move.title')}: ${guidelineTitle(g)}`),
                ' ',
                h('span', { class: 'muted' }, `${g.code} · `),
                stageBadge(g.stage),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('home.noGuidelines')),
    ),
  );
}
