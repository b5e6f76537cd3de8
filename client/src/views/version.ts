import { api, getAll, ApiError, postOnce, type Schema } from '../api/client';
import { crumbs, errorBox, foldedText, guidelineTitle, road, stageBadge } from '../components';
import { announce, field, h, uid } from '../dom';
import { formatDate, formatDateTime, t, type MessageKey } from '../i18n';
import { keepText } from '../kept-text';
import type { View, ViewContext } from '../router';

type Guideline = Schema<'GuidelineView'>;
type Comment = Schema<'CommentView'>;
type Thread = Comment & { replies: Comment[]; repliesNext?: string | null };
type VersionSummary = Schema<'VersionSummaryView'>;

const DISPOSITION_TONE: Record<NonNullable<Comment['disposition']>['status'], string> = {
  ACCEPTED: 'ok',
  PARTIALLY_ACCEPTED: 'ok',
  REJECTED: 'bad',
  NOTED: 'warn',
};

/** The text selected inside the open section's body, if any. */
function passageInOpenSection(): string {
  const selection = document.getSelection();
  const body = document.getElementById('open-section-body');
  if (!selection || selection.isCollapsed || !body || selection.rangeCount === 0) return '';
  const range = selection.getRangeAt(0);
  return body.contains(range.commonAncestorContainer) ? selection.toString().trim() : '';
}

// The last passage selected in the open section, kept while focus moves to the quote button
// (a keyboard user's selection may collapse on the way there).
let lastPassage = '';
document.addEventListener('selectionchange', () => {
  const passage = passageInOpenSection();
  if (passage) lastPassage = passage;
});

function suggestionStatus(suggestion: NonNullable<Comment['suggestion']>): string {
  if (suggestion.status === 'APPLIED') {
    return t('suggestion.APPLIED', { number: suggestion.appliedInVersion ?? 0 });
  }
  if (suggestion.inDraft) return t('suggestion.inDraft');
  return t(`suggestion.${suggestion.status}`);
}

interface ThreadTools {
  userId: string;
  /** Draws the thread again after a change, focus on the thread's heading. */
  done: (message: string) => Promise<void>;
}

/**
 * "Edit" and "Delete" on one's own comment, offered when the server says so (yourActions): the
 * edit form keeps what is typed like every comment form; deleting asks once more.
 */
