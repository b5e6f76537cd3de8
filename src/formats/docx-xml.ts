import { Tab } from 'docx';
import { scriptStyledSpans } from './docx-style';

/**
 * WordprocessingML written straight as text, for the parts of a document that are large and
 * regular (the thousands of rows of a comment matrix). docx builds an object per element and
 * walks them several times, which costs about a millisecond per table row; this writes the same
 * XML docx writes for a paragraph of `TextRun({style, text})` runs (matrix-docx.spec.ts holds the
 * two to the same bytes), in a single pass. Each run names its script's character style
 * (`SCRIPT_STYLE_IDS` of docx-style.ts) rather than repeating fonts and language: a fifth of the
 * bytes to write, encode and compress. Small, irregular parts of a document are still docx's.
 */

const ESCAPED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPED[ch]) : text;
}

function textXml(text: string): string {
  return `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;
}

/** One line as a paragraph without properties of its own: a run per script span, by style. */
export function styledParagraphXml(line: string): string {
  let xml = '<w:p>';
  for (const { style, content } of scriptStyledSpans(line)) {
    xml += `<w:r><w:rPr><w:rStyle w:val="${style}"/></w:rPr>`;
    if (content.children) {
      for (const child of content.children) {
        if (typeof child === 'string') xml += textXml(child);
        else if (child instanceof Tab) xml += '<w:tab/>';
        else throw new Error('styledParagraphXml: a run holds text and tabs only');
      }
    } else {
      xml += textXml(content.text ?? '');
    }
    xml += '</w:r>';
  }
  return `${xml}</w:p>`;
}
