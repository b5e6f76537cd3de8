// The working draft of a guideline's next version (secretariat): edit its sections, import a Word
// file, save under the draft's revision, and publish it. The server holds every rule (stages,
// sections, revisions): a refusal is shown in its words.
import { api, ApiError, csrfToken, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle } from '../components';
import { announce, field, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import { keepValue } from '../kept-text';
import { navigate, type View, type ViewContext } from '../router';
import { sectionEditor, sectionReaders, type SectionInput } from './publish';

type Draft = Schema<'DraftView'>;
type DraftImport = Schema<'DraftImportView'>;

function asInput(section: Draft['sections'][number]): SectionInput {
  const input: SectionInput = {
    key: section.key,
    heading: section.heading,
    body: section.body,
    kind: section.kind,
  };
  if (section.code) input.code = section.code;
  if (section.category) input.category = section.category;
  return input;
}

/** Sends a Word file as a browser form; answers the draft with the import's warnings. */
async function importWordFile(id: string, file: File, revision: number): Promise<DraftImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': document.documentElement.lang || 'lo',
  };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  const res = await fetch(
    `/api/guidelines/${encodeURIComponent(id)}/draft/import?revision=${revision}`,
    { method: 'POST', headers, body: form, credentials: 'same-origin' },
  );
  const type = res.headers.get('content-type') || '';
  const data: unknown = type.includes('json') ? await res.json() : { message: await res.text() };
  if (!res.ok) throw new ApiError(res.status, data as Schema<'ErrorView'>);
  return data as DraftImport;
}

/** The draft as it is on the screen, kept until it is saved (nothing typed is lost). */
interface KeptDraft {
  revision: number;
  sections: SectionInput[];
  changeSummary: string;
}

