// Search in a guideline: sections of every version and comments (Lao substrings too), each result
// linking to its passage: the section's thread on that version, the comment focused there.
import { getAll, type Schema } from '../api/client';
import { crumbs, guidelineTitle } from '../components';
import { field, h, uid } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { View, ViewContext } from '../router';
import { api } from '../api/client';

type Hit = Schema<'SearchHitView'>;

/** Where a result lands: the section's thread on its version, and the comment when it is one. */
export function passageLink(guidelineId: string, hit: Hit): string {
  const base = `#/g/${guidelineId}/v/${hit.versionNumber}/s/${encodeURIComponent(hit.sectionKey)}`;
  return hit.type === 'comment' && hit.commentId ? `${base}?c=${hit.commentId}` : base;
}

/** The search box of a guideline's pages. */
export function searchForm(guidelineId: string, value = ''): HTMLFormElement {
  const q = h('input', { type: 'search', name: 'q', value, autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'actions', role: 'search', 'aria-label': t('search.label') },
    field(t('search.field'), q),
    h('button', { type: 'submit', class: 'secondary' }, t('search.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = q.value.trim();
    if (!text) {
      q.focus();
      return;
    }
    location.hash = `#/g/${guidelineId}/search?q=${encodeURIComponent(text)}`;
  });
  return form;
}

export async function searchView({ params, query }: ViewContext): Promise<View> {
  const q = (query.q ?? '').trim();
  const [g, hits] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    q
      ? getAll('/api/guidelines/{id}/search', { path: { id: params.id }, query: { q } })
      : Promise.resolve([] as Hit[]),
  ]);
  const title = `${t('search.title')} — ${guidelineTitle(g)}`;
  const resultsId = uid('results');
  return {
    title,
    focus: q ? '#search-results' : null,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('search.title') },
      ]),
      h('h1', {}, title),
      searchForm(g.id, q),
      q
        ? h(
            'section',
            { 'aria-labelledby': resultsId },
            h('h2', { id: resultsId }, t('search.results', { count: hits.length, q })),
            hits.length
              ? h(
                  'ol',
                  { class: 'plain-list', id: 'search-results', tabindex: '-1' },
                  hits.map((hit) =>
                    h(
                      'li',
                      {},
                      h(
                        'a',
                        { href: passageLink(g.id, hit) },
                        `${t('version.n', { number: hit.versionNumber })} · ${hit.heading}`,
                      ),
                      ' ',
                      h(
                        'span',
                        { class: 'badge' },
                        t(hit.type === 'comment' ? 'search.comment' : 'search.section'),
                      ),
                      h('p', { class: 'snippet' }, hit.snippet),
                      hit.type === 'comment' && hit.author
                        ? h(
                            'p',
                            { class: 'muted' },
                            hit.author.name,
                            hit.createdAt ? ` · ${formatDateTime(hit.createdAt)}` : '',
                          )
                        : null,
                    ),
                  ),
                )
              : h('p', { class: 'muted', id: 'search-results', tabindex: '-1' }, t('search.none')),
          )
        : null,
    ),
  };
}
