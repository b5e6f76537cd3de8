import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import {
  LANGUAGE_TAGS,
  SCRIPT_STYLE_IDS,
  scriptCharacterStyles,
  styledRuns,
} from '../../formats/docx-style';
import { printableText } from '../../formats/printable-text';
import { textWidthTwips, wordsOf } from '../../formats/text-width';
import { MatrixItemView } from '../comment.dto';
import { matrixColumnWidths, matrixDocx, matrixHeader, matrixRowTexts } from './matrix-docx';
import { MATRIX_COLUMNS, word } from './matrix-labels';

const item: MatrixItemView = {
  commentId: 'c1',
  versionNumber: 2,
  sectionKey: 'art-1',
  sectionHeading: 'ມາດຕາ 1: ຫ້ອງລໍຖ້າ',
  author: { id: 'u1', name: 'Judge Somphone' },
  commenter: 'ທ່ານ ສົມພອນ',
  institution: 'Vientiane Capital Court',
  spokenBy: null,
  text: 'ຄວນເພີ່ມນາຍແປພາສາ\nSecond line\u000Bthird',
  quote: null,
  suggestion: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  dispositionStatus: 'ACCEPTED',
  response: 'ເພີ່ມແລ້ວໃນສະບັບທີ 2',
  answeredInVersion: 2,
};

async function packagePart(locale: 'lo' | 'en', name: string) {
  const bytes = await matrixDocx(
    [item, { ...item, commentId: 'c2' }],
    {
      title: 'Comment matrix',
      subtitle: 'All versions',
      generatedAt: new Date('2026-12-01T00:00:00Z'),
    },
    locale,
  );
  return strFromU8(unzipSync(new Uint8Array(bytes))[name]);
}

const documentXml = (locale: 'lo' | 'en') => packagePart(locale, 'word/document.xml');

describe('matrixDocx', () => {
  it('sizes every column to at least the longest word of its header, in both languages', async () => {
    for (const locale of ['en', 'lo'] as const) {
      const xml = await documentXml(locale);
      const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const headers = [
        MATRIX_COLUMNS.number,
        MATRIX_COLUMNS.version,
        MATRIX_COLUMNS.section,
        MATRIX_COLUMNS.commenter,
        MATRIX_COLUMNS.comment,
        MATRIX_COLUMNS.quote,
        MATRIX_COLUMNS.disposition,
        MATRIX_COLUMNS.response,
        MATRIX_COLUMNS.answeredIn,
      ].map((w) => word(w, locale));
      expect(grid).toHaveLength(headers.length);
      headers.forEach((header, i) => {
        const longest = Math.max(...wordsOf(header).map((w) => textWidthTwips(w, 18, true)));
        expect({ header, fits: grid[i] >= longest + 216 }).toEqual({ header, fits: true });
      });
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(16838 - 2 * 720);
    }
    expect(wordsOf('Answered in version')).toEqual(['Answered', 'in', 'version']);
    expect(wordsOf('ຕອບໃນສະບັບ')).toEqual(['ຕອບ', 'ໃນ', 'ສະບັບ']);
    expect(wordsOf('ລ/ດ')).toEqual(['ລ/ດ']);
  });

  it('keeps every row on one page, repeats the header row and tags each run with its language', async () => {
    const xml = await documentXml('lo');
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toContain('<w:cantSplit/>');
    expect(rows[0]).toContain('<w:tblHeader/>');
    // A body row's run names its script's character style; the style carries fonts and language.
    const styles = await packagePart('lo', 'word/styles.xml');
    const styleProps = (id: string) =>
      new RegExp(`<w:style w:type="character" w:styleId="${id}">.*?<w:rPr>(.*?)</w:rPr>`).exec(
        styles,
      )?.[1] ?? '';
    const runs = [...xml.matchAll(/<w:r><w:rPr>(.*?)<\/w:rPr><w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)];
    const propsOf = (text: string) => {
      const props = runs.find((r) => r[2] === text)?.[1] ?? '';
      const style = /<w:rStyle w:val="([^"]+)"\/>/.exec(props)?.[1];
      return style ? props + styleProps(style) : props;
    };
    expect(propsOf('ເພີ່ມແລ້ວໃນສະບັບທີ')).toContain('<w:lang w:val="lo-LA" w:bidi="lo-LA"/>');
    expect(propsOf('ເພີ່ມແລ້ວໃນສະບັບທີ')).toContain('w:cs="Phetsarath OT"');
    expect(propsOf(' 2')).toContain('w:cs="Times New Roman"');
    expect(propsOf('Vientiane Capital Court')).toContain('<w:lang w:val="en-US"');
    for (const [, , text] of runs) {
      if (text !== '') expect(propsOf(text)).toContain('<w:lang ');
    }
  });

  it('writes each line of a comment as a paragraph, a vertical tab as a line too', async () => {
    const xml = await documentXml('en');
    for (const line of ['Second line', 'third']) {
      expect(xml).toContain(`<w:t xml:space="preserve">${line}</w:t></w:r></w:p>`);
    }
    expect(xml).not.toContain('\u000B');
  });
});

