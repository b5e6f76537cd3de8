// The administrator's agencies: the list with a form to add one, and one agency's names and
// contact address (where review requests and reminders go).
import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, notice } from '../components';
import { field, h, scrollTable } from '../dom';
import { pick, t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';

type Agency = Schema<'AgencyView'>;

function show(message: HTMLElement, box: HTMLElement): void {
  box.setAttribute('tabindex', '-1');
  message.replaceChildren(box);
  box.focus();
}

function refusal(message: HTMLElement, error: unknown): void {
  if (!(error instanceof ApiError)) throw error;
  show(message, errorBox(error));
}

/** The fields both forms share: names in Lao and English and the contact address. */
function agencyFields(agency?: Agency) {
  const nameLo = h('input', {
    type: 'text',
    name: 'nameLo',
    lang: 'lo',
    required: true,
    value: agency?.name.lo ?? '',
  });
  const nameEn = h('input', {
    type: 'text',
    name: 'nameEn',
    lang: 'en',
    required: true,
    value: agency?.name.en ?? '',
  });
  const email = h('input', {
    type: 'email',
    name: 'email',
    required: true,
    value: agency?.email ?? '',
  });
  const current = agency?.locale ?? 'lo';
  const locale = h(
    'select',
    { name: 'locale' },
    (['lo', 'en'] as const).map((l) =>
      h('option', { value: l, selected: l === current }, t(`lang.${l}`)),
    ),
  );
  return {
    nodes: [
      field(t('admin.agency.nameLo'), nameLo),
      field(t('admin.agency.nameEn'), nameEn),
      field(t('admin.agency.email'), email, t('admin.agency.emailHint')),
      field(t('admin.agency.locale'), locale),
    ],
    read: () => ({
      name: { lo: nameLo.value.trim(), en: nameEn.value.trim() },
      email: email.value.trim(),
      locale: locale.value === 'en' ? ('en' as const) : ('lo' as const),
    }),
  };
}

export async function agenciesView({ query }: ViewContext): Promise<View> {
  const agencies = await api.get('/api/agencies').then((list) => list.items);
  const code = h('input', { type: 'text', name: 'code', required: true, autocomplete: 'off' });
  const fields = agencyFields();
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    field(t('admin.agency.code'), code, t('admin.agency.codeHint')),
    fields.nodes,
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('admin.agency.create')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    try {
      const agency = await api.post('/api/agencies', {
        body: { code: code.value.trim(), ...fields.read() },
      });
      navigate(`/admin/agencies/${agency.id}?created=1`);
    } catch (error) {
      refusal(message, error);
    }
  });
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, t('admin.agencies.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('admin.agency.code')),
        h('th', { scope: 'col' }, t('admin.agency.name')),
        h('th', { scope: 'col' }, t('admin.agency.email')),
      ),
    ),
    h(
      'tbody',
      {},
      agencies.map((a) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h(
              'a',
              {
                href: `#/admin/agencies/${a.id}`,
                'aria-label': `${t('admin.agency.edit')}: ${a.code}`,
              },
              a.code,
            ),
          ),
          h('td', {}, pick(a.name)),
          h('td', {}, a.email),
        ),
      ),
    ),
  );
  return {
    title: t('admin.agencies.title'),
    node: h(
      'div',
      {},
      crumbs([{ href: '#/', text: t('nav.home') }, { text: t('admin.agencies.title') }]),
      h('h1', {}, t('admin.agencies.title')),
      query.saved ? notice(t('admin.agency.saved')) : null,
      agencies.length
        ? scrollTable(t('admin.agencies.title'), table)
        : h('p', { class: 'muted' }, t('admin.agencies.none')),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'agency-new' },
        h('h2', { id: 'agency-new' }, t('admin.agency.new')),
        form,
      ),
    ),
  };
}

export async function agencyView({ params, query }: ViewContext): Promise<View> {
  const agency = (await api.get('/api/agencies')).items.find((a) => a.id === params.id);
  if (!agency) throw new ApiError(404, null);
  const fields = agencyFields(agency);
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    fields.nodes,
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('admin.agency.save')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    try {
      await api.patch('/api/agencies/{id}', { path: { id: agency.id }, body: fields.read() });
      navigate('/admin/agencies?saved=1');
    } catch (error) {
      refusal(message, error);
    }
  });
  const title = `${agency.code} — ${pick(agency.name)}`;
  return {
    title,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: '#/admin/agencies', text: t('admin.agencies.title') },
        { text: agency.code },
      ]),
      h('h1', {}, title),
      query.created ? notice(t('admin.agency.created')) : null,
      h('section', { class: 'panel', 'aria-label': t('admin.agency.edit') }, form),
    ),
  };
}
