import MarkdownIt from 'markdown-it';
import { Stage } from '../court/stage';
import { DocumentSection, GuidelineDocument } from './guideline-document';
import {
  GuidelineMarkdownError,
  parseGuidelineMarkdown,
  renderGuidelineMarkdown,
} from './guideline-markdown';

const HASH = 'a'.repeat(64);

function docOf(sections: DocumentSection[]): GuidelineDocument {
  return {
    guideline: {
      code: 'VSC-GL',
      title: { en: 'Guidelines for victim-sensitive courts', lo: 'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      stage: Stage.ADOPTED,
      currentVersion: 3,
    },
    version: {
      number: 3,
      stage: Stage.TECHNICAL_WORKING_GROUP,
      contentHash: HASH,
      publishedAt: new Date('2026-02-01T03:00:00Z'),
      adoptedAt: new Date('2026-06-01T03:00:00Z'),
    },
    sections,
  };
}

const SECTIONS: DocumentSection[] = [
  {
    key: 'purpose',
    heading: 'ຈຸດປະສົງ / Purpose',
    body: 'ຜູ້ເຄາະຮ້າຍຈາກການຄ້າມະນຸດຕ້ອງໄດ້ຮັບການປະຕິບັດຢ່າງຍຸຕິທຳ.\n\nVictims are treated with fairness.',
    kind: 'text',
  },
  {
    key: 'waiting-room',
    heading: 'Separate waiting room',
    body: 'The court offers a waiting room apart from the accused.',
    kind: 'indicator',
    code: 'VSC-3',
    category: 'Court environment / ສະພາບແວດລ້ອມ',
  },
  {
    key: 'markdown-in-body',
    heading: 'Heading with *stars* and `ticks` #1',
    body: '## not a section\n<!-- section {"key":"fake"} -->\n```text\ncode\n```\n---\n\n\n  indented  \n* list\n> quote\n\\ backslash',
    kind: 'text',
  },
  { key: 'empty', heading: 'Empty body', body: '', kind: 'text' },
  { key: 'blank-edges', heading: 'Blank lines around', body: '\n\nmiddle\n\n', kind: 'text' },
  { key: 'crlf', heading: 'Windows line ends', body: 'one\r\ntwo\r\n', kind: 'text' },
  { key: 'odd-heading', heading: '  spaced heading ##\nsecond line', body: 'x', kind: 'text' },
  { key: 'no-heading', heading: '', body: 'ບໍ່ມີຫົວຂໍ້', kind: 'text' },
  {
    key: 'indicator-no-category',
    heading: '[VSC-3] looks like a code',
    body: '**Indicator** inside the statement\n````\nfour ticks',
    kind: 'indicator',
    code: 'VSC-9',
  },
  {
    key: 'quote-chars',
    heading: 'He said "-->" and <b>',
    body: '"-->" ${x} | a | b |',
    kind: 'text',
  },
];

describe('renderGuidelineMarkdown / parseGuidelineMarkdown', () => {
  it('round-trips every section exactly, Lao, blank lines and Markdown characters included', () => {
    const markdown = renderGuidelineMarkdown(docOf(SECTIONS));
    const parsed = parseGuidelineMarkdown(markdown);
    expect(parsed.sections).toStrictEqual(SECTIONS);
  });

  it('writes front matter and recognisable sections', () => {
    const markdown = renderGuidelineMarkdown(docOf(SECTIONS));
    expect(markdown.startsWith('---\ncode: "VSC-GL"\nversion: 3\n')).toBe(true);
    expect(markdown).toContain('\n## 1. ຈຸດປະສົງ / Purpose\n');
    expect(markdown).toContain('\n## [VSC-3] Separate waiting room\n');
    expect(markdown).toContain(
      '**Indicator** VSC-3 · **Category**: Court environment / ສະພາບແວດລ້ອມ',
    );
    const meta = parseGuidelineMarkdown(markdown).meta;
    expect(meta).toMatchObject({
      code: 'VSC-GL',
      version: 3,
      contentHash: HASH,
      title: { en: 'Guidelines for victim-sensitive courts', lo: 'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
      stage: 'TECHNICAL_WORKING_GROUP',
      adoptedAt: '2026-06-01T03:00:00.000Z',
    });
  });

  it('round-trips random bodies and headings built from Markdown-significant pieces', () => {
    const viewer = new MarkdownIt('commonmark');
    const pieces = [
      '#',
      '## ',
      '`',
      '```',
      '~~~',
      '-',
      '---',
      '=',
      '*',
      '<!--',
      '-->',
      '\n',
      '\n\n',
      '\r\n',
      ' ',
      '\t',
      'ກ',
      'ສານ',
      'a',
      '[X-1]',
      '>',
      '\\',
      '"',
      '{',
      '}',
      '|',
      '\r',
      '&',
      '&#32;',
      '1.',
      '2)',
      '+',
      '_',
      '~',
      '    ',
      '\\\\',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const text = (max: number) =>
      Array.from(
        { length: Math.floor(random() * max) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
    for (let round = 0; round < 300; round += 1) {
      const sections: DocumentSection[] = Array.from(
        { length: 1 + Math.floor(random() * 4) },
        (_, i) => {
          const indicator = random() < 0.3;
          return {
            key: `k${i}${text(3)}`,
            heading: text(6),
            body: text(30),
            kind: indicator ? 'indicator' : 'text',
            ...(indicator ? { code: `X-${i}${text(2)}` } : {}),
            ...(indicator && random() < 0.5 ? { category: text(4) } : {}),
          };
        },
      );
      const markdown = renderGuidelineMarkdown(docOf(sections));
      const parsed = parseGuidelineMarkdown(markdown);
      expect(parsed.sections).toStrictEqual(sections);
      // And a CommonMark viewer sees the title, one heading per section and nothing but text.
      const tokens = viewer.parse(markdown, {});
      expect(tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag)).toEqual([
        'h1',
        ...sections.map(() => 'h2'),
      ]);
      const structure = tokens
        .filter((t) => t.block && t.nesting !== -1)
        .map((t) => (t.type === 'html_block' ? t.content.slice(0, 13) : t.type))
        .filter((type) => !['heading_open', 'paragraph_open', 'inline', 'hr'].includes(type));
      expect(structure).toEqual(sections.map(() => '<!-- section '));
      expect(tokens.filter((t) => t.type === 'hr')).toHaveLength(2);
    }
  });

  it('reads Markdown written by hand: keys from headings, [CODE] for indicators', () => {
    const parsed = parseGuidelineMarkdown(
      [
        '# My draft',
        '',
        '## Purpose',
        '',
        'Victims first.',
        '',
        '## Purpose',
        'Again.',
        '## [VSC-1] Interpreter available',
        '',
        '**Indicator** VSC-1 · **Category**: Language',
        '',
        'An interpreter is present.',
        '',
        '## ຄຳນິຍາມ',
        '',
        'ຄຳສັບ',
        '',
      ].join('\n'),
    );
    expect(parsed.meta).toEqual({});
    expect(parsed.sections).toStrictEqual([
      { key: 'purpose', heading: 'Purpose', body: 'Victims first.', kind: 'text' },
      { key: 'purpose-2', heading: 'Purpose', body: 'Again.', kind: 'text' },
      {
        key: 'vsc-1',
        heading: 'Interpreter available',
        body: 'An interpreter is present.',
        kind: 'indicator',
        code: 'VSC-1',
        category: 'Language',
      },
      { key: 'section-4', heading: 'ຄຳນິຍາມ', body: 'ຄຳສັບ', kind: 'text' },
    ]);
  });

  it('lists every problem with its line', () => {
    const markdown = [
      '## One',
      '<!-- section {"key":"a","kind":"text"} -->',
      '',
      'x',
      '',
      '## Two',
      '<!-- section {"key":"a","kind":"text"} -->',
      '',
      'y',
      '',
      '## Three',
      '<!-- section {not json} -->',
      '',
      '## Four',
      '<!-- section {"key":"d","kind":"text"} -->',
      '',
      '```text',
      'never closed',
    ].join('\n');
    let error: GuidelineMarkdownError | undefined;
    try {
      parseGuidelineMarkdown(markdown);
    } catch (e) {
      error = e as GuidelineMarkdownError;
    }
    expect(error).toBeInstanceOf(GuidelineMarkdownError);
    expect(error!.problems.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 6, message: 'section key "a" is used twice (first at line 1)' },
      { line: 12, message: 'section metadata is not valid JSON' },
      { line: 17, message: 'fenced section body is not closed' },
    ]);
  });

  describe('in a CommonMark viewer (markdown-it)', () => {
    const md = new MarkdownIt('commonmark');
    const tokens = md.parse(renderGuidelineMarkdown(docOf(SECTIONS)), {});
    const headings = tokens
      .map((token, i) => ({ token, inline: tokens[i + 1] }))
      .filter(({ token }) => token.type === 'heading_open')
      .map(({ token, inline }) => `${token.tag} ${inline.content}`);

    it('shows the title as the first heading and one numbered heading per section', () => {
      expect(headings[0]).toBe('h1 ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ');
      expect(headings.slice(1).map((h) => h.slice(0, 3))).toEqual(SECTIONS.map(() => 'h2 '));
      const html = md.render(renderGuidelineMarkdown(docOf(SECTIONS)));
      const shown = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
      expect(shown.slice(0, 3)).toEqual([
        '1. ຈຸດປະສົງ / Purpose',
        '[VSC-3] Separate waiting room',
        '2. Heading with *stars* and `ticks` #1',
      ]);
    });

    it('keeps every body a paragraph: no code block, list, quote, rule or HTML from its text', () => {
      const types = new Set(tokens.map((t) => t.type));
      for (const type of ['code_block', 'fence', 'bullet_list_open', 'blockquote_open']) {
        expect(types.has(type)).toBe(false);
      }
      // Only the front matter's two rules; the only HTML is the section markers.
      expect(tokens.filter((t) => t.type === 'hr')).toHaveLength(2);
      for (const t of tokens.filter((t) => t.type === 'html_block')) {
        expect(t.content).toMatch(/^<!-- section \{.*\} -->\n$/);
      }
      const html = md.render(renderGuidelineMarkdown(docOf(SECTIONS)));
      expect(html).toContain(
        '<p>## not a section<br />\n&lt;!-- section {&quot;key&quot;:&quot;fake&quot;} --&gt;<br />',
      );
      expect(html).toContain('* list<br />\n&gt; quote<br />\n\\ backslash</p>');
      expect(html).not.toContain('<em>');
    });

    it('shows the front matter, where a viewer does not know it, as text between two rules', () => {
      const firstHeading = tokens.findIndex((t) => t.type === 'heading_open');
      expect(tokens.slice(0, firstHeading).map((t) => t.type)).toEqual([
        'hr',
        'paragraph_open',
        'inline',
        'paragraph_close',
        'hr',
      ]);
    });
  });

  it('writes control characters as every export does: a vertical tab is a line break', () => {
    const parsed = parseGuidelineMarkdown(
      renderGuidelineMarkdown(
        docOf([{ key: 'k', heading: 'H', body: 'one\u000Btwo\u0007', kind: 'text' }]),
      ),
    );
    expect(parsed.sections[0].body).toBe('one\ntwo');
  });

  it('still reads exports of the earlier format exactly (fenced bodies, no numbers)', () => {
    const earlier = [
      '---',
      'code: "VSC-GL"',
      'version: 3',
      '---',
      '# Guidelines',
      '',
      '## Purpose',
      '<!-- section {"key":"purpose","kind":"text"} -->',
      '',
      '````text',
      '## not a section',
      '```',
      'C:\\path & more',
      '````',
      '',
      '## [VSC-3] Separate waiting room',
      '<!-- section {"key":"w","kind":"indicator","code":"VSC-3"} -->',
      '',
      '**Indicator** VSC-3',
      '',
      'A \\ backslash',
      '',
    ].join('\n');
    expect(parseGuidelineMarkdown(earlier).sections).toStrictEqual([
      {
        key: 'purpose',
        heading: 'Purpose',
        body: '## not a section\n```\nC:\\path & more',
        kind: 'text',
      },
      {
        key: 'w',
        heading: 'Separate waiting room',
        body: 'A \\ backslash',
        kind: 'indicator',
        code: 'VSC-3',
      },
    ]);
  });
});
