// Pieces several screens share: the road of stages, breadcrumbs, error boxes, titles.
import { ApiError, type Schema } from './api/client';
import { h } from './dom';
import { pick, t } from './i18n';
import type { Me } from './session';

export type Stage = Schema<'GuidelineView'>['stage'];
export type Role = Me['role'];

export const ROAD: Stage[] = [
  'DRAFTING',
  'CONSULTATION',
  'TECHNICAL_WORKING_GROUP',
  'COUNCIL_OF_JUDGES',
  'INTERAGENCY_REVIEW',
  'ADOPTED',
];

export function isStage(value: unknown): value is Stage {
  return value === 'WITHDRAWN' || ROAD.includes(value as Stage);
}

export function stageLabel(stage: Stage): string {
  return t(`stage.${stage}`);
}

/** Where a guideline stands on the road: an ordered list, the current step marked for all. */
export function road(stage: Stage, labelledBy?: string): HTMLElement {
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

export function stageBadge(stage: Stage): HTMLElement {
  const tone = stage === 'ADOPTED' ? 'ok' : stage === 'WITHDRAWN' ? 'bad' : 'warn';
  return h('span', { class: `badge ${tone}` }, stageLabel(stage));
}

export function guidelineTitle(guideline: { title: { en: string; lo: string } }): string {
  return pick(guideline.title);
}

export function crumbs(items: { href?: string; text: string }[]): HTMLElement {
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
export function errorBox(
  error: unknown,
  titleKey: 'error.refused' | 'move.stale' | 'move.refused' = 'error.refused',
): HTMLElement {
  if (!(error instanceof ApiError)) throw error;
  const details = error.details;
  return h(
    'div',
    { class: 'alert', role: 'alert' },
    h('p', {}, h('strong', {}, t(titleKey)), ' ', details.length ? '' : error.message),
    details.length
      ? h(
          'ul',
          {},
          // A reason with a code is a whole sentence in the reader's language; a field name
          // prefixes only the validator's messages, which name no code.
          details.map((d) =>
            h('li', {}, d.field && !d.code ? `${d.field}: ${d.message}` : d.message),
          ),
        )
      : null,
  );
}

export function notice(text: string): HTMLElement {
  return h('p', { class: 'notice', role: 'status' }, text);
}

export function can(user: Me | null, ...roles: Role[]): boolean {
  return Boolean(user) && roles.includes(user!.role);
}
