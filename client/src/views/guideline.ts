import { api, apiUrl, getAll, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle, road, stageBadge, stageLabel } from '../components';
import { field, h, uid } from '../dom';
import { formatDate, formatDateTime, t } from '../i18n';
import { forbiddenView, navigate, type View, type ViewContext } from '../router';
import { searchForm } from './search';

type Guideline = Schema<'GuidelineView'>;

export function historyTimeline(items: Schema<'TransitionView'>[]): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, t('history.none'));
  return h(
    'ol',
    { class: 'timeline' },
    items.map((move) =>
      h(
        'li',
        {},
        h(
          'p',
          {},
          h(
            'strong',
            {},
            move.from ? `${stageLabel(move.from)} → ${stageLabel(move.to)}` : stageLabel(move.to),
          ),
          move.override ? [' ', h('span', { class: 'badge warn' }, t('history.override'))] : null,
        ),
        h(
          'p',
          { class: 'muted' },
          h('time', { datetime: move.at }, formatDateTime(move.at)),
          ' · ',
          move.actor?.name ?? '',
          move.versionNumber ? ` · ${t('version.n', { number: move.versionNumber })}` : '',
        ),
        move.reason ? h('p', {}, t('history.reason'), ' ', move.reason) : null,
      ),
    ),
  );
}

/** Links to a version's document, as Word and as Markdown. */
function documentLinks(g: Guideline, number: number, label: string): HTMLElement {
  const link = (format: 'docx' | 'md', key: 'version.docx' | 'version.md') =>
    h(
      'a',
      {
        class: 'button small',
        download: '',
        href: apiUrl('/api/guidelines/{id}/versions/{number}/document', {
          path: { id: g.id, number },
          query: { format },
        }),
      },
      t(key),
      h('span', { class: 'visually-hidden' }, ` — ${label}`),
    );
  return h('span', { class: 'actions' }, link('docx', 'version.docx'), link('md', 'version.md'));
}

function versionsTable(g: Guideline, versions: Schema<'VersionSummaryView'>[]): HTMLElement {
  if (!versions.length) return h('p', { class: 'muted' }, t('home.noVersion'));
  const newestFirst = versions.slice().sort((a, b) => b.number - a.number);
  return h(
    'ul',
    { class: 'plain-list' },
    newestFirst.map((v, i) => {
      // The version before it among those the server lists (an agency reviewer reads only the
      // versions it was asked about, so this is not always number - 1).
      const previous = newestFirst[i + 1];
      return h(
        'li',
        {},
        h('a', { href: `#/g/${g.id}/v/${v.number}` }, t('version.n', { number: v.number })),
        v.number === g.currentVersion
          ? [' ', h('span', { class: 'badge ok' }, t('version.current'))]
          : null,
        h(
          'span',
          { class: 'muted' },
          ` · ${formatDate(v.publishedAt)} · ${stageLabel(v.stage)} · ${v.publishedBy?.name ?? ''}`,
        ),
        h('p', {}, v.changeSummary),
        documentLinks(g, v.number, t('version.n', { number: v.number })),
        previous
          ? h(
              'a',
              { href: `#/g/${g.id}/diff/${previous.number}/${v.number}` },
              t('diff.withPrevious'),
            )
          : null,
      );
    }),
  );
}

export async function guidelineView({ params, user }: ViewContext): Promise<View> {
  const path = { id: params.id };
  const [g, versions, history] = await Promise.all([
    api.get('/api/guidelines/{id}', { path }),
    getAll('/api/guidelines/{id}/versions', { path }),
    api.get('/api/guidelines/{id}/transitions', { path }),
  ]);
  const title = guidelineTitle(g);
  const roadLabel = uid('road');
  // What the caller may do here comes from the server, with the guideline.
  const may = g.yourActions;
  const actions = [];
  if (may.publishVersion) {
    actions.push(h('a', { class: 'button', href: `#/g/${g.id}/publish` }, t('publish.title')));
  }
  if (may.move)
    actions.push(h('a', { class: 'button', href: `#/g/${g.id}/move` }, t('move.title')));
  if (may.recordEvent) {
    actions.push(h('a', { class: 'button', href: `#/g/${g.id}/event` }, t('event.title')));
  }
  if (may.readDraft) {
    actions.push(h('a', { class: 'button', href: `#/g/${g.id}/draft` }, t('draft.open')));
  }
  if (g.currentVersion)
    actions.push(h('a', { class: 'button', href: `#/g/${g.id}/matrix` }, t('matrix.title')));
  if (user.yourActions.readReports) {
    actions.push(
      h('a', { class: 'button', href: `#/reports?guidelineId=${g.id}` }, t('report.title')),
    );
  }
  const versionsId = uid('v');
  const historyId = uid('hist');
  return {
    title,
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: g.code }]),
      h('h1', {}, title),
      h('p', { class: 'muted' }, `${g.code} · `, stageBadge(g.stage)),
      h('h2', { id: roadLabel, class: 'visually-hidden' }, t('road.label')),
      road(g.stage, roadLabel),
      g.stage === 'CONSULTATION' && g.consultationClosesAt
        ? h('p', {}, t('home.closes', { date: formatDate(g.consultationClosesAt) }))
        : null,
      g.adopted
        ? h(
            'section',
            { class: 'panel', id: 'adopted', 'aria-labelledby': 'adopted-heading' },
            h(
              'h2',
              { id: 'adopted-heading' },
              t('guideline.adopted', { number: g.adopted.versionNumber }),
            ),
            h('p', { class: 'muted' }, formatDate(g.adopted.at)),
            documentLinks(g, g.adopted.versionNumber, t('guideline.adoptedText')),
          )
        : null,
      actions.length ? h('div', { class: 'actions' }, actions) : null,
      g.currentVersion ? searchForm(g.id) : null,
      h(
        'div',
        { class: 'grid-2' },
        h(
          'section',
          { class: 'panel', 'aria-labelledby': versionsId },
          h('h2', { id: versionsId }, t('version.list')),
          versionsTable(g, versions),
        ),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': historyId },
          h('h2', { id: historyId }, t('history.title')),
          historyTimeline(history.items),
        ),
      ),
    ),
  };
}

export async function newGuidelineView({ user }: ViewContext): Promise<View> {
  if (!user.yourActions.createGuideline) return forbiddenView();
  const code = h('input', { type: 'text', name: 'code', required: true, autocomplete: 'off' });
  const titleLo = h('input', { type: 'text', name: 'titleLo', lang: 'lo', required: true });
  const titleEn = h('input', { type: 'text', name: 'titleEn', lang: 'en', required: true });
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    field(t('guideline.code'), code, t('guideline.codeHint')),
    field(t('guideline.titleLo'), titleLo),
    field(t('guideline.titleEn'), titleEn),
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('guideline.create')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    try {
      const g = await api.post('/api/guidelines', {
        body: {
          code: code.value.trim(),
          title: { lo: titleLo.value.trim(), en: titleEn.value.trim() },
        },
      });
      navigate(`/g/${g.id}/publish`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      message.querySelector<HTMLElement>('[role=alert]')?.focus();
    }
  });
  return {
    title: t('guideline.new'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('guideline.new') }]),
      h('h1', {}, t('guideline.new')),
      h('section', { class: 'panel' }, form),
    ),
  };
}
