// Pieces several screens share: the road of stages, breadcrumbs, error boxes, titles.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { pick, t } from './i18n.js';

export const ROAD = [
  'DRAFTING',
  'CONSULTATION',
  'TECHNICAL_WORKING_GROUP',
  'COUNCIL_OF_JUDGES',
  'INTERAGENCY_REVIEW',
  'ADOPTED',
];

export function stageLabel(stage) {
  return t(`stage.${stage}`);
}

/** Where a guideline stands on the road: an ordered list, the current step marked for all. */
export function road(stage, labelledBy) {
  const index = ROAD.indexOf(stage);
  const list = h(
    'ol',
    {
      class: `road${stage === 'WITHDRAWN' ? ' withdrawn' : ''}`,
      'aria-label': labelledBy ? null : t('road.label'),
      'aria-labelledby': labelledBy ?? null,
    },
    ROAD.map((step, i) => {
      const status =
        stage === 'WITHDRAWN' ? 'todo' : i < index ? 'done' : i === index ? 'current' : 'todo';
      return h(
        'li',
        { class: status, 'aria-current': status === 'current' ? 'step' : null },
        h('span', { class: 'visually-hidden' }, `${t(`road.${status}`)}: `),
        `${i + 1}. ${stageLabel(step)}`,
      );
    }),
  );
  if (stage !== 'WITHDRAWN') return list;
  return h('div', {}, h('p', {}, h('span', { class: 'badge bad' }, stageLabel('WITHDRAWN'))), list);
}

export function stageBadge(stage) {
  const tone = stage === 'ADOPTED' ? 'ok' : stage === 'WITHDRAWN' ? 'bad' : 'warn';
  return h('span', { class: `badge ${tone}` }, stageLabel(stage));
}

export function guidelineTitle(guideline) {
  return pick(guideline.title);
}

export function crumbs(items) {
  return h(
    'nav',
    { class: 'crumbs', 'aria-label': t('crumbs.label') },
    h(
      'ol',
      {},
      items.map((item, i) =>
        h(
          'li',
          {},
          item.href && i < items.length - 1
            ? h('a', { href: item.href }, item.text)
            : h('span', { 'aria-current': i === items.length - 1 ? 'page' : null }, item.text),
        ),
      ),
    ),
  );
}

/** An API error as a list a person can act on: the message and each detail (unmet gates, bad fields). */
export function errorBox(error, titleKey = 'error.refused') {
  if (!(error instanceof ApiError)) throw error;
  const details = error.details ?? [];
  return h(
    'div',
    { class: 'alert', role: 'alert' },
    h('p', {}, h('strong', {}, t(titleKey)), ' ', details.length ? '' : error.message),
    details.length
      ? h(
          'ul',
          {},
          details.map((d) => h('li', {}, d.field ? `${d.field}: ${d.message}` : d.message)),
        )
      : null,
  );
}

export function notice(text) {
  return h('p', { class: 'notice', role: 'status' }, text);
}

export function isPast(dateText, today) {
  return Boolean(dateText) && dateText.slice(0, 10) < today;
}

export function can(user, ...roles) {
  return Boolean(user) && roles.includes(user.role);
}

/** Whether this judge may comment now (mirrors src/workflow/comment-rules.ts; the API decides). */
export function judgeMayComment(user, stage) {
  if (user?.role !== 'JUDGE') return false;
  const committees = user.committees ?? [];
  if (stage === 'CONSULTATION') return true;
  if (stage === 'TECHNICAL_WORKING_GROUP') return committees.includes('TWG');
  if (stage === 'COUNCIL_OF_JUDGES') return committees.includes('COUNCIL');
  return false;
}
