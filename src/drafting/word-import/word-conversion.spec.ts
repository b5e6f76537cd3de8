import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { convertWordFile } from './word-conversion';

const CHANGE = { id: 1, author: 'Vanida', date: '2026-11-30T10:00:00Z' };

describe('convertWordFile', () => {
  it('reads tracked changes as accepted and says so, leaves Word comments out and counts them', async () => {
    const document = new Document({
      comments: {
        children: [{ id: 0, author: 'Judge', date: new Date(), children: [new Paragraph('Why?')] }],
      },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Scope' }),
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun('The court '),
                new DeletedTextRun({ ...CHANGE, text: 'may' }),
                new InsertedTextRun({ ...CHANGE, id: 2, text: 'shall' }),
                new TextRun(' listen.'),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Empty' }),
          ],
        },
      ],
    });
    const result = await convertWordFile(await Packer.toBuffer(document));
    expect(result).toEqual({
      ok: true,
      preamble: false,
      sections: [
        { heading: 'Scope', body: 'The court shall listen.' },
        { heading: 'Empty', body: '' },
      ],
      warnings: [
        expect.objectContaining({
          code: 'COMMENTS_DROPPED',
          en: expect.stringContaining('1 Word comment'),
        }),
        expect.objectContaining({ code: 'TRACKED_CHANGES' }),
        expect.objectContaining({
          code: 'EMPTY_SECTION',
          en: 'Section "Empty" has a heading but no text',
        }),
      ],
    });
  });

  it('keeps text before the first heading as a preamble, and uses Heading 2 when there is no Heading 1', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph('ຄຳນຳ'),
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'ມາດຕາ 1' }),
            new Paragraph('ຂໍ້ຄວາມ'),
            new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'Sub-heading' }),
            new Paragraph('More'),
          ],
        },
      ],
    });
    const result = await convertWordFile(await Packer.toBuffer(document));
    expect(result).toMatchObject({
      ok: true,
      preamble: true,
      sections: [
        { heading: '', body: 'ຄຳນຳ' },
        { heading: 'ມາດຕາ 1', body: 'ຂໍ້ຄວາມ\n\nSub-heading\n\nMore' },
      ],
      warnings: [
        expect.objectContaining({ code: 'SECTIONS_FROM_HEADING_LEVEL' }),
        expect.objectContaining({ code: 'TEXT_BEFORE_FIRST_HEADING' }),
      ],
    });
  });
});
