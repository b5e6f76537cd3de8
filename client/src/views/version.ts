import { api, getAll, ApiError, type Schema } from '../api/client';
import { crumbs, errorBox, guidelineTitle, road, stageBadge } from '../components';
import { announce, field, h, uid } from '../dom';
import { formatDate, formatDateTime, t, type MessageKey } from '../i18n';
import type { View, ViewContext } from '../router';

type Guideline = Schema<'GuidelineView'>;
type Comment = Schema<'CommentView'>;
type Thread = Comment & { replies: Comment[] };
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

function commentArticle(
  comment: Comment & { replies?: Comment[] },
  { replyForm, apply }: { replyForm?: Node | null; apply?: Node | null } = {},
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
    ),
    comment.quote
      ? h(
          'blockquote',
          {},
          h('span', { class: 'visually-hidden' }, `${t('thread.quoted')}: `),
          comment.quote,
        )
      : null,
    h('p', {}, comment.body),
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
    comment.replies?.length
      ? h(
          'div',
          { class: 'replies' },
          comment.replies.map((reply) => commentArticle(reply)),
        )
      : null,
    replyForm ?? null,
  );
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

function commentForm({
  labelKey,
  submitKey,
  onSubmit,
  quoteSource,
}: {
  labelKey: MessageKey;
  submitKey: MessageKey;
  onSubmit: (payload: {
    body: string;
    quote?: string;
    suggestion?: { text: string };
  }) => Promise<void>;
  /** Where a quote comes from (the selected passage): a top-level comment only. */
  quoteSource?: () => string;
}): HTMLFormElement {
  const body = h('textarea', { name: 'body', required: true });
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
  const form = h(
    'form',
    { novalidate: true },
    quote
      ? [
          field(t('thread.quote'), quote, t('thread.quoteHint')),
          h('div', { class: 'actions' }, quoteButton, clearQuote),
        ]
      : null,
    field(t(labelKey), body),
    suggestion ? field(t('suggestion.label'), suggestion, t('suggestion.hint')) : null,
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!body.value.trim()) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('thread.empty')));
      body.focus();
      return;
    }
    submit.disabled = true;
    try {
      await onSubmit({
        body: body.value.trim(),
        quote: quote?.value.trim() || undefined,
        suggestion: suggestion?.value.trim() ? { text: suggestion.value.trim() } : undefined,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      submit.disabled = false;
    }
  });
  return form;
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

export async function versionView({ params, query, rerender }: ViewContext): Promise<View> {
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
      roots.map(async (root) => ({
        ...root,
        replies:
          root.replyCount > 0
            ? (await api.get('/api/comments/{id}', { path: { id: root.id } })).replies
            : [],
      })),
    );
    // The server says what this person may do: new comments go on the current version only,
    // replies in the threads of any version.
    const canWrite = g.yourActions.comment && number === g.currentVersion;
    const post = async (payload: {
      body: string;
      quote?: string;
      parentId?: string;
      suggestion?: { text: string };
    }) => {
      await api.post('/api/guidelines/{id}/versions/{number}/comments', {
        path: { id: g.id, number },
        body: { sectionKey: openSection.key, ...payload },
      });
      await rerender({ keepFocus: true, focusSelector: '#thread-heading' });
      announce(t('thread.saved'));
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
              replyForm: c.yourActions.reply
                ? h(
                    'details',
                    { class: 'reply' },
                    h('summary', {}, t('thread.reply')),
                    commentForm({
                      labelKey: 'thread.replyLabel',
                      submitKey: 'thread.sendReply',
                      onSubmit: ({ body }) => post({ body, parentId: c.id }),
                    }),
                  )
                : null,
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
            }),
          )
        : h(
            'p',
            { class: 'muted' },
            t(
              number !== g.currentVersion && g.yourActions.comment
                ? 'thread.oldVersion'
                : 'thread.closed',
            ),
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
