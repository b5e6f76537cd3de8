import { Locale } from '../court/roles';
import { escapeHtml } from '../formats/html';

/**
 * Fonts that carry Lao script, most likely first: Noto Sans Lao (shipped with the web interface,
 * common on Android), Phetsarath OT and Saysettha OT (the government's fonts on office machines),
 * Lao UI (Windows), then what phones fall back to.
 */
export const LAO_FONT_STACK =
  "'Noto Sans Lao', 'Phetsarath OT', 'Saysettha OT', 'Lao UI', 'Leelawadee UI', 'DokChampa', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export interface EmailContent {
  subject: string;
  /** The plain text as stored on the notification: paragraphs split by blank lines. */
  body: string;
  locale: Locale;
}

// A web address in the text (the links the service writes: PUBLIC_URL + path).
const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** One paragraph of text as HTML: escaped, line breaks kept, web addresses as links. */
export function paragraphHtml(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}" style="color:#1d4f91;word-break:break-all">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  html += escapeHtml(text.slice(last));
  return `<p style="margin:0 0 16px">${html.replace(/\r?\n/g, '<br>')}</p>`;
}

/** Plain text split into its paragraphs (blank lines between them). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The HTML alternative of a message: the same words as the text part, one column readable on a
 * phone, the Lao font stack, no remote images or styles (nothing is fetched when it is opened).
 */
export function emailHtml(content: EmailContent): string {
  return emailPage(content, paragraphsOf(content.body).map(paragraphHtml).join('\n'));
}

/** The page every e-mail's HTML part is: its title as the heading, then `inner` (already HTML). */
export function emailPage(content: { subject: string; locale: Locale }, inner: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${content.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:#f4f4f4;font-family:${escapeHtml(LAO_FONT_STACK)}">`,
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1a1a1a;font-size:16px;line-height:1.7">',
    `<h1 style="font-size:20px;line-height:1.5;margin:0 0 16px">${escapeHtml(content.subject)}</h1>`,
    inner,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * A Message-ID that is the same on every send of the same message (`notification-<id>`), so a mail system that
 * already has it can tell a repeat. The domain is the sender's (MAIL_FROM), else the service's.
 */
export function stableMessageId(messageKey: string, mailFrom: string, publicUrl: string): string {
  const fromDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1];
  const domain = fromDomain ?? new URL(publicUrl).hostname;
  return `<${messageKey}@${domain}>`;
}
