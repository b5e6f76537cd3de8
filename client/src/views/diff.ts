import { api, type Schema } from '../api/client';
import { crumbs, guidelineTitle } from '../components';
import { h, uid } from '../dom';
import { t } from '../i18n';
import type { View, ViewContext } from '../router';

type SectionDiff = Schema<'SectionDiffView'>;
type DiffStatus = SectionDiff['status'];

const STATUS_TONE: Record<DiffStatus, string> = {
  added: 'ok',
  removed: 'bad',
  changed: 'warn',
  moved: 'warn',
  unchanged: '',
};
const STATUSES: DiffStatus[] = ['added', 'removed', 'changed', 'moved', 'unchanged'];
const FIELDS = ['kind', 'code', 'category'] as const;

/** Word operations as text with <ins> and <del>, each announced to screen readers. */
export function wordOps(ops: Schema<'WordOpView'>[]): (Node | string)[] {
  return ops.map((op) => {
    if (op.op === 'insert') {
      return h(
        'ins',
        {},
        h('span', { class: 'visually-hidden' }, `[${t('diff.inserted')}: `),
        op.text,
        h('span', { class: 'visually-hidden' }, ']'),
      );
    }
    if (op.op === 'delete') {
      return h(
        'del',
        {},
        h('span', { class: 'visually-hidden' }, `[${t('diff.deleted')}: `),
        op.text,
        h('span', { class: 'visually-hidden' }, ']'),
      );
    }
    return op.text;
  });
}

function sectionDiff(s: SectionDiff): HTMLElement {
  const headingText = s.changes?.heading
    ? wordOps(s.changes.heading)
    : (s.content?.heading ?? s.key);
  let body: Node | (Node | string)[] | null = null;
  if (s.status === 'added')
    body = h(
      'ins',
      {},
      h('span', { class: 'visually-hidden' }, `[${t('diff.inserted')}: `),
      s.content?.body ?? '',
      h('span', { class: 'visually-hidden' }, ']'),
    );
  else if (s.status === 'removed')
    body = h(
      'del',
      {},
      h('span', { class: 'visually-hidden' }, `[${t('diff.deleted')}: `),
      s.content?.body ?? '',
      h('span', { class: 'visually-hidden' }, ']'),
    );
  else if (s.changes?.body) body = wordOps(s.changes.body);
  const fieldChanges = FIELDS.flatMap((name) => {
    const change = s.changes?.[name];
    if (!change) return [];
    return [
      h(
        'li',
        {},
        `${t(`diff.field.${name}`)}: `,
        h('del', {}, String(change.from ?? '—')),
        ' → ',
        h('ins', {}, String(change.to ?? '—')),
      ),
    ];
  });
  return h(
    'li',
    { class: 'section diff-section' },
    h('h2', {}, headingText),
    h(
      'p',
      {},
      h('span', { class: `badge ${STATUS_TONE[s.status]}` }, t(`diff.status.${s.status}`)),
      s.moved && s.status !== 'moved'
        ? [' ', h('span', { class: 'badge warn' }, t('diff.status.moved'))]
        : null,
      h('span', { class: 'muted' }, ` ${s.key}`),
    ),
    // The server gave up comparing this section word by word (its diff budget ran out).
    s.budgetExceeded ? h('p', { class: 'muted diff-budget' }, t('diff.budgetExceeded')) : null,
    fieldChanges.length ? h('ul', {}, fieldChanges) : null,
    body
      ? h('div', { class: 'section-body' }, body)
      : s.status === 'unchanged' || s.status === 'moved'
        ? h('p', { class: 'muted' }, t('diff.sameText'))
        : null,
  );
}

export async function diffView({ params, query }: ViewContext): Promise<View> {
  const from = Number(params.from);
  const to = Number(params.to);
  const [g, diff] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    api.get('/api/guidelines/{id}/versions/{number}/diff', {
      path: { id: params.id, number: to },
      query: { against: from },
    }),
  ]);
  const showAll = query.all === '1';
  const sections = diff.sections.filter((s) => showAll || s.status !== 'unchanged');
  const summary = diff.summary;
  const title = t('diff.title', { from, to });
  const listId = uid('diff');
  return {
    title: `${guidelineTitle(g)} — ${title}`,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: title },
      ]),
      h('h1', {}, `${guidelineTitle(g)} — ${title}`),
      h('p', {}, STATUSES.map((k) => `${t(`diff.status.${k}`)}: ${summary[k]}`).join(' · ')),
      h(
        'p',
        { class: 'actions' },
        h('a', { href: `#/g/${g.id}/v/${from}` }, t('version.n', { number: from })),
        h('a', { href: `#/g/${g.id}/v/${to}` }, t('version.n', { number: to })),
        h(
          'a',
          {
            href: showAll
              ? `#/g/${g.id}/diff/${from}/${to}`
              : `#/g/${g.id}/diff/${from}/${to}?all=1`,
          },
          t(showAll ? 'diff.hideUnchanged' : 'diff.showUnchanged'),
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        t('diff.legend'),
        ' ',
        h('ins', {}, t('diff.inserted')),
        ' ',
        h('del', {}, t('diff.deleted')),
      ),
      h('h2', { id: listId, class: 'visually-hidden' }, t('version.sections')),
      sections.length
        ? h('ol', { class: 'sections', 'aria-labelledby': listId }, sections.map(sectionDiff))
        : h('p', {}, t('diff.none')),
    ),
  };
}
