import { api, apiUrl, getAll, type Schema } from '../api/client';
import { crumbs, guidelineTitle } from '../components';
import { field, h, scrollTable, svg, uid } from '../dom';
import { formatNumber, lang, pick, t } from '../i18n';
import { ROAD, stageLabel, type Stage } from '../components';
import type { View, ViewContext } from '../router';

interface Bar {
  label: string;
  value: number;
  text?: string;
}

/** A horizontal bar chart in SVG; the same numbers are in the table next to it. */
export function barChart(label: string, bars: Bar[]): HTMLElement {
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

function dataTable(caption: string, headers: string[], rows: string[][]): HTMLElement {
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

export async function reportView({ query }: ViewContext): Promise<View> {
  const guidelines = await getAll('/api/guidelines');
  const filters: Omit<Schema<'ReportFiltersView'>, 'stage'> & { stage?: Stage } = {};
  for (const key of ['guidelineId', 'from', 'to', 'province'] as const)
    if (query[key]) filters[key] = query[key];
  const stage = [...ROAD, 'WITHDRAWN' as const].find((s) => s === query.stage);
  if (stage) filters.stage = stage;
  const report = await api.get('/api/reports/participation', { query: filters });

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
  const stageSelect = h(
    'select',
    { name: 'stage' },
    h('option', { value: '' }, t('report.allStages')),
    ROAD.filter((s) => s !== 'DRAFTING' && s !== 'ADOPTED').map((s) =>
      h('option', { value: s, selected: s === stage }, stageLabel(s)),
    ),
  );
  const province = h('input', { type: 'text', name: 'province', value: query.province ?? '' });
  const from = h('input', { type: 'date', name: 'from', value: query.from ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: query.to ?? '' });
  const form = h(
    'form',
    { class: 'panel', 'aria-label': t('report.filters') },
    field(t('report.guideline'), guidelineSelect),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('report.stage'), stageSelect)),
      h('div', {}, field(t('report.province'), province)),
    ),
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
    if (stageSelect.value) params.set('stage', stageSelect.value);
    if (province.value.trim()) params.set('province', province.value.trim());
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    location.hash = `#/reports${params.toString() ? `?${params}` : ''}`;
  });

  const sexes = ['female', 'male', 'other'] as const;
  const bySex = report.bySex;
  const sexBars = sexes.map((s) => ({
    label: t(`sex.${s}`),
    value: bySex[s].count,
    text: `${formatNumber(bySex[s].count)} (${bySex[s].label})`,
  }));
  const institutions = report.byInstitution;
  const institutionName = (i: (typeof institutions)[number]) => i.name ?? pick(i.categoryName);
  const institutionBars = institutions.map((i) => ({
    label: institutionName(i),
    value: i.count,
    text: `${formatNumber(i.count)} (${i.label})`,
  }));
  const categories = report.byCategory.filter((c) => c.count > 0);
  const disability = report.withDisability;
  const sexId = uid('sex');
  const instId = uid('inst');
  const catId = uid('cat');
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
        { class: 'actions' },
        h(
          'a',
          {
            class: 'button',
            download: '',
            href: apiUrl('/api/reports/participation', {
              query: { ...filters, format: 'csv', locale: lang() },
            }),
          },
          t('report.csv'),
        ),
      ),
      h(
        'div',
        { class: 'panel', id: 'report-summary' },
        h('p', {}, h('strong', {}, pick(report.summary))),
        disability.eventsReporting > 0
          ? h(
              'p',
              {},
              t('report.disability', {
                count: formatNumber(disability.count),
                share: disability.label,
                events: formatNumber(disability.eventsReporting),
              }),
            )
          : null,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': sexId },
        h('h2', { id: sexId }, t('report.bySex')),
        barChart(t('report.bySex'), sexBars),
        dataTable(
          t('report.bySex'),
          [t('report.sex'), t('report.count'), t('report.share')],
          sexes.map((s) => [t(`sex.${s}`), formatNumber(bySex[s].count), bySex[s].label]),
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
                [
                  t('report.institution'),
                  t('report.category'),
                  t('report.count'),
                  t('report.share'),
                ],
                institutions.map((i) => [
                  institutionName(i),
                  pick(i.categoryName),
                  formatNumber(i.count),
                  i.label,
                ]),
              ),
            ]
          : h('p', { class: 'muted' }, t('report.noInstitutions')),
        report.withoutInstitutionBreakdown.count
          ? h(
              'p',
              { class: 'muted' },
              t('report.withoutBreakdown', {
                count: formatNumber(report.withoutInstitutionBreakdown.count),
              }),
            )
          : null,
      ),
      categories.length
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': catId },
            h('h2', { id: catId }, t('report.byCategory')),
            dataTable(
              t('report.byCategory'),
              [t('report.category'), t('report.count'), t('report.share')],
              categories.map((c) => [pick(c.name), formatNumber(c.count), c.label]),
            ),
          )
        : null,
    ),
  };
}
