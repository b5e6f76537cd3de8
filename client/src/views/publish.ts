import { api, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle } from '../components';
import { announce, field, h } from '../dom';
import { t } from '../i18n';
import { navigate, type View, type ViewContext } from '../router';

export type SectionInput = Schema<'SectionInputDto'>;
type SectionKind = SectionInput['kind'];
const KINDS: SectionKind[] = ['text', 'indicator'];

export interface EditorActions {
  move: (index: number, delta: number) => void;
  remove: (index: number) => void;
}

/** What each section editor on the form reads as. */
export const sectionReaders = new WeakMap<Element, () => SectionInput>();

export function sectionEditor(
  section: SectionInput,
  index: number,
  total: number,
  actions: EditorActions,
): HTMLFieldSetElement {
  const key = h('input', {
    type: 'text',
    name: 'key',
    value: section.key ?? '',
    required: true,
    autocomplete: 'off',
  });
  const heading = h('input', { type: 'text', name: 'heading', value: section.heading ?? '' });
  const body = h('textarea', { name: 'body', rows: '5' });
  body.value = section.body ?? '';
  const kind = h(
    'select',
    { name: 'kind' },
    KINDS.map((k) =>
      h('option', { value: k, selected: (section.kind ?? 'text') === k }, t(`section.kind.${k}`)),
    ),
  );
  const code = h('input', { type: 'text', name: 'code', value: section.code ?? '' });
  const category = h('input', { type: 'text', name: 'category', value: section.category ?? '' });
  const indicatorFields = h(
    'div',
    { class: 'field-row', hidden: (section.kind ?? 'text') !== 'indicator' },
    h('div', {}, field(t('section.code'), code)),
    h('div', {}, field(t('section.category'), category)),
  );
  kind.addEventListener('change', () => (indicatorFields.hidden = kind.value !== 'indicator'));
  const read = () => {
    const out: SectionInput = {
      key: key.value.trim(),
      heading: heading.value,
      body: body.value,
      kind: kind.value === 'indicator' ? 'indicator' : 'text',
    };
    if (kind.value === 'indicator') {
      if (code.value.trim()) out.code = code.value.trim();
      if (category.value.trim()) out.category = category.value.trim();
    }
    return out;
  };
  const legend = t('publish.sectionN', { n: index + 1 });
  const fieldset = h(
    'fieldset',
    { class: 'section-editor' },
    h('legend', {}, legend),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('section.key'), key, t('section.keyHint'))),
      h('div', {}, field(t('section.kind'), kind)),
    ),
    field(t('section.heading'), heading),
    field(t('section.body'), body),
    indicatorFields,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          disabled: index === 0,
          'aria-label': `${t('publish.up')} — ${legend}`,
          onclick: () => actions.move(index, -1),
        },
        t('publish.up'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          disabled: index === total - 1,
          'aria-label': `${t('publish.down')} — ${legend}`,
          onclick: () => actions.move(index, 1),
        },
        t('publish.down'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          disabled: total === 1,
          'aria-label': `${t('publish.remove')} — ${legend}`,
          onclick: () => actions.remove(index),
        },
        t('publish.remove'),
      ),
    ),
  );
  sectionReaders.set(fieldset, read);
  return fieldset;
}

export async function publishView({ params }: ViewContext): Promise<View> {
  const g = await api.get('/api/guidelines/{id}', { path: { id: params.id } });
  const current = g.currentVersion
    ? await api.get('/api/guidelines/{id}/versions/{number}', {
        path: { id: g.id, number: g.currentVersion },
      })
    : null;
  let sections: SectionInput[] = current
    ? current.sections.map((s) => ({
        key: s.key,
        heading: s.heading,
        body: s.body,
        kind: s.kind,
        code: s.code ?? undefined,
        category: s.category ?? undefined,
      }))
    : [{ key: 'purpose', heading: '', body: '', kind: 'text' }];

  const editors = h('div', { id: 'section-editors' });
  const readEditors = (): SectionInput[] =>
    [...editors.querySelectorAll('fieldset.section-editor')].flatMap((f) => {
      const read = sectionReaders.get(f);
      return read ? [read()] : [];
    });
  const actions = {
    move(index: number, delta: number) {
      sections = readEditors();
      const [moved] = sections.splice(index, 1);
      sections.splice(index + delta, 0, moved);
      drawEditors();
      focusEditor(index + delta);
      announce(t('publish.moved'));
    },
    remove(index: number) {
      sections = readEditors();
      sections.splice(index, 1);
      drawEditors();
      focusEditor(Math.max(0, index - 1));
      announce(t('publish.removed'));
    },
  };
  function focusEditor(index: number) {
    const editor = editors.querySelectorAll('fieldset.section-editor')[index];
    editor?.querySelector('input')?.focus();
  }
  function drawEditors() {
    editors.replaceChildren(
      ...sections.map((s, i) => sectionEditor(s, i, sections.length, actions)),
    );
  }
  drawEditors();

  const add = h('button', { type: 'button', class: 'secondary' }, t('publish.add'));
  add.addEventListener('click', () => {
    sections = readEditors();
    sections.push({ key: '', heading: '', body: '', kind: 'text' });
    drawEditors();
    editors.lastElementChild?.querySelector('input')?.focus();
  });

  // Paste Markdown: the server's reader turns it into sections, shown in the editor for checking.
  const markdown = h('textarea', { name: 'markdown', rows: '10', lang: 'lo' });
  const mdMessage = h('div', {});
  const readMarkdown = h(
    'button',
    { type: 'button', class: 'secondary' },
    t('publish.readMarkdown'),
  );
  readMarkdown.addEventListener('click', async () => {
    mdMessage.replaceChildren();
    if (!markdown.value.trim()) {
      mdMessage.append(h('p', { class: 'alert', role: 'alert' }, t('publish.markdownEmpty')));
      markdown.focus();
      return;
    }
    try {
      const parsed = await api.post('/api/web/markdown/sections', {
        body: { markdown: markdown.value },
      });
      sections = parsed.sections;
      drawEditors();
      mdMessage.append(
        h(
          'p',
          { class: 'notice', role: 'status' },
          t('publish.markdownRead', { count: sections.length }),
        ),
      );
      editors.querySelector('input')?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      mdMessage.append(errorBox(error));
    }
  });

  const summary = h('textarea', { name: 'changeSummary', rows: '3', required: true });
  const message = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    h(
      'details',
      { class: 'panel' },
      h('summary', {}, t('publish.markdown')),
      field(t('publish.markdownLabel'), markdown, t('publish.markdownHint')),
      h('div', { class: 'actions' }, readMarkdown),
      mdMessage,
    ),
    h('h2', {}, t('publish.sections')),
    editors,
    h('div', { class: 'actions' }, add),
    field(t('publish.summary'), summary, t('publish.summaryHint')),
    message,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('publish.submit')),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!summary.value.trim()) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('publish.summaryMissing')));
      summary.focus();
      return;
    }
    try {
      const version = await api.post('/api/guidelines/{id}/versions', {
        path: { id: g.id },
        body: { changeSummary: summary.value.trim(), sections: readEditors() },
      });
      navigate(`/g/${g.id}/v/${version.number}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
    }
  });

  const title = guidelineTitle(g);
  return {
    title: `${t('publish.title')} — ${title}`,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('publish.title') },
      ]),
      h('h1', {}, `${t('publish.title')}: ${title}`),
      h('p', {}, current ? t('publish.basedOn', { number: current.number }) : t('publish.first')),
      h('section', { class: 'panel', 'aria-label': t('publish.title') }, form),
    ),
  };
}
