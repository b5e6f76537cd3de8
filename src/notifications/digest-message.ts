/** The daily digest e-mail: the reader's notices grouped by guideline, in their language. Pure. */
import { Locale } from '../court/roles';
import { escapeHtml } from '../formats/html';
import { emailPage, paragraphHtml } from './email-message';
import { DIGEST_WORDS } from './preference-texts';
import { Bilingual, formatMoment } from './templates';

/** The most notices a digest lists one by one; the rest are counted (all are in the inbox). */
export const DIGEST_LISTED_MAX = 200;

export interface DigestNotice {
  subject: string;
  link: string | null;
  createdAt: Date;
  guideline: { id: string; code: string; title: Bilingual } | null;
}

export interface DigestMessage {
  subject: string;
  text: string;
  html: string;
}

interface Group {
  heading: string;
  notices: DigestNotice[];
}

/** Groups in the order their first notice came; notices oldest first within each. */
function groupsOf(notices: DigestNotice[], locale: Locale): Group[] {
  const groups = new Map<string, Group>();
  const sorted = [...notices].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const notice of sorted) {
    const key = notice.guideline?.id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        heading: notice.guideline
          ? `${notice.guideline.title[locale]} (${notice.guideline.code})`
          : DIGEST_WORDS.otherNotices[locale],
        notices: [],
      };
      groups.set(key, group);
    }
    group.notices.push(notice);
  }
  // Notices about no guideline come last.
  return [...groups.entries()]
    .sort(([a], [b]) => Number(a === '') - Number(b === ''))
    .map(([, g]) => g);
}

/**
 * `notices`: at most DIGEST_LISTED_MAX of them, the oldest; `total` and `guidelines` count all
 * the digest holds (the rest are counted in a line of their own).
 */
export function renderDigest(
  digest: { notices: DigestNotice[]; total: number; guidelines: number },
  locale: Locale,
  timeZone: string,
  preferencesUrl: string,
): DigestMessage {
  const subject = DIGEST_WORDS.subject(digest.total, digest.guidelines)[locale];
  const listed = groupsOf(digest.notices.slice(0, DIGEST_LISTED_MAX), locale);
  const unlisted = digest.total - listed.reduce((n, g) => n + g.notices.length, 0);
  const when = (n: DigestNotice) => formatMoment(n.createdAt, locale, timeZone);

  const textParts = [DIGEST_WORDS.intro[locale]];
  for (const group of listed) {
    const lines = [group.heading];
    for (const n of group.notices) {
      lines.push(`- ${n.subject} (${when(n)})`);
      if (n.link) lines.push(`  ${n.link}`);
    }
    textParts.push(lines.join('\n'));
  }
  if (unlisted) textParts.push(DIGEST_WORDS.more(unlisted)[locale]);
  textParts.push(DIGEST_WORDS.preferences(preferencesUrl)[locale]);

  const htmlParts = [paragraphHtml(DIGEST_WORDS.intro[locale])];
  for (const group of listed) {
    htmlParts.push(
      `<h2 style="font-size:18px;line-height:1.5;margin:24px 0 8px">${escapeHtml(group.heading)}</h2>`,
      '<ul style="margin:0 0 16px;padding-left:20px">',
      ...group.notices.map((n) => {
        const title = n.link
          ? `<a href="${escapeHtml(n.link)}" style="color:#1d4f91">${escapeHtml(n.subject)}</a>`
          : escapeHtml(n.subject);
        return `<li style="margin:0 0 8px">${title}<br><span style="color:#555555;font-size:14px">${escapeHtml(when(n))}</span></li>`;
      }),
      '</ul>',
    );
  }
  if (unlisted) htmlParts.push(paragraphHtml(DIGEST_WORDS.more(unlisted)[locale]));
  htmlParts.push(paragraphHtml(DIGEST_WORDS.preferences(preferencesUrl)[locale]));

  return {
    subject,
    text: textParts.join('\n\n'),
    html: emailPage({ subject, locale }, htmlParts.join('\n')),
  };
}
