import { api, apiUrl, getAll, ApiError, postOnce, type Schema } from '../api/client';
import { can, crumbs, errorBox, notice } from '../components';
import { field, h, scrollTable, uid } from '../dom';
import { formatDate, formatDateTime, lang, pick, t, todayInCourt } from '../i18n';
import { keepText } from '../kept-text';
import type { RenderOptions, View, ViewContext } from '../router';

type Review = Schema<'ReviewView'>;
type Decision = Schema<'ReviewAnswerView'>['decision'];
type ReviewStatus = Review['status'];

export const DECISIONS: Decision[] = ['APPROVE', 'APPROVE_WITH_COMMENTS', 'OBJECT'];
const STATUSES: ReviewStatus[] = ['PENDING', 'OVERDUE', 'ANSWERED', 'WITHDRAWN'];

export function dueDateOf(review: Review): string {
  return (review.dueDate ?? '').slice(0, 10);
}

export function isOverdue(review: Review): boolean {
  if (review.status === 'OVERDUE') return true;
  return (
    review.status === 'PENDING' && dueDateOf(review) !== '' && dueDateOf(review) < todayInCourt()
  );
}

export function reviewGuidelineTitle(review: Review): string {
  return pick(review.guideline.title) || review.guideline.code;
}

function statusBadge(review: Review): HTMLElement {
  if (isOverdue(review)) {
    return h('span', { class: 'badge overdue' }, t('review.overdue'));
  }
  const tone = review.status === 'ANSWERED' ? 'ok' : review.status === 'WITHDRAWN' ? 'bad' : 'warn';
  return h('span', { class: `badge ${tone}` }, t(`review.status.${review.status}`));
}

/** One request on a line: guideline, version, due date, badge. */
export function reviewLine(review: Review): HTMLElement {
  return h(
    'span',
    {},
    h(
      'a',
      { href: `#/reviews/${review.id}` },
      `${reviewGuidelineTitle(review)} — ${t('version.n', { number: review.versionNumber })}`,
    ),
    ' ',
    statusBadge(review),
    ' ',
    h('span', { class: 'muted' }, t('review.due', { date: formatDate(dueDateOf(review)) })),
  );
}