function ownCommentTools(
  comment: Comment,
  authorName: string,
  tools: ThreadTools,
): HTMLElement | null {
  const { edit, delete: mayDelete } = comment.yourActions;
  if (!edit && !mayDelete) return null;
  const whose = h(
    'span',
    { class: 'visually-hidden' },
    ` — ${t('thread.commentBy', { name: authorName })}`,
  );
  const bar = h('p', { class: 'actions own-tools' });
  let editForm: HTMLFormElement | null = null;
  if (edit) {
    editForm = commentForm({
      labelKey: 'thread.editLabel',
      submitKey: 'thread.saveEdit',
      initial: comment.body,
      keep: { userId: tools.userId, formKey: `edit:${comment.id}` },
      onSubmit: async ({ body }) => {
        await api.patch('/api/comments/{id}', { path: { id: comment.id }, body: { body } });
      },
      onSaved: () => tools.done(t('thread.editSaved')),
      onCancel: () => {
        toggleEdit(false);
      },
    });
    editForm.id = uid('edit');
    editForm.classList.add('edit-comment');
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-expanded': 'false',
        'aria-controls': editForm.id,
      },
      t('thread.edit'),
      whose.cloneNode(true),
    );
    const form = editForm;
    const toggleEdit = (open: boolean) => {
      form.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) form.querySelector('textarea')?.focus();
      else button.focus();
    };
    // A change typed earlier and not yet saved opens the form again with it.
    const restored = form.dataset.restored === 'true';
    form.hidden = !restored;
    button.setAttribute('aria-expanded', String(restored));
    button.addEventListener('click', () =>
      toggleEdit(button.getAttribute('aria-expanded') !== 'true'),
    );
    bar.append(button);
  }
  let confirm: HTMLElement | null = null;
  if (mayDelete) {
    const message = h('div', {});
    const yes = h('button', { type: 'button', class: 'danger small' }, t('thread.deleteYes'));
    const no = h('button', { type: 'button', class: 'secondary small' }, t('thread.deleteNo'));
    const questionId = uid('delq');
    confirm = h(
      'div',
      { class: 'confirm', role: 'group', 'aria-labelledby': questionId, hidden: true },
      h('p', { id: questionId, tabindex: '-1' }, t('thread.deleteConfirm')),
      message,
      h('div', { class: 'actions' }, yes, no),
    );
    const box = confirm;
    const remove = h(
      'button',
      { type: 'button', class: 'secondary small' },
      t('thread.delete'),
      whose.cloneNode(true),
    );
    remove.addEventListener('click', () => {
      box.hidden = false;
      box.querySelector<HTMLElement>(`#${questionId}`)?.focus();
    });
    no.addEventListener('click', () => {
      box.hidden = true;
      message.replaceChildren();
      remove.focus();
    });
    yes.addEventListener('click', async () => {
      message.replaceChildren();
      yes.disabled = true;
      try {
        await api.delete('/api/comments/{id}', { path: { id: comment.id } });
        await tools.done(t('thread.deleted'));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        message.append(errorBox(error));
        yes.disabled = false;
      }
    });
    bar.append(remove);
  }
  return h('div', {}, bar, confirm, editForm);
}

function commentArticle(
  comment: Comment & { replies?: Comment[]; repliesNext?: string | null },
  {
    replyForm,
    apply,
    tools,
  }: { replyForm?: Node | null; apply?: Node | null; tools?: ThreadTools } = {},
): HTMLElement {
  const disposition = comment.disposition;
  const authorName = comment.spokenBy?.name ?? comment.author.name;
  return h(
    'article',
    {
      class: 'comment',
      id: `comment-${comment.id}`,
      tabindex: '-1',
      'aria-label': t('thread.commentBy', { name: authorName }),
    },
    h(
      'header',
      {},
      h('strong', {}, authorName),
      ' · ',
      h('time', { datetime: comment.createdAt }, formatDateTime(comment.createdAt)),
      comment.editedAt
        ? [' · ', t('thread.edited', { date: formatDateTime(comment.editedAt) })]
        : null,
    ),
    comment.quote
      ? h(
          'blockquote',
          {},
          h('span', { class: 'visually-hidden' }, `${t('thread.quoted')}: `),
          comment.quote,
        )
      : null,
    foldedText(comment.body, { class: 'comment-body' }),
    comment.suggestion
      ? h(
          'div',
          { class: 'suggestion' },
          h('p', {}, h('strong', {}, `${t('suggestion.title')}: `), comment.suggestion.text),
          h('p', { class: 'muted' }, suggestionStatus(comment.suggestion)),
          apply ?? null,
        )
      : null,
    comment.carryOver && comment.carryOver.sectionStatus !== 'unchanged'
      ? h(
          'p',
          { class: 'muted' },
          t(`thread.carryOver.${comment.carryOver.sectionStatus}`, {
            number: comment.carryOver.latestVersion,
          }),
        )
      : null,
    disposition
      ? h(
          'p',
          {},
          h(
            'span',
            { class: `badge ${DISPOSITION_TONE[disposition.status]}` },
            t(`disposition.${disposition.status}`),
          ),
          disposition.response ? ` ${disposition.response}` : '',
        )
      : null,
    tools ? ownCommentTools(comment, authorName, tools) : null,
    comment.replies?.length
      ? h(
          'div',
          { class: 'replies' },
          comment.replies.map((reply) => commentArticle(reply, { tools })),
          comment.repliesNext ? moreReplies(comment.id, comment.repliesNext, tools) : null,
        )
      : null,
    replyForm ?? null,
  );
}