export async function draftView({ params, user }: ViewContext): Promise<View> {
  const [g, initial] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    api.get('/api/guidelines/{id}/draft', { path: { id: params.id } }),
  ]);
  const writer = g.yourActions.editDraft;
  let draft: Draft = initial;
  let sections: SectionInput[] = draft.sections.map(asInput);
  // What was typed and not saved comes back while the draft is still the revision it was typed
  // on; a draft saved since by someone else wins (its page shows what they saved).
  const kept = keepValue<KeptDraft>(user.id, `draft:${g.id}`);
  const earlier = writer ? kept.read() : null;
  const restored = earlier !== null && earlier.revision === draft.revision;
  if (restored) sections = earlier.sections;
  else kept.forget();

  const status = h('p', { class: 'muted', id: 'draft-status' });
  const showStatus = () => {
    status.replaceChildren(
      draft.baseVersionNumber
        ? t('draft.basedOn', { number: draft.baseVersionNumber })
        : t('draft.first'),
      ' · ',
      t('draft.revision', { revision: draft.revision }),
      draft.updatedBy && draft.updatedAt
        ? ` · ${t('draft.savedBy', { name: draft.updatedBy.name, date: formatDateTime(draft.updatedAt) })}`
        : ` · ${t('draft.untouched')}`,
      draft.appliedSuggestions.length
        ? ` · ${t('draft.applied', { count: draft.appliedSuggestions.length })}`
        : '',
    );
  };
  showStatus();

  const editors = h('div', { id: 'draft-editors' });
  const readEditors = (): SectionInput[] =>
    [...editors.querySelectorAll('fieldset.section-editor')].flatMap((f) => {
      const read = sectionReaders.get(f);
      return read ? [read()] : [];
    });
  const focusEditor = (index: number) =>
    editors.querySelectorAll('fieldset.section-editor')[index]?.querySelector('input')?.focus();
  const actions = {
    move(index: number, delta: number) {
      sections = readEditors();
      const [moved] = sections.splice(index, 1);
      sections.splice(index + delta, 0, moved);
      drawEditors();
      keepScreen();
      focusEditor(index + delta);
      announce(t('publish.moved'));
    },
    remove(index: number) {
      sections = readEditors();
      sections.splice(index, 1);
      drawEditors();
      keepScreen();
      focusEditor(Math.max(0, index - 1));
      announce(t('publish.removed'));
    },
  };
  function drawEditors() {
    editors.replaceChildren(
      ...(sections.length
        ? sections.map((s, i) => sectionEditor(s, i, sections.length, actions))
        : [h('p', { class: 'muted' }, t('draft.empty'))]),
    );
  }
  const showDraft = (next: Draft) => {
    draft = next;
    sections = draft.sections.map(asInput);
    drawEditors();
    showStatus();
    summary.value = draft.changeSummary;
  };

  // Import a Word file
  const file = h('input', {
    type: 'file',
    name: 'file',
    accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  const importMessage = h('div', { id: 'import-message' });
  const importForm = h(
    'form',
    { novalidate: true, class: 'panel', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, t('draft.import')),
    field(t('draft.importFile'), file, t('draft.importHint')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'secondary' }, t('draft.importSubmit')),
    ),
    importMessage,
  );
  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    importMessage.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) {
      importMessage.append(h('p', { class: 'alert', role: 'alert' }, t('draft.importNoFile')));
      file.focus();
      return;
    }
    try {
      const imported = await importWordFile(g.id, chosen, draft.revision);
      kept.forget();
      showDraft(imported);
      importMessage.append(
        h(
          'div',
          { class: 'notice', role: 'status' },
          h('p', {}, t('draft.imported', { count: imported.sections.length })),
          imported.warnings.length
            ? h(
                'ul',
                { class: 'import-warnings' },
                imported.warnings.map((w) => h('li', {}, w.message)),
              )
            : null,
        ),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      importMessage.append(errorBox(error));
    }
  });

  const add = h('button', { type: 'button', class: 'secondary' }, t('publish.add'));
  add.addEventListener('click', () => {
    sections = readEditors();
    sections.push({ key: '', heading: '', body: '', kind: 'text' });
    drawEditors();
    editors.lastElementChild?.querySelector('input')?.focus();
  });

  const summary = h('textarea', { name: 'changeSummary', rows: '3', id: 'draft-summary' });
  summary.value = restored ? earlier.changeSummary : draft.changeSummary;
  const saveMessage = h('div', { id: 'save-message' });
  if (restored) {
    saveMessage.append(h('p', { class: 'notice', role: 'status' }, t('form.restored')));
  }
  const keepScreen = () =>
    kept.write({ revision: draft.revision, sections: readEditors(), changeSummary: summary.value });
  const save = h('button', { type: 'submit', class: 'primary' }, t('draft.save'));
  const publish = h('button', { type: 'button', class: 'primary' }, t('draft.publish'));
  const reload = h('button', { type: 'button', class: 'secondary' }, t('draft.reload'));
  reload.hidden = true;
  reload.addEventListener('click', async () => {
    kept.forget();
    showDraft(await api.get('/api/guidelines/{id}/draft', { path: { id: g.id } }));
    saveMessage.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('draft.reloaded')));
    reload.hidden = true;
  });
  const refused = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    saveMessage.append(errorBox(error));
    // Someone saved in between: their text is kept; this officer reloads and redoes the change.
    if (error.code === 'DRAFT_STALE') reload.hidden = false;
  };
  const editForm = h(
    'form',
    { novalidate: true },
    h('h2', {}, t('publish.sections')),
    editors,
    h('div', { class: 'actions' }, add),
    field(t('publish.summary'), summary, t('draft.summaryHint')),
    saveMessage,
    h('div', { class: 'actions' }, save, publish, reload),
  );
  editForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    saveMessage.replaceChildren();
    try {
      const saved = await api.put('/api/guidelines/{id}/draft', {
        path: { id: g.id },
        body: { sections: readEditors(), changeSummary: summary.value, revision: draft.revision },
      });
      kept.forget();
      showDraft(saved);
      saveMessage.append(h('p', { class: 'notice', role: 'status' }, t('draft.saved')));
    } catch (error) {
      refused(error);
    }
  });
  publish.addEventListener('click', async () => {
    saveMessage.replaceChildren();
    try {
      // What is on the screen is saved first, so the version is exactly what the officer sees.
      const saved = await api.put('/api/guidelines/{id}/draft', {
        path: { id: g.id },
        body: { sections: readEditors(), changeSummary: summary.value, revision: draft.revision },
      });
      kept.forget();
      showDraft(saved);
      const version = await api.post('/api/guidelines/{id}/draft/publish', {
        path: { id: g.id },
        body: { revision: saved.revision },
      });
      navigate(`/g/${g.id}/v/${version.number}`);
    } catch (error) {
      refused(error);
    }
  });
  drawEditors();
  editForm.addEventListener('input', keepScreen);
  editForm.addEventListener('change', keepScreen);

  const readOnly = h(
    'ol',
    { class: 'sections' },
    draft.sections.map((s) =>
      h(
        'li',
        { class: 'section' },
        h('h2', {}, s.heading),
        h('div', { class: 'section-body' }, s.body),
      ),
    ),
  );

  const title = guidelineTitle(g);
  return {
    title: `${t('draft.title')} — ${title}`,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('draft.title') },
      ]),
      h('h1', {}, `${t('draft.title')}: ${title}`),
      status,
      writer
        ? [importForm, h('section', { class: 'panel', 'aria-label': t('draft.title') }, editForm)]
        : readOnly,
    ),
  };
}