describe('matrixDocx body rows', () => {
  // The rows as docx's own object model writes them: the reference the text writer must equal.
  // Each run of the shared script rule (styledRuns) names the character style of its language.
  function docxRow(texts: string[], widths: number[]): TableRow {
    return new TableRow({
      cantSplit: true,
      children: texts.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            children: printableText(text || ' ')
              .split(/\r\n?|\n/)
              .map(
                (line) =>
                  new Paragraph({
                    children: styledRuns(line).map(
                      (run) =>
                        new TextRun({
                          style:
                            run.language?.value === LANGUAGE_TAGS.lo
                              ? SCRIPT_STYLE_IDS.lao
                              : SCRIPT_STYLE_IDS.latin,
                          ...(run.children ? { children: run.children } : { text: run.text }),
                        }),
                    ),
                  }),
              ),
          }),
      ),
    });
  }

  it('gives each script style the fonts and language the script rule gives a run', () => {
    const [latin, lao] = scriptCharacterStyles();
    const [latinRun] = styledRuns('Court');
    const [laoRun] = styledRuns('ສານ');
    expect(latin).toMatchObject({ id: SCRIPT_STYLE_IDS.latin });
    expect(latin.run).toEqual({ font: latinRun.font, language: latinRun.language });
    expect(lao).toMatchObject({ id: SCRIPT_STYLE_IDS.lao });
    expect(lao.run).toEqual({ font: laoRun.font, language: laoRun.language });
  });

  const rowsOf = (xml: string) => [...xml.matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]);

  it('writes each row as the XML docx writes for it, byte for byte', async () => {
    const items: MatrixItemView[] = [
      item,
      {
        ...item,
        commentId: 'c2',
        text: 'Tabs\there <&> "quotes" \'apostrophes\'\r\nCRLF\u0001dropped\u2028separator',
        quote: 'ຫ້ອງລໍຖ້າ 24 ຊົ່ວໂມງ',
        spokenBy: { name: 'ທ່ານ ບຸນມີ', institution: 'Ministry of Justice' },
        suggestion: {
          text: 'ຫ້ອງລໍຖ້າແຍກຕ່າງຫາກ',
          status: 'OPEN',
          appliedInVersion: null,
          inDraft: true,
        },
        dispositionStatus: null,
        response: null,
        answeredInVersion: null,
      },
      { ...item, commentId: 'c3', text: '', sectionHeading: '\tLeading tab', commenter: '' },
    ];
    for (const locale of ['lo', 'en'] as const) {
      const header = matrixHeader(locale);
      const widths = matrixColumnWidths(header);
      const reference = new Document({
        sections: [
          {
            children: [
              new Table({
                columnWidths: widths,
                rows: items.map((it, n) => docxRow(matrixRowTexts(it, n, locale), widths)),
              }),
            ],
          },
        ],
      });
      const expected = rowsOf(
        strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(reference)))['word/document.xml']),
      );
      const bytes = await matrixDocx(items, { title: 'T', subtitle: 'S' }, locale);
      const actual = rowsOf(strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']));
      expect(actual.slice(1)).toEqual(expected);
      expect(actual).toHaveLength(items.length + 1);
    }
  });
});
