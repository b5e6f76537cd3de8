import { api, apiAll } from '../api.js';
import { crumbs, guidelineTitle } from '../components.js';
import { field, h, scrollTable, svg, uid } from '../dom.js';
import { formatDate, formatNumber, pick, t } from '../i18n.js';

/** A horizontal bar chart in SVG; the same numbers are in the table next to it. */
export function barChart(label, bars) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 30;
  const labelWidth = 190;
  const width = 600;
  const barSpace = width - labelWidth - 70;
  const height = bars.length * rowHeight + 10;
  const colors = ['#1d3f72', '#0b6e4f', '#8a4b00', '#6b2c91', '#a1261c', '#2f5f8a'];
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
      bars.map((b, i) => {
        const y = i * rowHeight + 5;
        const w = Math.round((b.value / max) * barSpace);
        return svg(
          'g',
          {},
          svg(
            'text',
            { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end' },
            b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label,
          ),
          svg('rect', {
            x: labelWidth,
            y: y + 3,
            width: Math.max(w, 1),
            height: rowHeight - 10,
            fill: colors[i % colors.length],
            rx: 3,
          }),
          svg('text', { x: labelWidth + Math.max(w, 1) + 6, y: y + 18 }, b.text ?? String(b.value)),
        );
      }),
    ),
    h('figcaption', { class: 'visually-hidden' }, label),
  );
}

function dataTable(caption, headers, rows) {
  return scrollTable(
    caption,
    h(
      'table',
      {},
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((text, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, text)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((text, i) =>
              i ? h('td', { class: 'num' }, text) : h('th', { scope: 'row' }, text),
            ),
          ),
        ),
      ),
    ),
  );
}

const percent = (share) => formatNumber(share ?? 0, { style: 'percent', maximumFractionDigits: 2 });

export async function reportView({ query }) {
  const guidelines = await apiAll('/guidelines');
  const filters = {};
  for (const key of ['guidelineId', 'from', 'to']) if (query[key]) filters[key] = query[key];
  const report = await api('/reports/participation', { query: filters });

  const guidelineSelect = h(
    'select',
    { name: 'guidelineId' },
    h('option', { value: '' }, t('report.allGuidelines')),
    guidelines.map((g) =>
      h(
        'option',
        { value: g.id, selected: g.id === query.guidelineId },
        `${g.code} — ${guidelineTitle(g)}`,
      ),
    ),
  );
  const from = h('input', { type: 'date', name: 'from', value: query.from ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: query.to ?? '' });
  const form = h(
    'form',
    { class: 'panel' },
    field(t('report.guideline'), guidelineSelect),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('report.from'), from)),
      h('div', {}, field(t('report.to'), to)),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'secondary' }, t('common.apply')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (guidelineSelect.value) params.set('guidelineId', guidelineSelect.value);
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    location.hash = `#/reports${params.toString() ? `?${params}` : ''}`;
  });

  const participants = report.participants ?? {};
  const shares = report.shares ?? {};
  const sexes = ['female', 'male', 'other'];
  const sexBars = sexes.map((s) => ({
    label: t(`sex.${s}`),
    value: participants[s] ?? 0,
    text: `${formatNumber(participants[s] ?? 0)} (${percent(shares[s])})`,
  }));
  const institutions = report.institutions ?? report.byInstitution ?? [];
  const institutionBars = institutions.map((i) => ({
    label: i.name,
    value: i.count ?? i.participants ?? 0,
  }));
  const events = report.events ?? [];
  const eventList = Array.isArray(events) ? events : (report.eventList ?? []);
  const eventCount = Array.isArray(events) ? events.length : events;
  const sexId = uid('sex');
  const instId = uid('inst');
  return {
    title: t('report.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('report.title') }]),
      h('h1', {}, t('report.title')),
      form,
      h(
        'p',
        { class: 'panel', id: 'report-summary' },
        t('report.summary', {
          events: formatNumber(eventCount ?? 0),
          total: formatNumber(participants.total ?? 0),
          female: percent(shares.female),
          male: percent(shares.male),
          other: percent(shares.other),
        }),
        participants.withDisability !== undefined
          ? ` ${t('report.disability', { count: formatNumber(participants.withDisability) })}`
          : '',
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': sexId },
        h('h2', { id: sexId }, t('report.bySex')),
        barChart(t('report.bySex'), sexBars),
        dataTable(
          t('report.bySex'),
          [t('report.sex'), t('report.count'), t('report.share')],
          sexes.map((s) => [t(`sex.${s}`), formatNumber(participants[s] ?? 0), percent(shares[s])]),
        ),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': instId },
        h('h2', { id: instId }, t('report.byInstitution')),
        institutions.length
          ? [
              barChart(t('report.byInstitution'), institutionBars),
              dataTable(
                t('report.byInstitution'),
                [t('report.institution'), t('report.count')],
                institutions.map((i) => [i.name, formatNumber(i.count ?? i.participants ?? 0)]),
              ),
            ]
          : h('p', { class: 'muted' }, t('report.noInstitutions')),
      ),
      eventList.length
        ? h(
            'section',
            { class: 'panel' },
            h('h2', {}, t('report.events')),
            dataTable(
              t('report.events'),
              [t('event.name'), t('event.date'), t('report.count')],
              eventList.map((e) => [
                `${e.title}${e.location ? ` — ${e.location}` : ''}`,
                formatDate(e.date),
                formatNumber(e.participants?.total ?? e.total ?? 0),
              ]),
            ),
          )
        : null,
      h('p', { class: 'muted' }, pick(report.note) || ''),
    ),
  };
}
