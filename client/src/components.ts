// Pieces several screens share: the road of stages, breadcrumbs, error boxes, titles.
import { ApiError, type Schema } from './api/client';
import { h, uid } from './dom';
import { formatNumber, pick, t } from './i18n';
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
  if (error.retryable) {
    // Nothing came back, or nothing could be written: the form keeps what was typed.
    return h(
      'div',
      { class: 'alert', role: 'alert' },
      h(
        'p',
        {},
        h('strong', {}, t('error.notSent')),
        ' ',
        t(error.status === 0 ? 'error.network' : 'error.unavailable'),
      ),
    );
  }
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

/** Texts longer than this are shown folded, with "show all". */
export const FOLD_AT = 1500;

/**
 * A person's text (a comment, a response) as a paragraph: past FOLD_AT characters only its
 * beginning shows, with a button that unfolds all of it and folds it again.
 */
export function foldedText(text: string, props: { class?: string } = {}): HTMLElement {
  if (text.length <= FOLD_AT) return h('p', props, text);
  // Cut at a space near the limit when there is one, so a word is not split.
  const space = text.lastIndexOf(' ', FOLD_AT);
  const head = `${text.slice(0, space > FOLD_AT * 0.8 ? space : FOLD_AT).trimEnd()}…`;
  const paragraph = h('p', { ...props, id: uid('fold') }, head);
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'linkish fold-toggle',
      'aria-expanded': 'false',
      'aria-controls': paragraph.id,
    },
    t('fold.showAll', { count: formatNumber(text.length) }),
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    paragraph.textContent = open ? text : head;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open
      ? t('fold.showLess')
      : t('fold.showAll', { count: formatNumber(text.length) });
  });
  return h('div', { class: 'folded' }, paragraph, toggle);
}

export function notice(text: string): HTMLElement {
  return h('p', { class: 'notice', role: 'status' }, text);
}

export function can(user: Me | null, ...roles: Role[]): boolean {
  return Boolean(user) && roles.includes(user!.role);
}
