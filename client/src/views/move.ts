import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle, isStage, notice, road, stageLabel } from '../components';
import { field, h, uid } from '../dom';
import { pick, t, todayInCourt } from '../i18n';
import type { View, ViewContext } from '../router';
import { historyTimeline } from './guideline';

type Guideline = Schema<'GuidelineView'>;
type Move = Schema<'AvailableMoveView'>;
type Agency = Schema<'AgencyView'>;
type Stage = Move['to'];

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function movePanel(
  g: Guideline,
  move: Move,
  agencies: Agency[],
  onMoved: (to: Stage) => void,
): HTMLElement {
  const to = move.to;
  const unmet = move.unmetGates;
  const needs = new Set(move.inputs);
  const reasonRequired = move.needsReason || move.asOverride;
  const headingId = uid('move');
  const inputs: {
    consultationClosesAt?: HTMLInputElement;
    reviewDueAt?: HTMLInputElement;
    agencies?: HTMLInputElement[];
  } = {};
  const controls: Node[] = [];
  if (needs.has('consultationClosesAt')) {
    inputs.consultationClosesAt = h('input', {
      type: 'date',
      min: addDays(todayInCourt(), 1),
      value: addDays(todayInCourt(), 21),
    });
    controls.push(field(t('move.closesAt'), inputs.consultationClosesAt, t('move.closesAtHint')));
  }
  if (needs.has('reviewDueAt')) {
    inputs.reviewDueAt = h('input', {
      type: 'date',
      min: addDays(todayInCourt(), 1),
      value: addDays(todayInCourt(), 30),
    });
    controls.push(field(t('move.dueAt'), inputs.reviewDueAt, t('move.dueAtHint')));
  }
  if (needs.has('agencies')) {
    inputs.agencies = agencies.map((a) =>
      h('input', {
        type: 'checkbox',
        value: a.code,
        checked: ['MOFA', 'MOJ', 'OSPP', 'MPS'].includes(a.code),
      }),
    );
    controls.push(
      h(
        'fieldset',
        {},
        h('legend', {}, t('move.agencies')),
        agencies.map((a, i) =>
          h('label', { class: 'choice' }, inputs.agencies![i], `${a.code} — ${pick(a.name)}`),
        ),
      ),
    );
  }
  const reason = h('textarea', { rows: '2', required: reasonRequired });
  controls.push(field(t(reasonRequired ? 'move.reasonRequired' : 'move.reason'), reason));
  const overrideBox = move.asOverride ? h('input', { type: 'checkbox', checked: true }) : null;
  if (overrideBox) controls.push(h('label', { class: 'choice' }, overrideBox, t('move.override')));

  const message = h('div', {});
  const submit = h(
    'button',
    { type: 'submit', class: to === 'WITHDRAWN' ? 'danger' : 'primary' },
    t('move.submit', { stage: stageLabel(to) }),
  );
  const form = h(
    'form',
    { novalidate: true },
    controls,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const body: Schema<'MoveDto'> = { to, expectedStage: g.stage };
    if (reason.value.trim()) body.reason = reason.value.trim();
    // A calendar day: the server keeps the consultation open through that day in the court's zone.
    if (inputs.consultationClosesAt?.value)
      body.consultationClosesAt = inputs.consultationClosesAt.value;
    if (inputs.reviewDueAt?.value) body.reviewDueAt = inputs.reviewDueAt.value;
    if (inputs.agencies)
      body.agencies = inputs.agencies.filter((box) => box.checked).map((box) => box.value);
    if (overrideBox?.checked) body.override = true;
    submit.disabled = true;
    try {
      await api.post('/api/guidelines/{id}/transitions', { path: { id: g.id }, body });
      await onMoved(to);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const box = errorBox(error, error.status === 409 ? 'move.stale' : 'move.refused');
      box.setAttribute('tabindex', '-1');
      message.append(box);
      box.focus();
      submit.disabled = false;
    }
  });

  return h(
    'section',
    { class: 'panel move', 'aria-labelledby': headingId, dataset: { to } },
    h('h2', { id: headingId }, `${stageLabel(g.stage)} → ${stageLabel(to)}`),
    unmet.length
      ? h(
          'div',
          { class: 'alert' },
          h('p', {}, h('strong', {}, t('move.unmet'))),
          h(
            'ul',
            {},
            unmet.map((gate) => h('li', { dataset: { gate: gate.code } }, gate.message)),
          ),
        )
      : h('p', { class: 'notice' }, t('move.ready')),
    form,
  );
}

export async function moveView({ params, query }: ViewContext): Promise<View> {
  const path = { id: params.id };
  const [g, available, agencies, history] = await Promise.all([
    api.get('/api/guidelines/{id}', { path }),
    api.get('/api/guidelines/{id}/transitions/available', { path }),
    api.get('/api/agencies'),
    api.get('/api/guidelines/{id}/transitions', { path }),
  ]);
  const moves = available.items.filter((move) => move.allowedForYou);
  const moved = isStage(query.moved) ? query.moved : null;
  const title = `${t('move.title')} — ${guidelineTitle(g)}`;
  const onMoved = (to: Stage) => {
    location.hash = `#/g/${g.id}/move?moved=${to}`;
  };
  const writable = g.yourActions.move;
  // Everyone may look at the panel; only moves their role may make get a form.
  const historyId = uid('h');
  return {
    title,
    focus: moved ? '#move-done' : null,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('move.title') },
      ]),
      h('h1', {}, title),
      moved
        ? h(
            'p',
            { class: 'notice', role: 'status', id: 'move-done', tabindex: '-1' },
            t('move.done', { stage: stageLabel(moved) }),
          )
        : null,
      h('p', {}, t('move.now', { stage: stageLabel(g.stage) })),
      road(g.stage),
      writable
        ? moves.length
          ? moves.map((move) => movePanel(g, move, agencies.items, onMoved))
          : notice(t('move.none'))
        : null,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': historyId },
        h('h2', { id: historyId }, t('history.title')),
        historyTimeline(history.items),
      ),
    ),
  };
}
