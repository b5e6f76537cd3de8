import { api, apiUrl, ApiError, type Schema } from '../api/client';
import { can, crumbs, errorBox, guidelineTitle } from '../components';
import { announce, h, scrollTable, uid } from '../dom';
import { formatDate, lang, t, type MessageKey } from '../i18n';
import type { View, ViewContext } from '../router';

type MatrixRow = Schema<'MatrixItemView'>;
type DispositionStatus = Schema<'DispositionDto'>['status'];

export const DISPOSITIONS: DispositionStatus[] = [
  'ACCEPTED',
  'PARTIALLY_ACCEPTED',
  'REJECTED',
  'NOTED',
];

function dispositionCell(
  row: MatrixRow,
  index: number,
  onSaved: (index: number) => Promise<void>,
): HTMLFormElement {
  const status = h(
    'select',
    { id: uid('status'), name: 'status' },
    h('option', { value: '' }, t('matrix.choose')),
    DISPOSITIONS.map((d) =>
      h('option', { value: d, selected: row.dispositionStatus === d }, t(`disposition.${d}`)),
    ),
  );
  const response = h('textarea', { id: uid('response'), name: 'response', rows: '2' });
  response.value = row.response ?? '';
  const message = h('div', {});
  const label = t('matrix.rowN', { n: index + 1 });
  const save = h('button', { type: 'submit', class: 'primary small' }, t('matrix.save'));
  const form = h(
    'form',
    { novalidate: true, 'aria-label': `${t('matrix.disposition')} — ${label}` },
    h(
      'label',
      { for: status.id },
      t('matrix.status'),
      h('span', { class: 'visually-hidden' }, ` — ${label}`),
    ),
    status,
    h(
      'label',
      { for: response.id },
      t('matrix.response'),
      h('span', { class: 'visually-hidden' }, ` — ${label}`),
    ),
    response,
    message,
    h('div', { class: 'actions' }, save),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const chosen = DISPOSITIONS.find((d) => d === status.value);
    if (!chosen) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('matrix.statusMissing')));
      status.focus();
      return;
    }
    save.disabled = true;
    try {
      const body: Schema<'DispositionDto'> = { status: chosen };
      if (response.value.trim()) body.response = response.value.trim();
      await api.put('/api/comments/{id}/disposition', { path: { id: row.commentId }, body });
      announce(t('matrix.saved'));
      await onSaved(index);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      save.disabled = false;
    }
  });
  return form;
}

export async function matrixView({ params, user, rerender }: ViewContext): Promise<View> {
  const [g, matrix] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    api.get('/api/guidelines/{id}/comment-matrix', {
      path: { id: params.id },
      query: { format: 'json' },
    }),
  ]);
  const rows = matrix.items;
  const editable = can(user, 'SECRETARIAT');
  const undisposed = rows.filter((r) => !r.dispositionStatus).length;
  const title = `${t('matrix.title')} — ${guidelineTitle(g)}`;
  const onSaved = (index: number) =>
    rerender({ keepFocus: true, focusSelector: `#matrix-row-${index}` });
  const table = h(
    'table',
    { class: 'matrix' },
    h('caption', { class: 'visually-hidden' }, t('matrix.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (
          [
            'matrix.n',
            'matrix.version',
            'matrix.section',
            'matrix.author',
            'matrix.comment',
            'matrix.disposition',
          ] satisfies MessageKey[]
        ).map((k) => h('th', { scope: 'col' }, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row, index) =>
        h(
          'tr',
          { id: `matrix-row-${index}`, tabindex: '-1' },
          h('th', { scope: 'row', class: 'num' }, String(index + 1)),
          h('td', { class: 'num' }, String(row.versionNumber)),
          h('td', {}, row.sectionHeading),
          h(
            'td',
            {},
            row.commenter,
            row.institution ? h('span', { class: 'muted' }, ` (${row.institution})`) : null,
          ),
          h(
            'td',
            {},
            row.quote ? h('blockquote', {}, row.quote) : null,
            h('p', {}, row.text),
            h('p', { class: 'muted' }, formatDate(row.createdAt)),
          ),
          h(
            'td',
            {},
            editable
              ? dispositionCell(row, index, onSaved)
              : row.dispositionStatus
                ? [
                    h('strong', {}, t(`disposition.${row.dispositionStatus}`)),
                    h('p', {}, row.response ?? ''),
                  ]
                : h('span', { class: 'muted' }, t('matrix.none')),
          ),
        ),
      ),
    ),
  );
  return {
    title,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('matrix.title') },
      ]),
      h('h1', {}, title),
      h('p', {}, t('matrix.counts', { total: rows.length, open: undisposed })),
      h(
        'p',
        { class: 'actions' },
        h(
          'a',
          {
            class: 'button',
            href: apiUrl('/api/guidelines/{id}/comment-matrix', {
              path: { id: g.id },
              query: { format: 'csv', locale: lang() },
            }),
            download: '',
          },
          t('matrix.csv'),
        ),
        h(
          'a',
          {
            class: 'button',
            href: apiUrl('/api/guidelines/{id}/comment-matrix', {
              path: { id: g.id },
              query: { format: 'docx', locale: lang() },
            }),
            download: '',
          },
          t('matrix.docx'),
        ),
      ),
      rows.length
        ? scrollTable(t('matrix.title'), table)
        : h('p', { class: 'muted' }, t('matrix.empty')),
    ),
  };
}
