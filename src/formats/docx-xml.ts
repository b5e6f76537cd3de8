import { Tab } from 'docx';
import { StyledRun } from './docx-style';

/**
 * WordprocessingML written straight as text, for the parts of a document that are large and
 * regular (the thousands of rows of a comment matrix). docx builds an object per element and
 * walks them several times, which costs about a millisecond per table row; this writes the same
 * XML as docx writes for the same run options (`docx-xml.spec.ts` holds the two to the same
 * bytes), in a single pass. Small, irregular parts of a document are still built with docx.
 */

const ESCAPED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPED[ch]);
}

function onOff(name: string, value: boolean | undefined): string {
  if (value === undefined) return '';
  return value
    ? `<w:${name}/><w:${name}Cs/>`
    : `<w:${name} w:val="false"/><w:${name}Cs w:val="false"/>`;
}

/** Run properties by font slots (the shared constant objects of docx-style.ts), then the rest. */
const propertiesCache = new WeakMap<object, Map<string, string>>();
const NO_FONT = {};

/** `<w:rPr>` of a run's options, in docx's element order. */
export function runPropertiesXml(run: StyledRun): string {
  const font = run.font as
    { ascii?: string; cs?: string; eastAsia?: string; hAnsi?: string } | undefined;
  const language = run.language as { value?: string; bidirectional?: string } | undefined;
  const fontKey = (font ?? NO_FONT) as object;
  let byRest = propertiesCache.get(fontKey);
  if (!byRest) propertiesCache.set(fontKey, (byRest = new Map()));
  const key = `${run.bold}|${run.italics}|${run.color}|${run.size}|${language?.value}|${language?.bidirectional}`;
  const cached = byRest.get(key);
  if (cached !== undefined) return cached;
  if (typeof run.font === 'string' || (font && Object.keys(font).some((k) => !FONT_SLOTS.has(k)))) {
    throw new Error('runPropertiesXml: fonts are named by slot (ascii, cs, eastAsia, hAnsi)');
  }
  let xml = '';
  if (font) {
    const attributes = (['ascii', 'cs', 'eastAsia', 'hAnsi'] as const)
      .filter((slot) => font[slot] !== undefined)
      .map((slot) => ` w:${slot}="${escapeXml(font[slot]!)}"`)
      .join('');
    xml += `<w:rFonts${attributes}/>`;
  }
  xml += onOff('b', run.bold) + onOff('i', run.italics);
  if (typeof run.color === 'object')
    throw new Error('runPropertiesXml: theme colours are not written');
  if (run.color !== undefined) xml += `<w:color w:val="${escapeXml(run.color)}"/>`;
  if (run.size !== undefined) xml += `<w:sz w:val="${run.size}"/><w:szCs w:val="${run.size}"/>`;
  if (language) {
    xml += '<w:lang';
    if (language.value !== undefined) xml += ` w:val="${escapeXml(language.value)}"`;
    if (language.bidirectional !== undefined) {
      xml += ` w:bidi="${escapeXml(language.bidirectional)}"`;
    }
    xml += '/>';
  }
  const properties = xml ? `<w:rPr>${xml}</w:rPr>` : '';
  byRest.set(key, properties);
  return properties;
}

const FONT_SLOTS = new Set(['ascii', 'cs', 'eastAsia', 'hAnsi']);

function textXml(text: string): string {
  return `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;
}

/** One `<w:r>`: its properties, a line break when asked, then its text and tabs. */
export function runXml(run: StyledRun): string {
  let xml = `<w:r>${runPropertiesXml(run)}`;
  if (run.break) xml += '<w:br/>'.repeat(run.break);
  if (run.children) {
    for (const child of run.children) {
      if (typeof child === 'string') xml += textXml(child);
      else if (child instanceof Tab) xml += '<w:tab/>';
      else throw new Error('runXml: a run holds text and tabs only');
    }
  } else {
    xml += textXml(run.text ?? '');
  }
  return `${xml}</w:r>`;
}

/** A paragraph without properties of its own, made of runs. */
export function paragraphXml(runs: StyledRun[]): string {
  return `<w:p>${runs.map(runXml).join('')}</w:p>`;
}
