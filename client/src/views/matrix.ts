import { api, apiUrl, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, foldedText, guidelineTitle } from '../components';
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

/** The saved decision as it reads in the matrix: status, response, the version it answered. */
function savedDecision(row: MatrixRow): HTMLElement[] {
  if (!row.dispositionStatus) return [h('span', { class: 'muted' }, t('matrix.none'))];
  return [
    h('strong', { class: 'saved-status' }, t(`disposition.${row.dispositionStatus}`)),
    row.response ? foldedText(row.response, { class: 'saved-response' }) : null,
    row.answeredInVersion
      ? h('p', { class: 'muted' }, t('matrix.answeredIn', { number: row.answeredInVersion }))
      : null,
  ].filter((node): node is HTMLElement => node !== null);
}

/**
 * The secretariat's decision on one comment. Without a saved decision, the form. With one, the
 * saved decision and a "change decision" button: the form opens with the previous decision shown,
 * and the save names the status it replaces, so the API refuses it if someone changed it since.
 */
function dispositionCell(
  row: MatrixRow,
  index: number,
  onSaved: (index: number) => Promise<void>,
): HTMLElement {
  const previous = row.dispositionStatus;
  const label = t('matrix.rowN', { n: index + 1 });
  const status = h(
    'select',
    { id: uid('status'), name: 'status' },
    h('option', { value: '' }, t('matrix.choose')),
    DISPOSITIONS.map((d) =>
      h('option', { value: d, selected: previous === d }, t(`disposition.${d}`)),
    ),
  );
  const response = h('textarea', { id: uid('response'), name: 'response', rows: '2' });
  response.value = row.response ?? '';
  // A suggested wording still waiting: the decision can also write it into the working draft.
  const applicable =
    row.suggestion && row.suggestion.status === 'OPEN' && !row.suggestion.inDraft
      ? row.suggestion
      : null;
  const apply = applicable
    ? h('input', { type: 'checkbox', id: uid('apply'), name: 'applySuggestion' })
    : null;
  const applyField =
    applicable && apply
      ? h(
          'div',
          { class: 'apply-suggestion' },
          h('p', {}, h('strong', {}, `${t('suggestion.title')}: `), applicable.text),
          h(
            'label',
            { for: apply.id, class: 'checkbox' },
            apply,
            ` ${t('suggestion.acceptApply')}`,
            h('span', { class: 'visually-hidden' }, ` — ${label}`),
          ),
        )
      : null;
  const message = h('div', {});
  const save = h(
    'button',
    { type: 'submit', class: 'primary small' },
    t(previous ? 'matrix.saveChange' : 'matrix.save'),
  );
  const cancel = previous
    ? h('button', { type: 'button', class: 'secondary small' }, t('matrix.cancelChange'))
    : null;
  const form = h(
    'form',
    {
      novalidate: true,
      class: 'decision-form',
      'aria-label': `${t(previous ? 'matrix.changeDecision' : 'matrix.disposition')} — ${label}`,
    },
    previous
      ? h(
          'p',
          { class: 'previous-decision' },
          h('strong', {}, t('matrix.previous')),
          ' ',
          t(`disposition.${previous}`),
          row.response ? ` — ${row.response}` : '',
        )
      : null,
    h(
      'label',
      { for: status.id },
      t(previous ? 'matrix.newStatus' : 'matrix.status'),
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
    applyField,
    message,
    h('div', { class: 'actions' }, save, cancel),
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
      const body: Schema<'DispositionDto'> = { status: chosen, expectedStatus: previous };
      if (response.value.trim()) body.response = response.value.trim();
      if (apply?.checked) body.applySuggestion = true;
      await api.put('/api/comments/{id}/disposition', { path: { id: row.commentId }, body });
      announce(t('matrix.saved'));
      await onSaved(index);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      if (error.code === 'DISPOSITION_CHANGED') {
        // Someone else decided meanwhile: show their decision before anything is changed.
        const reload = h(
          'button',
          { type: 'button', class: 'secondary small' },
          t('matrix.reload'),
        );
        reload.addEventListener('click', () => void onSaved(index));
        message.append(h('p', { class: 'actions' }, reload));
      } else {
        save.disabled = false;
      }
    }
  });
  if (!previous) return form;

  const formId = uid('change');
  form.id = formId;
  form.hidden = true;
  const change = h(
    'button',
    { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': formId },
    t('matrix.changeDecision'),
    h('span', { class: 'visually-hidden' }, ` — ${label}`),
  );
  const toggle = (open: boolean) => {
    form.hidden = !open;
    change.setAttribute('aria-expanded', String(open));
    if (open) status.focus();
    else change.focus();
  };
  change.addEventListener('click', () => toggle(change.getAttribute('aria-expanded') !== 'true'));
  cancel?.addEventListener('click', () => {
    status.value = previous;
    response.value = row.response ?? '';
    message.replaceChildren();
    toggle(false);
  });
  return h(
    'div',
    { class: 'decision' },
    savedDecision(row),
    h('p', { class: 'actions' }, change),
    form,
  );
}

const COLUMNS = [
  'matrix.n',
  'matrix.version',
  'matrix.section',
  'matrix.author',
  'matrix.comment',
  'matrix.disposition',
] satisfies MessageKey[];
const label = (column: number) => ({ label: t(COLUMNS[column]) });

export async function matrixView({ params, rerender }: ViewContext): Promise<View> {
  const [g, matrix] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    api.get('/api/guidelines/{id}/comment-matrix', {
      path: { id: params.id },
      query: { format: 'json' },
    }),
  ]);
  const rows = matrix.items;
  const editable = g.yourActions.decideComments;
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
        COLUMNS.map((k) => h('th', { scope: 'col' }, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row, index) =>
        h(
          'tr',
          { id: `matrix-row-${index}`, tabindex: '-1' },
          // On a phone the rows stack and each cell names its column (data-label).
          h('th', { scope: 'row', class: 'num', dataset: label(0) }, String(index + 1)),
          h('td', { class: 'num', dataset: label(1) }, String(row.versionNumber)),
          h('td', { dataset: label(2) }, row.sectionHeading),
          h(
            'td',
            { dataset: label(3) },
            row.commenter,
            row.institution ? h('span', { class: 'muted' }, ` (${row.institution})`) : null,
          ),
          h(
            'td',
            { dataset: label(4), class: 'matrix-text' },
            row.quote ? h('blockquote', {}, row.quote) : null,
            foldedText(row.text),
            h('p', { class: 'muted' }, formatDate(row.createdAt)),
          ),
          h(
            'td',
            { dataset: label(5) },
            editable ? dispositionCell(row, index, onSaved) : savedDecision(row),
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
