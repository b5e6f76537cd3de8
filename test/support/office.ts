import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';

/**
 * Files opened the way people open them: LibreOffice headless (`soffice`, installed in CI by
 * .ci/install-libreoffice.sh) converts a Word document or a CSV file as Writer or Calc reads it.
 * Each conversion has its own LibreOffice profile, so test files can convert at the same time.
 */

const run = promisify(execFile);

export async function convertWithLibreOffice(
  input: Buffer,
  inputName: string,
  to: string,
  options: { infilter?: string } = {},
): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'lo-test-'));
  try {
    const source = join(dir, inputName);
    await writeFile(source, input);
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      ...(options.infilter ? [`--infilter=${options.infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      dir,
      source,
    ];
    const { stdout, stderr } = await run('soffice', args, { timeout: 120_000 });
    const output = join(dir, `${inputName.replace(/\.[^.]+$/, '')}.${to.split(':')[0]}`);
    try {
      return await readFile(output);
    } catch {
      throw new Error(`soffice did not write ${to}: ${stdout} ${stderr}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One file of a zip package (an ODT's content.xml, a DOCX's docProps/core.xml). */
export function zipEntry(bytes: Buffer, name: string): string {
  const files = unzipSync(new Uint8Array(bytes), { filter: (file) => file.name === name });
  if (!files[name]) throw new Error(`${name} is not in the package`);
  return strFromU8(files[name]);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an XML fragment: tags dropped, entities decoded, ODF spaces, tabs and breaks kept. */
export function xmlText(fragment: string): string {
  return fragment
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) =>
      ' '.repeat(Number(n ?? 1)),
    )
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<text:line-break\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);
}

/** The headings of an ODT's content.xml, as LibreOffice imported them: outline level and text. */
export function odtHeadings(contentXml: string): [number, string][] {
  return [
    ...contentXml.matchAll(/<text:h [^>]*?text:outline-level="(\d+)"[^>]*>(.*?)<\/text:h>/g),
  ].map((m) => [Number(m[1]), xmlText(m[2])]);
}

/**
 * The fonts (family names) LibreOffice gives the span that holds exactly `text`: the Western
 * (Latin) font and the complex-script (CTL, Lao) font of its style, an automatic style of
 * content.xml or, with the ODT's styles.xml, a named character style (a Word `w:rStyle`).
 */
export function odtSpanFonts(
  contentXml: string,
  text: string,
  stylesXml?: string,
): { latin: string; complex: string } {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const span = new RegExp(`<text:span text:style-name="([^"]+)">${escaped}</text:span>`).exec(
    contentXml,
  );
  if (!span) throw new Error(`no span holds "${text}"`);
  const styleOf = (xml: string) =>
    new RegExp(
      `<style:style style:name="${span[1]}"(?: style:display-name="[^"]*")? style:family="text"><style:text-properties ([^>]*)/>`,
    ).exec(xml);
  const style = styleOf(contentXml) ?? (stylesXml ? styleOf(stylesXml) : null);
  if (!style) throw new Error(`no text style ${span[1]}`);
  const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(style[1])?.[1] ?? '';
  const family = (faceName: string) => {
    const face = new RegExp(
      `<style:font-face style:name="${faceName}" svg:font-family="([^"]*)"`,
    ).exec(stylesXml && !styleOf(contentXml) ? stylesXml : contentXml);
    return face ? xmlText(face[1]).replace(/^'|'$/g, '') : faceName;
  };
  return {
    latin: family(attribute('style:font-name')),
    complex: family(attribute('style:font-name-complex')),
  };
}

/** The text of each paragraph of a Word document's XML, its runs joined (`w:br` as a line break). */
export function docxParagraphs(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:p(?: [^>]*)?>(.*?)<\/w:p>/g)].map((m) =>
    [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : xmlText(t[1])))
      .join(''),
  );
}

export interface SpreadsheetCell {
  text: string;
  /** The formula Calc made of the cell, if it made one. */
  formula: string | null;
}

/**
 * A CSV file as LibreOffice Calc opens it: UTF-8, comma-separated, double quotes, and formulas
 * evaluated (Calc's "Evaluate formulas", as Excel always does), so a cell Calc would run shows up
 * with its formula. Rows of cells, trailing empty cells and rows left out.
 */
export async function openCsvInCalc(csv: Buffer): Promise<SpreadsheetCell[][]> {
  // Tokens: separator, text delimiter, UTF-8, first line, column formats, language, quoted as
  // text, special numbers, (3 export options), evaluate formulas.
  const infilter = 'CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true';
  const fods = (await convertWithLibreOffice(csv, 'export.csv', 'fods', { infilter })).toString(
    'utf8',
  );
  const rows: SpreadsheetCell[][] = [];
  for (const row of fods.matchAll(/<table:table-row[^>]*?(?:\/>|>(.*?)<\/table:table-row>)/gs)) {
    const cells: SpreadsheetCell[] = [];
    for (const cell of (row[1] ?? '').matchAll(
      /<table:table-cell([^>]*?)(?:\/>|>(.*?)<\/table:table-cell>)/gs,
    )) {
      const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(cell[1])?.[1] ?? 1);
      const text = [...(cell[2] ?? '').matchAll(/<text:p>(.*?)<\/text:p>|<text:p\/>/gs)]
        .map((p) => xmlText(p[1] ?? ''))
        .join('\n');
      const formula = /table:formula="([^"]*)"/.exec(cell[1]);
      for (let i = 0; i < Math.min(repeated, 64); i++) {
        cells.push({ text, formula: formula ? xmlText(formula[1]) : null });
      }
    }
    while (
      cells.length &&
      cells[cells.length - 1].text === '' &&
      !cells[cells.length - 1].formula
    ) {
      cells.pop();
    }
    rows.push(cells);
  }
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