/**
 * A long thread's further replies, a page at a time (the comment's detail carries the first 100):
 * each press shows the next page above the button, which goes once the thread is all shown.
 */
function moreReplies(commentId: string, first: string, tools?: ThreadTools): HTMLElement {
  let cursor: string | null = first;
  const problem = h('div', {});
  const button = h('button', { type: 'button', class: 'secondary' }, t('thread.moreReplies'));
  const holder = h('div', { class: 'more-replies' }, button, problem);
  button.addEventListener('click', async () => {
    if (!cursor) return;
    button.disabled = true;
    problem.replaceChildren();
    try {
      const page = await api.get('/api/comments/{id}/replies', {
        path: { id: commentId },
        query: { cursor, limit: 100 },
      });
      holder.before(...page.items.map((reply) => commentArticle(reply, { tools })));
      announce(t('thread.moreRepliesShown', { count: page.items.length }));
      cursor = page.next;
      if (!cursor) holder.remove();
    } catch (error) {
      problem.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return holder;
}

/** The secretariat's "accept and apply": the comment's suggested wording written into the draft. */
function acceptAndApply(comment: Comment, done: () => Promise<void>): HTMLElement | null {
  const suggestion = comment.suggestion;
  if (!suggestion || suggestion.status !== 'OPEN' || suggestion.inDraft) return null;
  const message = h('div', {});
  const response = h('textarea', { name: 'response', rows: '2' });
  const button = h(
    'button',
    { type: 'submit', class: 'primary small' },
    t('suggestion.acceptApply'),
  );
  const form = h(
    'form',
    { novalidate: true, class: 'apply-suggestion' },
    field(t('matrix.response'), response),
    h('div', { class: 'actions' }, button),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    button.disabled = true;
    try {
      await api.put('/api/comments/{id}/disposition', {
        path: { id: comment.id },
        body: {
          status: 'ACCEPTED',
          response: response.value.trim(),
          applySuggestion: true,
          expectedStatus: comment.disposition?.status ?? null,
        },
      });
      announce(t('suggestion.appliedNow'));
      await done();
    } catch (error) {
      // The server says why in words (the passage changed in the draft, or occurs twice).
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      button.disabled = false;
    }
  });
  return form;
}

interface CommentPayload {
  body: string;
  quote?: string;
  suggestion?: { text: string };
}

/**
 * A form to write a comment, a reply or a change. What is typed is kept (per user and form)
 * until the server has it: a failed send says "not sent" and keeps the text, and a send after
 * an expired session finds it again once signed in. `onSubmit` gets the Idempotency-Key of this
 * request, the same on every retry of the same text.
 */
function commentForm({
  labelKey,
  submitKey,
  onSubmit,
  onSaved,
  onCancel,
  quoteSource,
  initial,
  keep,
}: {
  labelKey: MessageKey;
  submitKey: MessageKey;
  /** Sends it; throws when it was not saved. */
  onSubmit: (payload: CommentPayload, idempotencyKey: string) => Promise<void>;
  /** After the kept text is forgotten: draw the thread again. */
  onSaved: () => Promise<void>;
  onCancel?: () => void;
  /** Where a quote comes from (the selected passage): a top-level comment only. */
  quoteSource?: () => string;
  /** The text the box starts with (an edit). */
  initial?: string;
  keep: { userId: string; formKey: string };
}): HTMLFormElement {
  const body = h('textarea', { name: 'body', required: true });
  if (initial !== undefined) body.value = initial;
  const message = h('div', {});
  let quote: HTMLTextAreaElement | null = null;
  // Beside a top-level comment: the words proposed instead of the quoted passage.
  const suggestion = quoteSource
    ? h('textarea', { name: 'suggestion', class: 'suggestion-input', rows: '2' })
    : null;
  let quoteButton: HTMLButtonElement | null = null;
  let clearQuote: HTMLButtonElement | null = null;
  if (quoteSource) {
    quote = h('textarea', { name: 'quote', class: 'quote-input', rows: '2' });
    quoteButton = h(
      'button',
      { type: 'button', class: 'secondary small' },
      t('thread.quoteSelection'),
    );
    clearQuote = h('button', { type: 'button', class: 'secondary small' }, t('thread.clearQuote'));
    const quoteField = quote;
    quoteButton.addEventListener('click', () => {
      const passage = quoteSource();
      if (!passage) {
        announce(t('thread.selectFirst'));
        message.replaceChildren(h('p', { class: 'alert', role: 'alert' }, t('thread.selectFirst')));
        return;
      }
      message.replaceChildren();
      quoteField.value = passage;
      announce(t('thread.quoteAdded'));
      body.focus();
    });
    clearQuote.addEventListener('click', () => {
      quoteField.value = '';
      quoteField.focus();
    });
  }
  const submit = h('button', { type: 'submit', class: 'primary' }, t(submitKey));
  const cancel = onCancel
    ? h('button', { type: 'button', class: 'secondary' }, t('thread.cancelEdit'))
    : null;
  const form = h(
    'form',
    { novalidate: true, class: 'comment-form' },
    quote
      ? [
          field(t('thread.quote'), quote, t('thread.quoteHint')),
          h('div', { class: 'actions' }, quoteButton, clearQuote),
        ]
      : null,
    field(t(labelKey), body),
    suggestion ? field(t('suggestion.label'), suggestion, t('suggestion.hint')) : null,
    message,
    h('div', { class: 'actions' }, submit, cancel),
  );
  const kept = keepText(form, keep.userId, keep.formKey);
  if (kept.restored) {
    form.dataset.restored = 'true';
    message.append(h('p', { class: 'notice', role: 'status' }, t('form.restored')));
  }
  cancel?.addEventListener('click', () => {
    kept.sent();
    body.value = initial ?? '';
    message.replaceChildren();
    onCancel?.();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!body.value.trim()) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('thread.empty')));
      body.focus();
      return;
    }
    submit.disabled = true;
    const payload: CommentPayload = {
      body: body.value.trim(),
      quote: quote?.value.trim() || undefined,
      suggestion: suggestion?.value.trim() ? { text: suggestion.value.trim() } : undefined,
    };
    try {
      await onSubmit(payload, kept.keyFor(payload));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      if (error.retryable) {
        const retry = h('button', { type: 'button', class: 'secondary small' }, t('form.retry'));
        retry.addEventListener('click', () => form.requestSubmit());
        message.append(h('p', { class: 'actions' }, retry));
      }
      submit.disabled = false;
      return;
    }
    kept.sent();
    await onSaved();
  });
  return form;
}

