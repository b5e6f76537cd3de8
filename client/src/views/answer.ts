// The page an agency's official opens from the e-mailed link (#/answer/<token>), without an
// account: the request, the version to read and download, and the answer with a confirmation step.
import { api, postOnce, apiUrl, ApiError, type Schema } from '../api/client';
import { notice } from '../components';
import { h, uid } from '../dom';
import { formatDate, pick, t } from '../i18n';
import type { View, ViewContext } from '../router';
import { type Me } from '../session';
import { answerForm, answerSummary } from './reviews';

type LinkReview = Schema<'LinkReviewView'>;

function sectionsOf(review: LinkReview): HTMLElement {
  return h(
    'ol',
    { class: 'sections' },
    review.sections.map((s) =>
      h(
        'li',
        {},
        h('h3', {}, s.heading),
        s.body.split(/\n{2,}/).map((p) => h('p', {}, p)),
      ),
    ),
  );
}

export async function answerView({ params }: ViewContext<Me | null>): Promise<View> {
  let review: LinkReview;
  try {
    review = await api.get('/api/review-links/{token}', { path: { token: params.token } });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return {
      title: t('answer.title'),
      node: h(
        'div',
        {},
        h('h1', {}, t('answer.title')),
        h('p', { class: 'alert', role: 'alert' }, t('answer.gone')),
      ),
    };
  }
  const title = pick(review.guideline.title) || review.guideline.code;
  const number = review.versionNumber;
  const answerId = uid('answer');
  const textId = uid('text');
  const answerPanel = h('section', { class: 'panel', 'aria-labelledby': answerId });
  const showAnswered = (answered: LinkReview) => {
    const done = h('p', { class: 'notice', role: 'status', tabindex: '-1' }, t('answer.done'));
    answerPanel.replaceChildren(
      h('h2', { id: answerId }, t('answer.yours')),
      done,
      ...(answered.answer ? [answerSummary(answered.answer)] : []),
    );
    return done;
  };
  if (review.answer) {
    showAnswered(review);
  } else {
    answerPanel.replaceChildren(
      h('h2', { id: answerId }, t('answer.yours')),
      answerForm(
        review.agency.code,
        async (body, key, letter) => {
          const answered = await postOnce(key, '/api/review-links/{token}/response', {
            path: { token: params.token },
            body,
            files: { letter },
          });
          showAnswered(answered).focus();
        },
        // No account here: the answer is kept per guideline version and agency in this tab.
        {
          userId: 'answer-link',
          formKey: `${review.guideline.code}:${review.versionNumber}:${review.agency.code}`,
        },
      ),
    );
  }
  return {
    title: `${t('answer.title')} — ${title}`,
    node: h(
      'div',
      {},
      h('h1', {}, `${t('answer.title')}: ${title}`),
      h(
        'section',
        { class: 'panel' },
        h(
          'p',
          {},
          t('answer.intro', {
            agency: pick(review.agency.name),
            number,
            date: formatDate(review.dueDate),
          }),
        ),
        h(
          'dl',
          {},
          h('dt', {}, t('review.agency')),
          h('dd', {}, `${review.agency.code} — ${pick(review.agency.name)}`),
          h('dt', {}, t('review.version')),
          h('dd', {}, t('version.n', { number })),
          h('dt', {}, t('answer.contentHash')),
          h('dd', {}, h('code', { class: 'hash' }, review.contentHash)),
          h('dt', {}, t('review.dueDate')),
          h('dd', {}, formatDate(review.dueDate)),
        ),
        h(
          'p',
          {},
          h(
            'a',
            {
              href: apiUrl('/api/review-links/{token}/document', {
                path: { token: params.token },
                query: { format: 'docx' },
              }),
              download: '',
            },
            t('answer.download', { number }),
          ),
        ),
      ),
      review.status === 'OVERDUE' ? notice(t('review.overdue')) : null,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': textId },
        h('h2', { id: textId }, t('answer.sections', { number })),
        sectionsOf(review),
      ),
      answerPanel,
    ),
  };
}