export async function reviewsView({ user, query }: ViewContext): Promise<View> {
  const status = STATUSES.find((s) => s === query.status) ?? '';
  const reviews = await getAll('/api/reviews', { query: status ? { status } : {} });
  const filter = h(
    'select',
    { id: 'review-filter' },
    (['', ...STATUSES] as const).map((value) =>
      h(
        'option',
        { value, selected: value === status },
        value ? t(`review.status.${value}`) : t('review.all'),
      ),
    ),
  );
  const apply = h('button', { type: 'submit', class: 'secondary' }, t('common.apply'));
  const form = h('form', { class: 'actions' }, field(t('review.filter'), filter), apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = filter.value ? `#/reviews?status=${filter.value}` : '#/reviews';
  });
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, t('review.inbox')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('review.guideline')),
        can(user, 'AGENCY_REVIEWER') ? null : h('th', { scope: 'col' }, t('review.agency')),
        h('th', { scope: 'col' }, t('review.version')),
        h('th', { scope: 'col' }, t('review.dueDate')),
        h('th', { scope: 'col' }, t('review.statusCol')),
        h('th', { scope: 'col' }, t('review.letter')),
      ),
    ),
    h(
      'tbody',
      {},
      reviews.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/reviews/${r.id}` }, reviewGuidelineTitle(r))),
          can(user, 'AGENCY_REVIEWER') ? null : h('td', {}, r.agency.code),
          h('td', { class: 'num' }, String(r.versionNumber)),
          h('td', {}, formatDate(dueDateOf(r))),
          h('td', {}, statusBadge(r)),
          h(
            'td',
            {},
            r.answer?.letter && r.yourActions.downloadLetter
              ? h(
                  'a',
                  {
                    href: letterUrl(r.id),
                    download: '',
                    'aria-label': t('review.letterDownload', {
                      name: `${r.agency.code}, ${r.answer.letter.fileName}`,
                    }),
                  },
                  t('review.letter'),
                )
              : r.answer?.letter
                ? t('review.letter')
                : '',
          ),
        ),
      ),
    ),
  );
  return {
    title: t('review.inbox'),
    node: h(
      'div',
      {},
      h('h1', {}, t(user.role === 'AGENCY_REVIEWER' ? 'nav.reviews.agency' : 'review.inbox')),
      form,
      reviews.length
        ? scrollTable(t('review.inbox'), table)
        : h('p', { class: 'muted' }, t('review.none')),
    ),
  };
}

export type AnswerBody = Schema<'ReviewResponseDto'>;

type Letter = Schema<'LetterView'>;

/** A file's size as people read it: 840 KB, 2.4 MB. */
export function fileSize(bytes: number): string {
  const format = (n: number, digits: number) =>
    n.toLocaleString(lang() === 'lo' ? 'lo-LA' : 'en-GB', { maximumFractionDigits: digits });
  return bytes < 1024 * 1024
    ? `${format(Math.max(1, Math.round(bytes / 1024)), 0)} KB`
    : `${format(bytes / (1024 * 1024), 1)} MB`;
}

/** The address that downloads a request's signed letter. */
export function letterUrl(reviewId: string): string {
  return apiUrl('/api/reviews/{id}/letter', { path: { id: reviewId } });
}

/** The signed letter of an answer: a download link when the server offers it, else its name. */
function letterLine(letter: { name: string; size: number } | null, href?: string): HTMLElement {
  if (!letter) return h('dd', { class: 'muted' }, t('review.letterNone'));
  const text = t('review.letterFile', { name: letter.name, size: fileSize(letter.size) });
  return h(
    'dd',
    {},
    href ? h('a', { href, download: '' }, t('review.letterDownload', { name: text })) : text,
  );
}

export function answerSummary(
  answer: {
    decision: Decision;
    comments: string;
    signatory: { name: string; title: string };
    answeredAt?: string;
    answeredBy?: { name: string } | null;
    through?: 'ACCOUNT' | 'LINK';
    letter?: Letter | null;
  },
  options: { letterHref?: string; attached?: File | null } = {},
): HTMLElement {
  const letter =
    options.attached !== undefined
      ? options.attached && { name: options.attached.name, size: options.attached.size }
      : answer.letter
        ? { name: answer.letter.fileName, size: answer.letter.size }
        : null;
  return h(
    'dl',
    {},
    h('dt', {}, t('review.decision')),
    h('dd', {}, t(`review.decision.${answer.decision}`)),
    h('dt', {}, t('review.comments')),
    h('dd', {}, answer.comments),
    h('dt', {}, t('review.signatory')),
    h('dd', {}, `${answer.signatory.name}, ${answer.signatory.title}`),
    h('dt', {}, t('review.letter')),
    letterLine(letter, letter ? options.letterHref : undefined),
    answer.answeredAt
      ? [
          h('dt', {}, t('review.answeredAt')),
          h(
            'dd',
            {},
            `${formatDateTime(answer.answeredAt)} — ${
              answer.through === 'LINK' ? t('review.throughLink') : (answer.answeredBy?.name ?? '')
            }`,
          ),
        ]
      : null,
  );
}

/**
 * The answer with a confirmation step before it is sent: `submit` sends it (and shows what
 * follows); a refusal is shown in the form, which opens again.
 */
export function answerForm(
  agencyCode: string,
  submit: (body: AnswerBody, idempotencyKey: string, letter: File | null) => Promise<void>,
  keep: { userId: string; formKey: string },
): HTMLFormElement {
  const message = h('div', {});
  const decisionName = uid('decision');
  const radios = DECISIONS.map((d) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: decisionName,
        value: d,
        required: true,
        dataset: { keep: 'decision' },
      }),
      t(`review.decision.${d}`),
    ),
  );
  const comments = h('textarea', { name: 'comments', required: true });
  const signName = h('input', {
    type: 'text',
    name: 'signatoryName',
    autocomplete: 'name',
    required: true,
  });
  const signTitle = h('input', { type: 'text', name: 'signatoryTitle', required: true });
  // What the picker offers first; the server judges the file by its content.
  const letter = h('input', {
    type: 'file',
    name: 'letter',
    accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
  });
  const chosenLetter = () => letter.files?.[0] ?? null;
  const confirmArea = h('div', {});
  const next = h('button', { type: 'submit', class: 'primary' }, t('review.next'));
  const form = h(
    'form',
    { novalidate: true },
    h('fieldset', {}, h('legend', {}, t('review.decision')), radios),
    field(t('review.comments'), comments, t('review.commentsHint')),
    h(
      'div',
      { class: 'field-row' },
      h('div', {}, field(t('review.signatoryName'), signName)),
      h('div', {}, field(t('review.signatoryTitle'), signTitle)),
    ),
    field(t('review.letter'), letter, t('review.letterHint')),
    message,
    h('div', { class: 'actions' }, next),
    confirmArea,
  );

  // The comments and the signatory are kept until the answer is sent (nothing typed is lost).
  const kept = keepText(form, keep.userId, keep.formKey);
  if (kept.restored)
    message.append(h('p', { class: 'notice', role: 'status' }, t('form.restored')));
  const chosen = () =>
    DECISIONS.find(
      (d) =>
        d === form.querySelector<HTMLInputElement>(`input[name="${decisionName}"]:checked`)?.value,
    );
  const fields = [comments, signName, signTitle];
  const setLocked = (locked: boolean) => {
    form
      .querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')
      .forEach((el) => (el.disabled = locked));
    next.hidden = locked;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.replaceChildren();
    const missing: string[] = [];
    if (!chosen()) missing.push(t('review.decision'));
    if (!comments.value.trim()) missing.push(t('review.comments'));
    if (!signName.value.trim()) missing.push(t('review.signatoryName'));
    if (!signTitle.value.trim()) missing.push(t('review.signatoryTitle'));
    if (missing.length) {
      message.append(
        h(
          'div',
          { class: 'alert', role: 'alert' },
          t('form.missing'),
          h(
            'ul',
            {},
            missing.map((m) => h('li', {}, m)),
          ),
        ),
      );
      (!chosen()
        ? form.querySelector<HTMLInputElement>('input[type=radio]')
        : fields.find((f) => !f.value.trim())
      )?.focus();
      return;
    }
    const decision = chosen()!;
    setLocked(true);
    const confirmId = uid('confirm');
    const confirmHeading = h('h3', { id: confirmId, tabindex: '-1' }, t('review.confirmTitle'));
    const send = h('button', { type: 'button', class: 'primary' }, t('review.confirmSend'));
    const back = h('button', { type: 'button', class: 'secondary' }, t('review.confirmBack'));
    confirmArea.replaceChildren(
      h(
        'div',
        { class: 'confirm', role: 'group', 'aria-labelledby': confirmId },
        confirmHeading,
        h('p', {}, t('review.confirmText', { agency: agencyCode })),
        answerSummary(
          {
            decision,
            comments: comments.value.trim(),
            signatory: { name: signName.value.trim(), title: signTitle.value.trim() },
          },
          { attached: chosenLetter() },
        ),
        h('div', { class: 'actions' }, send, back),
      ),
    );
    confirmHeading.focus();
    back.addEventListener('click', () => {
      confirmArea.replaceChildren();
      setLocked(false);
      next.focus();
    });
    send.addEventListener('click', async () => {
      send.disabled = true;
      back.disabled = true;
      const body: AnswerBody = {
        decision,
        comments: comments.value.trim(),
        signatory: { name: signName.value.trim(), title: signTitle.value.trim() },
      };
      const file = chosenLetter();
      // Another file is another request: it gets a key of its own.
      const sent = file ? { ...body, letter: [file.name, file.size, file.lastModified] } : body;
      try {
        await submit(body, kept.keyFor(sent), file);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        confirmArea.replaceChildren(errorBox(error));
        setLocked(false);
        next.focus();
        return;
      }
      kept.sent();
    });
  });
  return form;
}

type Reminder = Schema<'ReminderView'>;

/** A reminder's kind (D-7, D, D+3: days from the due day) in words. */
export function reminderKind(kind: string): string {
  const match = /^D([+-]\d+)?$/.exec(kind);
  if (!match) return kind;
  const days = Number(match[1] ?? 0);
  if (days === 0) return t('reminder.kind.due');
  return t(days < 0 ? 'reminder.kind.before' : 'reminder.kind.after', { days: Math.abs(days) });
}

function reminderItem(r: Reminder): HTMLElement {
  return h(
    'li',
    {},
    h('strong', {}, reminderKind(r.kind)),
    ' — ',
    h('time', { datetime: r.plannedAt }, formatDateTime(r.plannedAt)),
    ' — ',
    t(`reminder.${r.state}`),
    r.sentAt ? ` (${formatDateTime(r.sentAt)})` : '',
  );
}

/** The reminders to come and sent, and apart from them those a change of due day cancelled. */
function remindersPanel(reminders: Reminder[]): HTMLElement {
  const live = reminders.filter((r) => r.state !== 'CANCELLED');
  const cancelled = reminders.filter((r) => r.state === 'CANCELLED');
  const id = uid('rem');
  const cancelledId = uid('remc');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id, id: 'reminders' },
    h('h2', { id }, t('review.reminders')),
    live.length
      ? h('ul', { class: 'plain-list', id: 'reminders-live' }, live.map(reminderItem))
      : h('p', { class: 'muted' }, t('review.remindersNone')),
    cancelled.length
      ? [
          h('h3', { id: cancelledId }, t('review.remindersCancelled')),
          h(
            'ul',
            {
              class: 'plain-list muted',
              id: 'reminders-cancelled',
              'aria-labelledby': cancelledId,
            },
            cancelled.map(reminderItem),
          ),
        ]
      : null,
  );
}

/** A new due day with its reason (the secretariat); the reminders are planned again from it. */
function dueDateForm(
  review: Schema<'ReviewDetailView'>,
  rerender: (options?: RenderOptions) => Promise<void>,
): HTMLElement {
  const id = uid('due');
  const date = h('input', {
    type: 'date',
    name: 'dueAt',
    required: true,
    min: todayInCourt(),
    value: dueDateOf(review),
  });
  const reason = h('textarea', { name: 'reason', required: true, rows: '2' });
  const message = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, t('review.changeDue'));
  const form = h(
    'form',
    { novalidate: true },
    field(t('review.newDue'), date),
    field(t('review.dueReason'), reason, t('review.dueReasonHint')),
    message,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!date.value || !reason.value.trim()) {
      message.append(h('p', { class: 'alert', role: 'alert' }, t('review.dueMissing')));
      (date.value ? reason : date).focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.put('/api/reviews/{id}/due-date', {
        path: { id: review.id },
        body: { dueAt: date.value, reason: reason.value.trim() },
      });
      await rerender({ keepFocus: true, focusSelector: '#due-changed' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.append(errorBox(error));
      submit.disabled = false;
    }
  });
  const history = review.dueDateChanges;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h2', { id }, t('review.changeDueTitle')),
    history.length
      ? h(
          'ul',
          { class: 'plain-list', id: 'due-history' },
          history.map((c, i) =>
            h(
              'li',
              { id: i === history.length - 1 ? 'due-changed' : null, tabindex: '-1' },
              t('review.dueChanged', {
                from: formatDate(c.from),
                to: formatDate(c.to),
                name: c.changedBy.name,
                date: formatDateTime(c.changedAt),
              }),
              h('p', {}, c.reason),
            ),
          ),
        )
      : null,
    review.yourActions.changeDueDate ? form : null,
  );
}

/** When the agency's answer link was last sent and opened, and (for the secretariat) a new one. */
function linkPanel(
  review: Schema<'ReviewDetailView'>,
  rerender: (options?: RenderOptions) => Promise<void>,
): HTMLElement {
  const headingId = uid('link');
  const message = h('div', {});
  const reissue = h('button', { type: 'button', class: 'secondary' }, t('review.link.reissue'));
  reissue.addEventListener('click', async () => {
    reissue.disabled = true;
    try {
      await api.post('/api/reviews/{id}/link', { path: { id: review.id } });
      await rerender({ focusSelector: '#link-reissued' });
      document.getElementById('link-reissued')?.replaceChildren(t('review.link.reissued'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.replaceChildren(errorBox(error));
      reissue.disabled = false;
    }
  });
  const when = (value: string | null) => (value ? formatDateTime(value) : t('review.link.never'));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('review.link')),
    h('p', { class: 'muted' }, t('review.link.hint')),
    h(
      'dl',
      {},
      h('dt', {}, t('review.link.lastIssued')),
      h('dd', {}, when(review.answerLink.lastIssuedAt)),
      h('dt', {}, t('review.link.lastOpened')),
      h('dd', {}, when(review.answerLink.lastOpenedAt)),
    ),
    h('p', { id: 'link-reissued', role: 'status', tabindex: '-1' }),
    message,
    review.answerLink.mayReissue ? h('div', { class: 'actions' }, reissue) : null,
  );
}

export async function reviewView({ params, user, rerender }: ViewContext): Promise<View> {
  const review = await api.get('/api/reviews/{id}', { path: { id: params.id } });
  const gid = review.guideline.id;
  const number = review.versionNumber;
  const title = reviewGuidelineTitle(review);
  const answered = review.status === 'ANSWERED' ? review.answer : null;
  const mayAnswer = review.yourActions.respond;
  const reminders = review.reminders;
  const answerId = uid('answer');
  return {
    title: `${t('review.request')} — ${title}`,
    node: h(
      'div',
      {},
      crumbs([
        { href: '#/', text: t('nav.home') },
        { href: '#/reviews', text: t('review.inbox') },
        { text: title },
      ]),
      h('h1', {}, `${t('review.request')}: ${title}`),
      h(
        'section',
        { class: 'panel' },
        h(
          'dl',
          {},
          h('dt', {}, t('review.agency')),
          h('dd', {}, `${review.agency.code} — ${pick(review.agency.name)}`),
          h('dt', {}, t('review.version')),
          h(
            'dd',
            {},
            h('a', { href: `#/g/${gid}/v/${number}` }, t('review.readVersion', { number })),
          ),
          h('dt', {}, t('review.dueDate')),
          h('dd', {}, formatDate(dueDateOf(review)), ' ', statusBadge(review)),
        ),
      ),
      answered
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': answerId },
            h('h2', { id: answerId }, t('review.answer')),
            h(
              'p',
              { class: 'notice', role: 'status', id: 'review-answered', tabindex: '-1' },
              t('review.answered'),
            ),
            answerSummary(answered, {
              letterHref: review.yourActions.downloadLetter ? letterUrl(review.id) : undefined,
            }),
          )
        : null,
      mayAnswer
        ? h(
            'section',
            { class: 'panel', 'aria-labelledby': answerId },
            h('h2', { id: answerId }, t('review.answer')),
            answerForm(
              review.agency.code,
              async (body, key, letter) => {
                await postOnce(key, '/api/reviews/{id}/response', {
                  path: { id: review.id },
                  body,
                  files: { letter },
                });
                await rerender({ focusSelector: '#review-answered' });
              },
              { userId: user.id, formKey: `review-answer:${review.id}` },
            ),
          )
        : null,
      review.status === 'WITHDRAWN' ? notice(t('review.withdrawn')) : null,
      user.role !== 'AGENCY_REVIEWER' ? linkPanel(review, rerender) : null,
      review.yourActions.changeDueDate || review.dueDateChanges.length
        ? dueDateForm(review, rerender)
        : null,
      reminders.length && user.role !== 'AGENCY_REVIEWER' ? remindersPanel(reminders) : null,
    ),
  };
}
