import { api, apiAll, ApiError } from '../api.js';
import { can, crumbs, errorBox, guidelineTitle, notice, road, stageLabel } from '../components.js';
import { field, h, uid } from '../dom.js';
import { pick, t, todayInVientiane } from '../i18n.js';
import { historyTimeline } from './guideline.js';

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function movePanel(g, move, agencies, user, onMoved) {
  const to = move.to;
  const unmet = move.unmetGates;
  const needs = new Set(move.inputs);
  const reasonRequired = move.needsReason || move.asOverride;
  const headingId = uid('move');
  const inputs = {};
  const controls = [];
  if (needs.has('consultationClosesAt')) {
    inputs.consultationClosesAt = h('input', {
      type: 'date',
      min: addDays(todayInVientiane(), 1),
      value: addDays(todayInVientiane(), 21),
    });
    controls.push(field(t('move.closesAt'), inputs.consultationClosesAt, t('move.closesAtHint')));
  }
  if (needs.has('reviewDueAt')) {
    inputs.reviewDueAt = h('input', {
      type: 'date',
      min: addDays(todayInVientiane(), 1),
      value: addDays(todayInVientiane(), 30),
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
          h('label', { class: 'choice' }, inputs.agencies[i], `${a.code} — ${pick(a.name)}`),
        ),
      ),
    );
  }
  inputs.reason = h('textarea', { rows: '2', required: reasonRequired });
  controls.push(field(t(reasonRequired ? 'move.reasonRequired' : 'move.reason'), inputs.reason));
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
    const body = { to, expectedStage: g.stage };
    if (inputs.reason.value.trim()) body.reason = inputs.reason.value.trim();
    if (inputs.consultationClosesAt?.value)
      body.consultationClosesAt = `${inputs.consultationClosesAt.value}T23:59:59+07:00`;
    if (inputs.reviewDueAt?.value) body.reviewDueAt = inputs.reviewDueAt.value;
    if (inputs.agencies)
      body.agencies = inputs.agencies.filter((box) => box.checked).map((box) => box.value);
    if (overrideBox?.checked) body.override = true;
    submit.disabled = true;
    try {
      await api(`/guidelines/${g.id}/transitions`, { method: 'POST', body });
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

export async function moveView({ params, user, query }) {
  const [g, available, agencies, history] = await Promise.all([
    api(`/guidelines/${params.id}`),
    api(`/guidelines/${params.id}/transitions/available`),
    apiAll('/agencies'),
    api(`/guidelines/${params.id}/transitions`),
  ]);
  const moves = available.items.filter((move) => move.allowedForYou);
  const title = `${t('move.title')} — ${guidelineTitle(g)}`;
  const onMoved = (to) => {
    location.hash = `#/g/${g.id}/move?moved=${to}`;
  };
  const writable = can(user, 'SECRETARIAT', 'ADMIN');
  // Everyone may look at the panel; only moves their role may make get a form.
  const historyId = uid('h');
  return {
    title,
    focus: query.moved ? '#move-done' : null,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('move.title') },
      ]),
      h('h1', {}, title),
      query.moved
        ? h(
            'p',
            { class: 'notice', role: 'status', id: 'move-done', tabindex: '-1' },
            t('move.done', { stage: stageLabel(query.moved) }),
          )
        : null,
      h('p', {}, t('move.now', { stage: stageLabel(g.stage) })),
      road(g.stage),
      writable
        ? moves.length
          ? moves.map((move) => movePanel(g, move, agencies, user, onMoved))
          : notice(t('move.none'))
        : null,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': historyId },
        h('h2', { id: historyId }, t('history.title')),
        historyTimeline(history.items ?? []),
      ),
    ),
  };
}