/** The reply form of a thread, folded under "Reply"; open when a reply typed earlier is kept. */
function replyDetails(
  c: Comment,
  userId: string,
  post: (payload: CommentPayload & { parentId?: string }, idempotencyKey: string) => Promise<void>,
  posted: () => Promise<void>,
): HTMLElement {
  const form = commentForm({
    labelKey: 'thread.replyLabel',
    submitKey: 'thread.sendReply',
    onSubmit: ({ body }, key) => post({ body, parentId: c.id }, key),
    onSaved: posted,
    keep: { userId, formKey: `reply:${c.id}` },
  });
  return h(
    'details',
    { class: 'reply', open: form.dataset.restored === 'true' },
    h('summary', {}, t('thread.reply')),
    form,
  );
}

function versionSwitcher(g: Guideline, versions: VersionSummary[], number: number): HTMLElement {
  const select = h(
    'select',
    {},
    versions
      .slice()
      .sort((a, b) => b.number - a.number)
      .map((v) =>
        h(
          'option',
          { value: String(v.number), selected: v.number === number },
          t('version.n', { number: v.number }),
        ),
      ),
  );
  const against = h(
    'select',
    {},
    versions
      .filter((v) => v.number !== number)
      .sort((a, b) => b.number - a.number)
      .map((v) =>
        h(
          'option',
          { value: String(v.number), selected: v.number === number - 1 },
          t('version.n', { number: v.number }),
        ),
      ),
  );
  const go = h(
    'form',
    { class: 'actions' },
    field(t('version.switch'), select),
    h('button', { type: 'submit', class: 'secondary' }, t('version.open')),
  );
  go.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/g/${g.id}/v/${select.value}`;
  });
  const compare =
    versions.length > 1
      ? h(
          'form',
          { class: 'actions' },
          field(t('diff.against'), against),
          h('button', { type: 'submit', class: 'secondary' }, t('diff.show')),
        )
      : null;
  compare?.addEventListener('submit', (event) => {
    event.preventDefault();
    const other = Number(against.value);
    const [from, to] = other < number ? [other, number] : [number, other];
    location.hash = `#/g/${g.id}/diff/${from}/${to}`;
  });
  const previous = versions.filter((v) => v.number < number).sort((a, b) => b.number - a.number)[0];
  const redline = previous
    ? h(
        'p',
        { class: 'actions' },
        h(
          'a',
          { class: 'button secondary', href: `#/g/${g.id}/v/${number}/redline/${previous.number}` },
          t('redline.open'),
        ),
      )
    : null;
  return h('div', { class: 'panel' }, go, compare, redline);
}

