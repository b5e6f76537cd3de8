import { api, getAll, type Schema } from '../api/client';
import { can, guidelineTitle, road, stageBadge, stageLabel } from '../components';
import { h, uid } from '../dom';
import { formatDate, pick, t, type MessageKey } from '../i18n';
import type { View, ViewContext } from '../router';
import { adminPanel } from './admin-home';
import { dueDateOf, reviewGuidelineTitle, reviewLine } from './reviews';

type Guideline = Schema<'GuidelineView'>;

function guidelineCard(g: Guideline): HTMLElement {
  const headingId = uid('g');
  const roadId = uid('road');
  return h(
    'li',
    { 'aria-labelledby': headingId },
    h('h3', { id: headingId }, h('a', { href: `#/g/${g.id}` }, guidelineTitle(g))),
    h('p', { class: 'muted' }, `${g.code} · `, stageBadge(g.stage)),
    h('p', { class: 'visually-hidden', id: roadId }, t('road.of', { title: guidelineTitle(g) })),
    road(g.stage, roadId),
    g.currentVersion
      ? h(
          'p',
          {},
          h(
            'a',
            { href: `#/g/${g.id}/v/${g.currentVersion}` },
            t('home.readVersion', { number: g.currentVersion }),
          ),
        )
      : h('p', { class: 'muted' }, t('home.noVersion')),
  );
}

function section(titleKey: MessageKey, content: Node): HTMLElement {
  const id = uid('s');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, t(titleKey)),
    content,
  );
}

function emptyOr<T>(items: T[], render: (item: T) => Node, emptyKey: MessageKey): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ul', { class: 'plain-list' }, items.map(render));
}

function judgeNeeds(guidelines: Guideline[]): HTMLElement {
  // The server says where this judge may comment now.
  const open = guidelines.filter(
    (g): g is Guideline & { currentVersion: number } =>
      g.currentVersion !== null && g.yourActions.comment,
  );
  return section(
    'home.judge.needs',
    emptyOr(
      open,
      (g) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#/g/${g.id}/v/${g.currentVersion}` },
            `${guidelineTitle(g)} — ${t('version.n', { number: g.currentVersion })}`,
          ),
          ' ',
          stageBadge(g.stage),
          g.stage === 'CONSULTATION' && g.consultationClosesAt
            ? h(
                'span',
                { class: 'muted' },
                ' · ',
                t('home.closes', { date: formatDate(g.consultationClosesAt) }),
              )
            : null,
        ),
      'home.judge.none',
    ),
  );
}

async function reviewerNeeds() {
  const pending = await getAll('/api/reviews', { query: { status: 'PENDING' } });
  return section(
    'home.reviewer.needs',
    emptyOr(pending, (r) => h('li', {}, reviewLine(r)), 'home.reviewer.none'),
  );
}

async function secretariatNeeds(guidelines: Guideline[]): Promise<HTMLElement> {
  // The counts come with each guideline; the moves are asked only where the caller may move.
  const perGuideline = await Promise.all(
    guidelines.map(async (g) => {
      const available = g.yourActions.move
        ? await api.get('/api/guidelines/{id}/transitions/available', { path: { id: g.id } })
        : { items: [] };
      const moves = available.items.filter((move) => move.allowedForYou && !move.unmetGates.length);
      return { g, undisposed: g.yourActions.decideComments ? g.openCommentCount : 0, moves };
    }),
  );
  const overdue = await getAll('/api/reviews', { query: { status: 'OVERDUE' } });

  const comments = perGuideline.filter((x) => x.undisposed > 0);
  const moves = perGuideline.filter((x) => x.moves.length > 0);
  return h(
    'div',
    {},
    section(
      'home.sec.undisposed',
      emptyOr(
        comments,
        ({ g, undisposed }) =>
          h(
            'li',
            {},
            h('a', { href: `#/g/${g.id}/matrix` }, guidelineTitle(g)),
            ' — ',
            t('home.sec.undisposedCount', { count: undisposed }),
          ),
        'home.sec.undisposedNone',
      ),
    ),
    section(
      'home.sec.overdue',
      emptyOr(
        overdue,
        (r) =>
          h(
            'li',
            {},
            h(
              'a',
              { href: `#/reviews/${r.id}` },
              `${pick(r.agency.name) || r.agency.code} — ${reviewGuidelineTitle(r)}`,
            ),
            ' ',
            h('span', { class: 'badge overdue' }, t('review.overdue')),
            ' ',
            h('span', { class: 'muted' }, t('review.due', { date: formatDate(dueDateOf(r)) })),
          ),
        'home.sec.overdueNone',
      ),
    ),
    section(
      'home.sec.moves',
      emptyOr(
        moves,
        ({ g, moves: possible }) =>
          h(
            'li',
            {},
            h('a', { href: `#/g/${g.id}/move` }, guidelineTitle(g)),
            ': ',
            possible.map((m) => stageLabel(m.to)).join(', '),
          ),
        'home.sec.movesNone',
      ),
    ),
  );
}

export async function homeView({ user }: ViewContext): Promise<View> {
  const guidelines = await getAll('/api/guidelines');
  let needs = null;
  if (user.role === 'JUDGE') needs = judgeNeeds(guidelines);
  else if (user.role === 'AGENCY_REVIEWER') needs = await reviewerNeeds();
  else if (can(user, 'SECRETARIAT')) needs = await secretariatNeeds(guidelines);
  else if (can(user, 'ADMIN')) needs = adminPanel(guidelines);

  const listId = uid('list');
  return {
    title: t('home.title'),
    node: h(
      'div',
      {},
      h('h1', {}, t('home.greeting', { name: user.name })),
      h('p', { class: 'muted' }, t(`home.role.${user.role}`)),
      needs,
      h(
        'section',
        { 'aria-labelledby': listId },
        h('h2', { id: listId }, t('home.guidelines')),
        user.yourActions.createGuideline
          ? h('p', {}, h('a', { class: 'button', href: '#/new' }, t('guideline.new')))
          : null,
        guidelines.length
          ? h('ul', { class: 'cards' }, guidelines.map(guidelineCard))
          : h('p', { class: 'muted' }, t('home.noGuidelines')),
      ),
    ),
  };
}
