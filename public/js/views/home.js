import { api, apiAll } from '../api.js';
import {
  can,
  guidelineTitle,
  judgeMayComment,
  road,
  stageBadge,
  stageLabel,
} from '../components.js';
import { h, uid } from '../dom.js';
import { formatDate, pick, t } from '../i18n.js';
import { dueDateOf, reviewGuidelineTitle, reviewLine } from './reviews.js';

function guidelineCard(g) {
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

function section(titleKey, content) {
  const id = uid('s');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, t(titleKey)),
    content,
  );
}

function emptyOr(items, render, emptyKey) {
  if (!items.length) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ul', { class: 'plain-list' }, items.map(render));
}

async function judgeNeeds(user, guidelines) {
  const open = guidelines.filter((g) => g.currentVersion && judgeMayComment(user, g.stage));
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
  const pending = await apiAll('/reviews', { status: 'PENDING' });
  return section(
    'home.reviewer.needs',
    emptyOr(pending, (r) => h('li', {}, reviewLine(r)), 'home.reviewer.none'),
  );
}

async function secretariatNeeds(guidelines) {
  const active = guidelines.filter((g) => !['ADOPTED', 'WITHDRAWN'].includes(g.stage));
  const perGuideline = await Promise.all(
    active.map(async (g) => {
      const [matrix, available] = await Promise.all([
        g.currentVersion
          ? api(`/guidelines/${g.id}/comment-matrix`, { query: { format: 'json' } })
          : null,
        api(`/guidelines/${g.id}/transitions/available`),
      ]);
      const rows = matrix?.items ?? matrix?.rows ?? [];
      const undisposed = rows.filter((row) => !row.disposition).length;
      const moves = (available?.items ?? available ?? []).filter(
        (move) => !(move.unmet ?? move.unmetGates ?? []).length,
      );
      return { g, undisposed, moves };
    }),
  );
  const overdue = await apiAll('/reviews', { status: 'OVERDUE' });

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
              `${pick(r.agency?.name) || r.agency?.code || ''} — ${reviewGuidelineTitle(r)}`,
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

export async function homeView({ user }) {
  const guidelines = await apiAll('/guidelines');
  let needs = null;
  if (user.role === 'JUDGE') needs = await judgeNeeds(user, guidelines);
  else if (user.role === 'AGENCY_REVIEWER') needs = await reviewerNeeds();
  else if (can(user, 'SECRETARIAT')) needs = await secretariatNeeds(guidelines);

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
        can(user, 'SECRETARIAT')
          ? h('p', {}, h('a', { class: 'button', href: '#/new' }, t('guideline.new')))
          : null,
        guidelines.length
          ? h('ul', { class: 'cards' }, guidelines.map(guidelineCard))
          : h('p', { class: 'muted' }, t('home.noGuidelines')),
      ),
    ),
  };
}