export async function versionView({ params, query, rerender, user }: ViewContext): Promise<View> {
  const number = Number(params.n);
  const [g, version, versions] = await Promise.all([
    api.get('/api/guidelines/{id}', { path: { id: params.id } }),
    api.get('/api/guidelines/{id}/versions/{number}', { path: { id: params.id, number } }),
    getAll('/api/guidelines/{id}/versions', { path: { id: params.id } }),
  ]);
  const openKey = params.key ?? null;
  const openSection = openKey ? version.sections.find((s) => s.key === openKey) : null;
  const title = guidelineTitle(g);
  const base = `#/g/${g.id}/v/${number}`;

  lastPassage = '';
  const sectionItems = version.sections.map((s) => {
    const open = s.key === openKey;
    const headingId = `sec-${s.key}`;
    return h(
      'li',
      { class: `section${open ? ' open' : ''}`, 'aria-labelledby': headingId },
      h(
        'h2',
        { id: headingId },
        s.kind === 'indicator' && s.code ? `[${s.code}] ${s.heading}` : s.heading,
      ),
      s.kind === 'indicator' && s.category
        ? h('p', { class: 'muted' }, `${t('section.category')}: ${s.category}`)
        : null,
      h(
        'div',
        { class: 'section-body', id: open ? 'open-section-body' : null, dataset: { key: s.key } },
        s.body,
      ),
      h(
        'p',
        { class: 'actions' },
        h(
          'a',
          {
            href: open ? base : `${base}/s/${encodeURIComponent(s.key)}`,
            class: 'button small',
            'aria-expanded': String(open),
            'aria-controls': open ? 'thread' : null,
          },
          open ? t('thread.close') : t('thread.open', { count: s.commentCount ?? 0 }),
        ),
        s.openCommentCount
          ? h('span', { class: 'muted' }, t('thread.openCount', { count: s.openCommentCount }))
          : null,
      ),
    );
  });

  let threadPanel = null;
  if (openSection) {
    const roots = await getAll('/api/guidelines/{id}/versions/{number}/comments', {
      path: { id: g.id, number },
      query: { sectionKey: openSection.key },
    });
    // The list holds each thread's first comment; its replies come with the comment's detail.
    const threads: Thread[] = await Promise.all(
      roots.map(async (root) => {
        if (root.replyCount === 0) return { ...root, replies: [] };
        const detail = await api.get('/api/comments/{id}', { path: { id: root.id } });
        return { ...root, replies: detail.replies, repliesNext: detail.repliesNext };
      }),
    );
    // The server says what this person may do on this version (new comments go on the current
    // version only, replies in the threads of any version) and on each comment.
    const canWrite = version.yourActions.comment;
    const post = async (
      payload: CommentPayload & { parentId?: string },
      idempotencyKey: string,
    ) => {
      await postOnce(idempotencyKey, '/api/guidelines/{id}/versions/{number}/comments', {
        path: { id: g.id, number },
        body: { sectionKey: openSection.key, ...payload },
      });
    };
    const posted = async () => {
      await rerender({ keepFocus: true, focusSelector: '#thread-heading' });
      announce(t('thread.saved'));
    };
    const tools: ThreadTools = {
      userId: user.id,
      done: async (message) => {
        await rerender({ keepFocus: true, focusSelector: '#thread-heading' });
        announce(message);
      },
    };
    const threadHeadingText = t('thread.title', { heading: openSection.heading });
    threadPanel = h(
      'section',
      { class: 'panel thread', id: 'thread', 'aria-labelledby': 'thread-heading' },
      h('h2', { id: 'thread-heading', tabindex: '-1' }, threadHeadingText),
      threads.length
        ? threads.map((c) =>
            commentArticle(c, {
              apply: c.yourActions.decide
                ? acceptAndApply(c, () =>
                    rerender({ keepFocus: true, focusSelector: '#thread-heading' }),
                  )
                : null,
              tools,
              replyForm: c.yourActions.reply ? replyDetails(c, user.id, post, posted) : null,
            }),
          )
        : h('p', { class: 'muted' }, t('thread.none')),
      canWrite
        ? h(
            'div',
            {},
            h('h3', {}, t('thread.new')),
            commentForm({
              labelKey: 'thread.commentLabel',
              submitKey: 'thread.send',
              quoteSource: () => passageInOpenSection() || lastPassage,
              onSubmit: post,
              onSaved: posted,
              keep: { userId: user.id, formKey: `comment:${g.id}:${number}:${openSection.key}` },
            }),
          )
        : h(
            'p',
            { class: 'muted' },
            // The guideline takes comments from this person, this version does not: an older one.
            t(g.yourActions.comment ? 'thread.oldVersion' : 'thread.closed'),
          ),
    );
  }

  const sectionsId = uid('secs');
  return {
    title: `${title} — ${t('version.n', { number })}`,
    // A search result or a notification names the comment: land on it.
    focus: openSection
      ? query.c && /^[0-9a-f-]{36}$/.test(query.c)
        ? `#comment-${query.c}`
        : '#thread-heading'
      : null,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: `#/g/${g.id}`, text: g.code },
        { text: t('version.n', { number }) },
      ]),
      h('h1', {}, `${title} — ${t('version.n', { number })}`),
      h(
        'p',
        { class: 'muted' },
        stageBadge(g.stage),
        ` · ${t('version.published', { date: formatDate(version.publishedAt), name: version.publishedBy?.name ?? '' })}`,
        number === g.currentVersion
          ? [' ', h('span', { class: 'badge ok' }, t('version.current'))]
          : null,
      ),
      road(g.stage),
      version.changeSummary
        ? h('p', {}, h('strong', {}, t('version.summary')), ' ', version.changeSummary)
        : null,
      versionSwitcher(g, versions, number),
      h(
        'div',
        { class: threadPanel ? 'reading' : '' },
        h(
          'section',
          { 'aria-labelledby': sectionsId },
          h('h2', { id: sectionsId, class: 'visually-hidden' }, t('version.sections')),
          h('ol', { class: 'sections' }, sectionItems),
        ),
        threadPanel,
      ),
    ),
  };
}
