import { escapeHtml } from '../../formats/html';
import { printableText } from '../../formats/printable-text';
import { RedlineDocument, RedlineVersion } from './redline-docx';
import { Bilingual, bilingual, REDLINE_WORDS as W } from './redline-words';

function escape(text: string): string {
  return escapeHtml(printableText(text)).replace(/\r\n?|\n/g, '<br>');
}

const STYLE =
  'body{font-family:"Noto Sans Lao","Phetsarath OT",serif;max-width:50rem;margin:2rem auto;line-height:1.6}' +
  'ins{color:#0b5d1e;background:#e6f4ea;text-decoration:underline}' +
  'del{color:#8a1c1c;background:#fbeaea;text-decoration:line-through}' +
  '.hash{font-family:"Courier New",monospace;font-size:.85em;overflow-wrap:anywhere}';

function version(v: RedlineVersion): string {
  return (
    `<li><strong>${escape(bilingual(W.version(v.number)))}</strong>: ${escape(bilingual(W.published))} ` +
    `<time datetime="${v.publishedAt.toISOString()}">${v.publishedAt.toISOString().slice(0, 10)}</time>, ` +
    `${escape(bilingual(W.by))} ${escape(v.publishedBy)}<br>${escape(bilingual(W.contentHash))} (SHA-256): ` +
    `<span class="hash">${v.contentHash}</span></li>`
  );
}

/** Both languages, each marked with its own: a screen shows the one it speaks (same text as before). */
function bilingualHtml(words: Bilingual): string {
  return `<span lang="lo">${escape(words.lo)}</span> / <span lang="en">${escape(words.en)}</span>`;
}

/**
 * The redline as an HTML page: the same title block and paragraphs as the Word file, inserted
 * words in <ins> and deleted ones in <del> (a new or gone paragraph wholly so), every text escaped.
 * The redline itself is the page's <main>, which the web client shows on the version page.
 */
export function renderRedlineHtml(doc: RedlineDocument): string {
  const { guideline, newer, older, redline } = doc;
  const changes = redline.summary.added + redline.summary.removed + redline.summary.changed;
  const body = redline.paragraphs
    .map((p) => {
      const tag = p.heading ? 'h2' : 'p';
      const inner = p.ops
        .map((o) =>
          o.op === 'insert'
            ? `<ins>${escape(o.text)}</ins>`
            : o.op === 'delete'
              ? `<del>${escape(o.text)}</del>`
              : escape(o.text),
        )
        .join('');
      const mark =
        p.mark === 'equal' ? '' : ` class="${p.mark === 'insert' ? 'inserted' : 'deleted'}"`;
      return `<${tag}${mark}>${inner}</${tag}>`;
    })
    .join('\n');
  return (
    '<!doctype html>\n<html lang="lo"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escape(`${guideline.code} v${newer.number} / v${older.number}`)}</title><style>${STYLE}</style></head><body>\n` +
    `<header><h1>${escape(guideline.title.lo)}<br><span lang="en">${escape(guideline.title.en)}</span></h1>` +
    `<p><strong>${escape(bilingual(W.redline))}: ${escape(bilingual(W.versionAgainst(newer.number, older.number)))}</strong></p>` +
    `<ul>${version(newer)}${version(older)}</ul>` +
    `<p>${bilingualHtml(changes ? W.summary(redline.summary) : W.noChanges)}</p></header>\n` +
    `<main class="redline">\n${body}\n</main>\n</body></html>\n`
  );
}
