import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle, notice } from '../components';
import { announce, field, h } from '../dom';
import { t, todayInCourt } from '../i18n';
import { forbiddenView, type View, type ViewContext } from '../router';

type EventInput = Schema<'CreateEventDto'>;
type InstitutionInput = Schema<'InstitutionCountDto'>;

export const INSTITUTION_CATEGORIES: InstitutionInput['category'][] = [
  'COURT',
  'PROSECUTION',
  'POLICE',
  'JUSTICE',
  'WOMENS_UNION',
  'CIVIL_SOCIETY',
  'OTHER',
];
export const EVENT_KINDS: EventInput['kind'][] = [
  'WORKSHOP',
  'TRAINING',
  'TWG_MEETING',
  'COUNCIL_MEETING',
  'CONSULTATION_MEETING',
  'OTHER',
];

/** What each institution row on the form reads as. */
const institutionReaders = new WeakMap<Element, () => InstitutionInput>();

function institutionRow(
  index: number,
  actions: { remove: (row: HTMLElement) => void },
): HTMLFieldSetElement {
  const category = h(
    'select',
    { name: 'category' },
    INSTITUTION_CATEGORIES.map((c) =>
      h('option', { value: c, selected: c === 'OTHER' }, t(`category.${c}`)),
    ),
  );
  const name = h('input', { type: 'text', name: 'institution' });
  const count = h('input', {
    type: 'number',
    name: 'count',
    min: '0',
    step: '1',
    inputmode: 'numeric',
  });
  const label = t('event.institutionN', { n: index + 1 });
  const row = h(
    'fieldset',
    { class: 'institution' },
    h('legend', {}, label),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('event.institutionName'), name)),
      h('div', {}, field(t('event.institutionCategory'), category)),
      h('div', {}, field(t('event.institutionCount'), count)),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': `${t('event.removeInstitution')} — ${label}`,
        onclick: () => actions.remove(row),
      },
      t('event.removeInstitution'),
    ),
  );
  institutionReaders.set(row, () => {
    const out: InstitutionInput = {
      category: INSTITUTION_CATEGORIES.find((c) => c === category.value) ?? 'OTHER',
      count: Number(count.value || 0),
    };
    if (name.value.trim()) out.name = name.value.trim();
    return out;
  });
  return row;
}

export async function eventView({ params }: ViewContext): Promise<View> {
  const g = await api.get('/api/guidelines/{id}', { path: { id: params.id } });
  // The server says who records events; anyone else typing the address is told so, no form.
  if (!g.yourActions.recordEvent) return forbiddenView();
  const input = (type: string, extra: Record<string, unknown> = {}) =>
    h('input', { type, ...extra });
  const title = input('text', { required: true });
  const date = input('date', { required: true, value: todayInCourt() });
  const location = input('text', { required: true });
  const partner = input('text');
  const kind = h(
    'select',
    {},
    EVENT_KINDS.map((k) => h('option', { value: k }, t(`eventKind.${k}`))),
  );
  const num = () =>
    input('number', { min: '0', step: '1', value: '0', inputmode: 'numeric', required: true });
  const female = num();
  const male = num();
  const other = num();
  const disability = num();
  const institutions = h('div', {});
  const actions = {
    remove(row: HTMLElement) {
      row.remove();
      announce(t('event.institutionRemoved'));
    },
  };
  const addInstitution = h(
    'button',
    { type: 'button', class: 'secondary' },
    t('event.addInstitution'),
  );
  addInstitution.addEventListener('click', () => {
    const row = institutionRow(institutions.children.length, actions);
    institutions.append(row);
    row.querySelector('input')?.focus();
  });
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    field(t('event.name'), title),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('event.date'), date)),
      h('div', {}, field(t('event.location'), location)),
    ),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('event.kind'), kind)),
      h('div', {}, field(t('event.partner'), partner)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('event.participants')),
      h(
        'div',
        { class: 'field-row' },
        h('div', {}, field(t('sex.female'), female)),
        h('div', {}, field(t('sex.male'), male)),
        h('div', {}, field(t('sex.other'), other)),
        h('div', {}, field(t('event.withDisability'), disability)),
      ),
    ),
    h('fieldset', {}, h('legend', {}, t('event.institutions')), institutions, addInstitution),
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('event.submit')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const rows = [...institutions.querySelectorAll('fieldset.institution')].flatMap((row) => {
      const read = institutionReaders.get(row);
      return read ? [read()] : [];
    });
    const body: EventInput = {
      guidelineId: g.id,
      title: title.value.trim(),
      date: date.value,
      location: location.value.trim(),
      kind: EVENT_KINDS.find((k) => k === kind.value) ?? 'OTHER',
      participants: {
        female: Number(female.value || 0),
        male: Number(male.value || 0),
        other: Number(other.value || 0),
        withDisability: Number(disability.value || 0),
      },
    };
    if (partner.value.trim()) body.partner = partner.value.trim();
    if (rows.length) body.institutions = rows;
    try {
      await api.post('/api/events', { body });
      form.reset();
      institutions.replaceChildren();
      const done = notice(t('event.saved'));
      done.setAttribute('tabindex', '-1');
      message.append(
        done,
        h('p', {}, h('a', { href: `#/reports?guidelineId=${g.id}` }, t('report.title'))),
      );
      done.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const box = errorBox(error);
      box.setAttribute('tabindex', '-1');
      message.append(box);
      box.focus();
    }
  });
  const heading = `${t('event.title')} — ${guidelineTitle(g)}`;
  return {
    title: heading,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('event.title') },
      ]),
      h('h1', {}, heading),
      h('section', { class: 'panel', 'aria-label': t('event.title') }, form),
    ),
  };
}
